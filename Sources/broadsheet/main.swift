import BroadsheetCommands

await BroadsheetCommand.runFromCommandLine()
