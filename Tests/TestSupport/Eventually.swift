/// Polls `condition` every 20 ms until it holds or `timeout` seconds pass; a bounded wait, not a timing claim.
public func eventually(timeout: Double = 2, _ condition: @Sendable () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
