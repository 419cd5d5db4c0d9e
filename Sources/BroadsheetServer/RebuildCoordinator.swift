/// Turns bursts of file events into single rebuilds, remembers the last outcome and tells the browsers.
actor RebuildCoordinator {
    typealias Rebuild = @Sendable (_ changedPaths: [String]) async -> RebuildOutcome

    private let debounce: Duration
    private let rebuild: Rebuild
    private let broadcaster: ReloadBroadcaster
    /// Tells reconnecting pages apart from pages of an earlier server run.
    private let sessionID: String

    private var pending: Set<String> = []
    private var generation = 0
    private var debounceTask: Task<Void, Never>?
    private var isBuilding = false
    private var flushWhenIdle = false
    private var isStopped = false

    /// Outcome of the most recent build, nil before the first one.
    private(set) var lastOutcome: RebuildOutcome?
    /// How many builds ran (including the first).
    private(set) var buildCount = 0

    init(debounce: Duration, broadcaster: ReloadBroadcaster, rebuild: @escaping Rebuild) {
        self.debounce = debounce
        self.rebuild = rebuild
        self.broadcaster = broadcaster
        self.sessionID = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    }

    /// The messages of the last build if it failed.
    var failureMessages: [String]? {
        if case .failed(let messages) = lastOutcome { return messages }
        return nil
    }

    /// Identifies the current build for the `hello` event, so a reconnecting page knows whether it missed one.
    var buildID: String { "\(sessionID)-\(buildCount)" }

    /// Runs a build now, outside the debounce (the first build).
    @discardableResult
    func buildNow(changedPaths: [String] = []) async -> RebuildOutcome {
        pending.formUnion(changedPaths)
        return await runBuilds(announce: false) ?? .succeeded(summary: "")
    }

    /// Records changed paths; a build starts once no new change arrived for the debounce interval.
    func noteChanges(_ paths: [String]) {
        guard !isStopped, !paths.isEmpty else { return }
        pending.formUnion(paths)
        generation &+= 1
        let expected = generation
        debounceTask?.cancel()
        debounceTask = Task { [debounce] in
            try? await Task.sleep(for: debounce)
            guard !Task.isCancelled else { return }
            await self.debounceElapsed(generation: expected)
        }
    }

    /// Stops scheduling builds (a build already running finishes on its own).
    func stop() {
        isStopped = true
        debounceTask?.cancel()
        debounceTask = nil
    }

    private func debounceElapsed(generation expected: Int) async {
        guard expected == generation, !isStopped, !pending.isEmpty else { return }
        guard !isBuilding else {
            // Changes that settled during a build get their own build right after it.
            flushWhenIdle = true
            return
        }
        await runBuilds(announce: true)
    }

    @discardableResult
    private func runBuilds(announce: Bool) async -> RebuildOutcome? {
        guard !isBuilding else {
            flushWhenIdle = true
            return lastOutcome
        }
        isBuilding = true
        defer { isBuilding = false }
        var outcome: RebuildOutcome?
        repeat {
            flushWhenIdle = false
            let paths = pending.sorted()
            pending.removeAll()
            // The actor is reentrant here: new changes land in `pending` while the build runs.
            let result = await rebuild(paths)
            lastOutcome = result
            buildCount += 1
            outcome = result
            if announce {
                await broadcaster.broadcast(ReloadBroadcaster.frame(event: "reload", data: buildID))
            }
        } while flushWhenIdle && !pending.isEmpty && !isStopped
        return outcome
    }
}
