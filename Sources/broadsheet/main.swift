import BroadsheetCommands
import CBroadsheetSystem

broadsheet_tune_allocator()
await BroadsheetCommand.runFromCommandLine()
