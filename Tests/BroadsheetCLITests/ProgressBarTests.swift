import Foundation
import Synchronization
import Testing
@testable import BroadsheetCommands

extension CLITests {
    /// The progress bar's drawing and throttling, on a simulated clock: no test here waits.
    @Suite struct ProgressBarTests {
        @Test func lineShowsTheBarPercentAndCount() {
            #expect(ProgressBar.line(done: 0, total: 200) == "[------------------------------]   0%  0/200 pages")
            #expect(ProgressBar.line(done: 100, total: 200) == "[###############---------------]  50%  100/200 pages")
            #expect(ProgressBar.line(done: 200, total: 200) == "[##############################] 100%  200/200 pages")
        }

        @Test func lineClampsWhatItCannotDraw() {
            #expect(ProgressBar.line(done: 250, total: 200) == ProgressBar.line(done: 200, total: 200))
            #expect(ProgressBar.line(done: -1, total: 200) == ProgressBar.line(done: 0, total: 200))
            #expect(ProgressBar.line(done: 0, total: 0).hasPrefix("[##############################] 100%"))
        }

        @Test func throttleWaitsASecondThenDrawsAtMostTenTimesASecond() {
            let start = ContinuousClock.now
            var throttle = ProgressThrottle(start: start)
            let milliseconds = [0, 999, 1000, 1050, 1099, 1100, 5000]
            let answers = milliseconds.map { throttle.shouldDraw(at: start + .milliseconds($0)) }
            #expect(answers == [false, false, true, false, false, true, true])
        }

        /// Collects what a reporter writes.
        final class Screen: Sendable {
            private let writes = Mutex<[String]>([])
            var all: [String] { writes.withLock { $0 } }
            func write(_ text: String) { writes.withLock { $0.append(text) } }
        }

        @Test func aBuildUnderASecondDrawsNothing() {
            let start = ContinuousClock.now
            let screen = Screen()
            let reporter = ProgressReporter(start: start) { screen.write($0) }
            for done in 1...500 { reporter.update(done: done, total: 500, at: start + .milliseconds(done)) }
            reporter.finish()
            #expect(screen.all.isEmpty)
        }

        @Test func aLongBuildRedrawsInPlaceAboutTenTimesASecondAndErasesTheBar() throws {
            let start = ContinuousClock.now
            let screen = Screen()
            let reporter = ProgressReporter(start: start) { screen.write($0) }
            // 3000 pages over 3 s: one update per millisecond.
            for done in 1...3000 { reporter.update(done: done, total: 3000, at: start + .milliseconds(done)) }
            reporter.finish()
            let writes = screen.all
            let draws = writes.dropLast()
            #expect(draws.count >= 15 && draws.count <= 21, "\(draws.count) draws in 2 s")
            #expect(draws.allSatisfy { $0.hasPrefix("\r[") && !$0.contains("\n") && !$0.contains("\u{1B}") })
            #expect(draws.first?.hasPrefix("\r" + ProgressBar.line(done: 1000, total: 3000)) == true, "\(draws.first ?? "")")
            let erase = try #require(writes.last)
            #expect(erase == "\r" + String(repeating: " ", count: ProgressBar.line(done: 3000, total: 3000).count) + "\r")
            // Nothing after the end, even from a late update.
            reporter.update(done: 3000, total: 3000, at: start + .seconds(10))
            #expect(screen.all.count == writes.count)
        }

        @Test func updatesFromManyTasksAreSafe() async {
            let screen = Screen()
            let reporter = ProgressReporter(start: .now - .seconds(2)) { screen.write($0) }
            await withTaskGroup(of: Void.self) { group in
                for task in 0..<8 {
                    group.addTask { for done in 0..<200 { reporter.update(done: task * 200 + done, total: 1600) } }
                }
            }
            reporter.finish()
            #expect(!screen.all.isEmpty && screen.all.last?.hasSuffix("\r") == true)
        }
    }
}
