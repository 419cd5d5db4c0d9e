import Testing

/// Every test of the real binary, one at a time: each run is a process doing a build, and on a two-core machine
/// several at once would starve the in-process server suites that run beside them.
@Suite(.serialized) enum CLITests {}
