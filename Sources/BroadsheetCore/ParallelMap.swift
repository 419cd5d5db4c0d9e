import CBroadsheetSystem
import Foundation
import Synchronization

/// Order-preserving parallel map over a bounded number of worker threads.
public enum ParallelMap {
    /// Applies `transform` to every element on at most `jobs` threads, keeping the input order.
    ///
    /// The work runs on threads of its own rather than on Swift's cooperative pool: a build is long,
    /// CPU-bound and never suspends, and on a two-core machine it would otherwise occupy every pool thread
    /// and stall the preview server (and anything else awaiting) until it finished. Items are handed out in
    /// small contiguous chunks, so workers stay busy to the end and memory stays flat.
    public static func map<Element: Sendable, Result: Sendable>(
        _ items: [Element],
        jobs: Int,
        _ transform: @escaping @Sendable (Element) -> Result
    ) async -> [Result] {
        let workers = min(max(1, jobs), max(1, items.count))
        if workers == 1 { return items.map(transform) }
        let chunkSize = max(1, min(64, items.count / (workers * 8)))
        let chunkCount = (items.count + chunkSize - 1) / chunkSize
        let state = WorkState<Result>(chunkCount: chunkCount, workers: workers)
        return await withCheckedContinuation { continuation in
            for _ in 0..<workers {
                let thread = Thread {
                    broadsheet_reserve_thread_heap()
                    while let chunk = state.nextChunk() {
                        let range = chunk * chunkSize..<min((chunk + 1) * chunkSize, items.count)
                        state.store(items[range].map(transform), at: chunk)
                    }
                    if let results = state.workerFinished() { continuation.resume(returning: results) }
                }
                // Deep Markdown or YAML can recurse; give workers the main thread's stack size, not 512 KB.
                thread.stackSize = 8 << 20
                thread.start()
            }
        }
    }
}

extension ParallelMap {
    /// Runs `second` on a thread of its own while the caller runs `first`, and returns both results.
    public static func both<First, Second: Sendable>(
        _ first: () -> First, _ second: @escaping @Sendable () -> Second
    ) async -> (First, Second) {
        var firstResult: First?
        let secondResult = await withCheckedContinuation { continuation in
            let thread = Thread {
                broadsheet_reserve_thread_heap()
                continuation.resume(returning: second())
            }
            thread.stackSize = 8 << 20
            thread.start()
            broadsheet_reserve_thread_heap()
            firstResult = first()
        }
        // `first` has run by the time the continuation's body returns.
        return (firstResult ?? first(), secondResult)
    }
}

/// Shared bookkeeping of one parallel map: which chunk is next, the finished chunks, and who is still working.
private final class WorkState<Result: Sendable>: Sendable {
    private let next = Atomic<Int>(0)
    private let chunkCount: Int
    private let results: Mutex<[[Result]]>
    private let remaining: Atomic<Int>

    init(chunkCount: Int, workers: Int) {
        self.chunkCount = chunkCount
        results = Mutex(Array(repeating: [], count: chunkCount))
        remaining = Atomic(workers)
    }

    func nextChunk() -> Int? {
        let chunk = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return chunk < chunkCount ? chunk : nil
    }

    func store(_ chunk: [Result], at index: Int) {
        results.withLock { $0[index] = chunk }
    }

    /// The results in order when the last worker finishes, else nil.
    func workerFinished() -> [Result]? {
        guard remaining.wrappingSubtract(1, ordering: .acquiringAndReleasing).newValue == 0 else { return nil }
        return results.withLock { $0.flatMap { $0 } }
    }
}
