import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one line a long build draws on a terminal: `[#######---…]  45%  450/1000 pages`.
enum ProgressBar {
    /// Characters between the brackets.
    static let width = 30

    /// The bar for `done` of `total` pages; out-of-range counts are clamped, so it never overflows its width.
    static func line(done: Int, total: Int) -> String {
        let total = max(total, 0)
        let done = min(max(done, 0), total)
        let filled = total == 0 ? width : done * width / total
        let percent = total == 0 ? 100 : done * 100 / total
        let percentText = String(percent)
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            + String(repeating: " ", count: 3 - percentText.count) + percentText + "%  \(done)/\(total) pages"
    }
}

/// When to draw: hidden for the first second (most builds end sooner and print only their summary), then at
/// most once per interval. Pure state over clock instants, so the rules are testable without waiting.
struct ProgressThrottle: Sendable {
    let start: ContinuousClock.Instant
    var delay: Duration = .seconds(1)
    var interval: Duration = .milliseconds(100)
    private(set) var lastDraw: ContinuousClock.Instant?

    init(start: ContinuousClock.Instant) {
        self.start = start
    }

    /// Whether to draw at `now`; a yes counts as a draw.
    mutating func shouldDraw(at now: ContinuousClock.Instant) -> Bool {
        guard now - start >= delay else { return false }
        if let lastDraw, now - lastDraw < interval { return false }
        lastDraw = now
        return true
    }
}

/// Draws the progress bar of one build, from any number of tasks at once, and erases it at the end so the
/// diagnostics and the summary start on a clean line.
final class ProgressReporter: Sendable {
    private struct State {
        var throttle: ProgressThrottle
        /// Length of the line on screen; 0 when nothing is drawn.
        var drawn = 0
        var finished = false
    }

    private let state: Mutex<State>
    private let write: @Sendable (String) -> Void

    /// A reporter that sends what it draws to `write`, counting the first second from `start`.
    init(start: ContinuousClock.Instant = .now, write: @escaping @Sendable (String) -> Void) {
        state = Mutex(State(throttle: ProgressThrottle(start: start)))
        self.write = write
    }

    /// A reporter drawing on standard error, or nil where a bar does not belong: with --quiet, when standard
    /// error is not a terminal (a file, a pipe, CI), or on a terminal that cannot move the cursor.
    static func forStandardError(quiet: Bool) -> ProgressReporter? {
        guard !quiet, isatty(STDERR_FILENO) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb" else { return nil }
        return ProgressReporter { FileHandle.standardError.write(Data($0.utf8)) }
    }

    /// Notes that `done` of `total` pages are finished, drawing the bar if the throttle allows.
    func update(done: Int, total: Int, at now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            guard !state.finished, state.throttle.shouldDraw(at: now) else { return }
            let line = ProgressBar.line(done: done, total: total)
            // Carriage return and spaces rather than escape sequences: the bar never adds ANSI codes.
            write("\r" + line + String(repeating: " ", count: max(0, state.drawn - line.count)))
            state.drawn = max(state.drawn, line.count)
        }
    }

    /// Erases the bar if it was drawn; later updates are ignored.
    func finish() {
        state.withLock { state in
            state.finished = true
            guard state.drawn > 0 else { return }
            write("\r" + String(repeating: " ", count: state.drawn) + "\r")
            state.drawn = 0
        }
    }
}
