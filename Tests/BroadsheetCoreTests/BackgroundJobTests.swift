import BroadsheetCore
import Synchronization
import Testing

@Suite struct BackgroundJobTests {
    @Test func waitReturnsOnlyAfterTheWorkHasRun() async {
        let steps = Mutex<[Int]>([])
        let job = BackgroundJob {
            // Enough work that a wait which did not wait would see it unfinished.
            var total = 0
            for value in 0..<2_000_000 { total &+= value }
            steps.withLock { $0.append(total) }
        }
        await job.wait()
        #expect(steps.withLock { $0 } == [(0..<2_000_000).reduce(0, &+)])
    }

    @Test func everyWaiterResumesAndLateWaitersReturnAtOnce() async {
        let finished = Atomic<Int>(0)
        let job = BackgroundJob { finished.add(1, ordering: .relaxed) }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { await job.wait() } }
        }
        await job.wait()
        #expect(finished.load(ordering: .relaxed) == 1)
    }
}
