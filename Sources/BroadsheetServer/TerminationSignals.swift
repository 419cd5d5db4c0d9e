import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT and SIGTERM into an awaitable event while a preview runs.
enum TerminationSignals {
    /// How many waiters currently rely on the signals being ignored by default; the last one restores them.
    private static let installed = Mutex(0)

    /// Returns when SIGINT or SIGTERM arrives, or when the calling task is cancelled.
    static func wait() async {
        let signals = [SIGINT, SIGTERM]
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingNewest(1))
        installed.withLock { count in
            // The default action would kill the process before the server could close its streams.
            if count == 0 { for number in signals { signal(number, SIG_IGN) } }
            count += 1
        }
        let sources = signals.map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        defer {
            for source in sources { source.cancel() }
            installed.withLock { count in
                count -= 1
                if count == 0 { for number in signals { signal(number, SIG_DFL) } }
            }
        }
        // The stream ends (nil) when the task is cancelled, so this returns either way.
        for await _ in stream { return }
    }
}
