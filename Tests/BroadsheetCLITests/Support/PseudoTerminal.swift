import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum PseudoTerminalError: Error { case open(Int32) }

/// A pseudo-terminal for a child's stream, so the CLI sees a real terminal (isatty is true) while the test reads
/// every byte it draws. The reading runs on a thread of its own, so a chatty child never blocks on a full buffer.
final class PseudoTerminal: Sendable {
    /// The side the child writes to.
    let replica: Int32
    private let controller: Int32
    private let received = Mutex(Data())
    private let ended = Mutex(false)

    init() throws {
        controller = PTY.openpt(O_RDWR | O_NOCTTY)
        guard controller >= 0, PTY.grantpt(controller) == 0, PTY.unlockpt(controller) == 0, let name = PTY.ptsname(controller)
        else {
            throw PseudoTerminalError.open(errno)
        }
        replica = open(name, O_RDWR | O_NOCTTY)
        guard replica >= 0 else { throw PseudoTerminalError.open(errno) }
        Thread { [self] in readLoop() }.start()
    }

    /// Closes the parent's copy of the replica once the child has it, so reading ends when the child exits.
    func closeReplica() {
        close(replica)
    }

    /// Everything read so far; the terminal turns each "\n" into "\r\n".
    var text: String { String(decoding: received.withLock { $0 }, as: UTF8.self) }

    /// Whether the child's side has closed and everything was read.
    var hasEnded: Bool { ended.withLock { $0 } }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(controller, $0.baseAddress, $0.count) }
            if count > 0 {
                received.withLock { $0.append(contentsOf: buffer[0..<count]) }
            } else if count < 0, errno == EINTR {
                continue
            } else {
                break  // EIO once no process holds the replica open any more
            }
        }
        close(controller)
        ended.withLock { $0 = true }
    }
}

/// The pseudo-terminal calls of the C library. Glibc's Swift module leaves them out (they sit behind
/// _XOPEN_SOURCE), so on Linux they are looked up at run time; Darwin's module has them.
private enum PTY {
    #if canImport(Glibc)
    private static func function<F>(_ name: String, as type: F.Type) -> F {
        guard let symbol = dlsym(nil, name) else { fatalError("the C library has no \(name)") }
        return unsafeBitCast(symbol, to: type)
    }

    static func openpt(_ flags: Int32) -> Int32 {
        function("posix_openpt", as: (@convention(c) (Int32) -> Int32).self)(flags)
    }

    static func grantpt(_ fd: Int32) -> Int32 {
        function("grantpt", as: (@convention(c) (Int32) -> Int32).self)(fd)
    }

    static func unlockpt(_ fd: Int32) -> Int32 {
        function("unlockpt", as: (@convention(c) (Int32) -> Int32).self)(fd)
    }

    static func ptsname(_ fd: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: 128)
        let ptsnameR = function("ptsname_r", as: (@convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32).self)
        guard ptsnameR(fd, &buffer, buffer.count) == 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    #else
    static func openpt(_ flags: Int32) -> Int32 { posix_openpt(flags) }
    static func grantpt(_ fd: Int32) -> Int32 { Darwin.grantpt(fd) }
    static func unlockpt(_ fd: Int32) -> Int32 { Darwin.unlockpt(fd) }
    static func ptsname(_ fd: Int32) -> String? { Darwin.ptsname(fd).map { String(cString: $0) } }
    #endif
}
