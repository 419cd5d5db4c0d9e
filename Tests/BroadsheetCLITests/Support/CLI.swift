import Foundation
import TestSupport
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one run of the real `broadsheet` binary did.
struct CLIResult: Sendable, CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var timedOut: Bool

    var description: String { "exit \(status)\(timedOut ? " (timed out)" : "")\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
}

enum CLIError: Error, CustomStringConvertible {
    case binaryMissing(searched: [String])
    case spawn(Int32)

    var description: String {
        switch self {
        case .binaryMissing(let searched):
            "the broadsheet executable was not found next to the test bundle (looked in: \(searched.joined(separator: ", "))). "
                + "Build it with `swift build --build-tests` (scripts/test does), or set BROADSHEET_BINARY."
        case .spawn(let code): "posix_spawn failed: \(String(cString: strerror(code)))"
        }
    }
}

/// Runs the `broadsheet` executable the way a user does: a separate process, arguments, environment, exit status.
enum CLI {
    /// The debug binary beside the test bundle, wherever the scratch path is.
    static let binary: Result<String, CLIError> = locate()

    static func binaryPath() throws -> String { try binary.get() }

    /// Looks next to the running test bundle and up to four folders above it (a macOS bundle nests its executable
    /// in Contents/MacOS), so a custom `--scratch-path` works as well as the default one.
    private static func locate() -> Result<String, CLIError> {
        if let explicit = ProcessInfo.processInfo.environment["BROADSHEET_BINARY"], !explicit.isEmpty {
            return .success(explicit)
        }
        var starts: [String] = []
        if let argument = CommandLine.arguments.first {
            starts.append(URL(filePath: argument, relativeTo: .currentDirectory()).standardizedFileURL.path(percentEncoded: false))
        }
        #if os(Linux)
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { starts.append(exe) }
        #endif
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") { starts.append(bundle.bundlePath) }
        var searched: [String] = []
        for start in starts {
            var folder = URL(filePath: start).deletingLastPathComponent()
            for _ in 0..<5 {
                let candidate = folder.appending(path: "broadsheet").path(percentEncoded: false)
                searched.append(candidate)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                    access(candidate, X_OK) == 0
                {
                    return .success(candidate)
                }
                folder = folder.deletingLastPathComponent()
            }
        }
        return .failure(.binaryMissing(searched: searched))
    }

    /// The environment children get: this process's, with `changes` applied (nil removes a variable). Colour and
    /// time-zone variables from the developer's shell are removed first so every run starts from the same place.
    static func environment(_ changes: [String: String?]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["NO_COLOR", "TZ", "CLICOLOR_FORCE", "FORCE_COLOR"] { environment[name] = nil }
        for (name, value) in changes { environment[name] = value }
        return environment
    }

