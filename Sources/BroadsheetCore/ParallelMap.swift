/// Order-preserving parallel map over a bounded number of tasks.
public enum ParallelMap {
    /// Applies `transform` to every element using at most `jobs` concurrent tasks, keeping the input order.
    ///
    /// Work is split into contiguous chunks so task overhead stays small next to per-item work, and only
    /// `jobs` chunks run at once so memory stays flat however long the input is.
    public static func map<Element: Sendable, Result: Sendable>(
        _ items: [Element],
        jobs: Int,
        _ transform: @escaping @Sendable (Element) -> Result
    ) async -> [Result] {
        let jobs = max(1, jobs)
        if jobs == 1 || items.count < 2 { return items.map(transform) }
        let chunkSize = max(1, min(256, (items.count + jobs * 4 - 1) / (jobs * 4)))
        let chunks = stride(from: 0, to: items.count, by: chunkSize).map { $0..<min($0 + chunkSize, items.count) }
        var results = [[Result]](repeating: [], count: chunks.count)
        await withTaskGroup(of: (Int, [Result]).self) { group in
            var next = 0
            func startNext() {
                guard next < chunks.count else { return }
                let index = next
                let slice = Array(items[chunks[index]])
                group.addTask { (index, slice.map(transform)) }
                next += 1
            }
            for _ in 0..<jobs { startNext() }
            for await (index, chunk) in group {
                results[index] = chunk
                startNext()
            }
        }
        return results.flatMap { $0 }
    }
}
