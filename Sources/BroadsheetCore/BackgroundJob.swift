import CBroadsheetSystem
import Foundation
import Synchronization

/// Work running on a thread of its own while the caller goes on, awaited when its result must exist.
///
/// A thread rather than a task, for the reason `ParallelMap` gives: the work is long and never suspends.
public final class BackgroundJob: Sendable {
    private struct State {
        var finished = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Starts `work` at once.
    public init(_ work: @escaping @Sendable () -> Void) {
        let thread = Thread {
            broadsheet_reserve_thread_heap()
            work()
            self.finish()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func finish() {
        let waiters = state.withLock { state in
            state.finished = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the work has finished.
    public func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let finished = state.withLock { state in
                if !state.finished { state.waiters.append(continuation) }
                return state.finished
            }
            if finished { continuation.resume() }
        }
    }
}