    /// Runs `broadsheet arguments…` to completion (killed after `timeout` seconds), capturing stdout and stderr.
    static func run(
        _ arguments: [String], environment: [String: String?] = [:], in directory: URL? = nil, timeout: Double = 120
    ) async throws -> CLIResult {
        let scratch = FileManager.default.temporaryDirectory.appending(path: "broadsheet-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stdoutPath = scratch.appending(path: "stdout").path(percentEncoded: false)
        let stderrPath = scratch.appending(path: "stderr").path(percentEncoded: false)
        let child = try ChildProcess(
            arguments: arguments, environment: Self.environment(environment), directory: directory,
            stdout: .file(stdoutPath), stderr: .file(stderrPath))
        defer { child.kill() }
        let (status, timedOut) = await child.wait(timeout: timeout)
        return CLIResult(
            status: status,
            stdout: (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "",
            timedOut: timedOut)
    }
}

/// A child process started with posix_spawn, so the test owns its pid, its signals and its reaping.
final class ChildProcess: Sendable {
    /// Where a standard stream of the child goes.
    enum Stream {
        /// A file, created or truncated.
        case file(String)
        /// An open descriptor of the parent, such as a pseudo-terminal.
        case descriptor(Int32)
    }

    let pid: pid_t
    /// The exit status once reaped.
    private let exit = Mutex<Int32?>(nil)

    init(arguments: [String], environment: [String: String], directory: URL?, stdout: Stream, stderr: Stream) throws {
        let executable = try CLI.binaryPath()
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        #else
        var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for (fd, stream) in [(Int32(1), stdout), (Int32(2), stderr)] {
            switch stream {
            case .file(let path): posix_spawn_file_actions_addopen(&actions, fd, path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            case .descriptor(let source): posix_spawn_file_actions_adddup2(&actions, source, fd)
            }
        }
        // Nothing else of the test process may leak into the child: another suite's server sockets held open
        // by a `broadsheet` child would keep that suite's clients from ever seeing the connection close.
        closeInheritedDescriptors(&actions)
        #if canImport(Darwin)
        var attributes: posix_spawnattr_t?
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_CLOEXEC_DEFAULT))
        #endif
        // Relative paths in arguments (init DIR, --output) resolve against the working folder, as in a shell.
        let folder = directory?.path(percentEncoded: false)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        func spawn(_ path: String, _ arguments: [UnsafeMutablePointer<CChar>?]) -> Int32 {
            #if canImport(Darwin)
            posix_spawn(&pid, path, &actions, &attributes, arguments, envp)
            #else
            posix_spawn(&pid, path, &actions, nil, arguments, envp)
            #endif
        }
        let code: Int32
        if let folder {
            // posix_spawn has no portable chdir action; a tiny shell does the cd and then execs the binary.
            let script = "cd \"$0\" && exec \"$@\""
            let shellArgv: [UnsafeMutablePointer<CChar>?] = (["/bin/sh", "-c", script, folder, executable] + arguments)
                .map { strdup($0) } + [nil]
            defer { for pointer in shellArgv { free(pointer) } }
            code = spawn("/bin/sh", shellArgv)
        } else {
            code = spawn(executable, argv)
        }
        guard code == 0 else { throw CLIError.spawn(code) }
        self.pid = pid
    }

    /// The exit status (128 + signal when killed by one), reaping the child if it has ended; nil while it runs.
    func poll() -> Int32? {
        exit.withLock { exit in
            if let exit { return exit }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
            let low = status & 0x7F
            exit = low == 0 ? (status >> 8) & 0xFF : 128 + low
            return exit
        }
    }

    /// Waits on a thread of its own (never the concurrency pool) until the child ends or `timeout` passes, then
    /// kills it; returns the status and whether it had to be killed.
    func wait(timeout: Double) async -> (status: Int32, timedOut: Bool) {
        await withCheckedContinuation { continuation in
            Thread { [self] in
                let deadline = Date().addingTimeInterval(timeout)
                while Date() < deadline {
                    if let status = poll() {
                        continuation.resume(returning: (status, false))
                        return
                    }
                    usleep(5_000)
                }
                kill()
                continuation.resume(returning: (poll() ?? -1, true))
            }.start()
        }
    }

    /// Sends `signal` unless the child was already reaped.
    func signal(_ number: Int32) {
        if poll() == nil { _ = sendSignal(pid, number) }
    }

    /// Kills and reaps the child if it is still running; safe to call any number of times.
    func kill() {
        guard poll() == nil else { return }
        _ = sendSignal(pid, SIGKILL)
        var status: Int32 = 0
        exit.withLock { exit in
            guard exit == nil else { return }
            _ = waitpid(pid, &status, 0)
            exit = 128 + SIGKILL
        }
    }
}

#if canImport(Glibc)
/// Adds actions that close every descriptor from 3 up in the child, after the dup2 actions already added.
private func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    // glibc 2.34+ closes them all at spawn time, with no race against descriptors other threads open meanwhile.
    if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
        if unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3) == 0 { return }
    }
    let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    for fd in open.compactMap({ Int32($0) }) where fd > 2 {
        posix_spawn_file_actions_addclose(&actions, fd)
    }
}
#else
/// Darwin closes the rest through POSIX_SPAWN_CLOEXEC_DEFAULT.
private func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t?) {}
#endif

/// `kill(2)`, named apart from `ChildProcess.kill()`.
private func sendSignal(_ pid: pid_t, _ number: Int32) -> Int32 {
    kill(pid, number)
}


extension String {
    /// The text's lines without their newline characters.
    var lines: [String] { split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// Whether the text holds an ESC character, the start of every ANSI escape sequence.
    var hasEscapes: Bool { contains("\u{1B}") }
}
