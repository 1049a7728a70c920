@testable import BullpenWorker
import Synchronization
import Testing

/// A slot's task is cancelled by the cancellations of the job it is armed for, and by no other.
@Suite struct SlotTaskTests {
    @Test func aCancellationOfTheArmedJobCancelsTheTask() async {
        let (slotTask, run, seen, release) = setup()
        let job = slotTask.newArming()
        slotTask.arm(job) { false }
        slotTask.cancel(job)
        release.finish()
        _ = await run.value
        #expect(seen.cancelled == true)
    }

    @Test func aCancellationOfAnEarlierJobDoesNotReachTheNextOne() async {
        // A timer of the first job that fires just as its handler returns, while the second one runs.
        let (slotTask, run, seen, release) = setup()
        let first = slotTask.newArming()
        slotTask.arm(first) { false }
        slotTask.disarm()
        let second = slotTask.newArming()
        slotTask.arm(second) { false }
        slotTask.cancel(first)
        release.finish()
        _ = await run.value
        #expect(seen.cancelled == false)
    }

    @Test func aCancellationAfterTheHandlerReturnedDoesNothing() async {
        let (slotTask, run, seen, release) = setup()
        let job = slotTask.newArming()
        slotTask.arm(job) { false }
        slotTask.disarm()
        slotTask.cancel(job)
        release.finish()
        _ = await run.value
        #expect(seen.cancelled == false)
    }

    @Test func aCancellationRecordedBeforeArmingCancelsTheTaskAtOnce() async {
        let (slotTask, run, seen, release) = setup()
        slotTask.arm(slotTask.newArming()) { true }
        release.finish()
        _ = await run.value
        #expect(seen.cancelled == true)
    }

    /// A slot task whose run waits until `release` finishes (or the task is cancelled), then records
    /// whether it was cancelled.
    private func setup() -> (SlotTask, Task<SlotExit, Never>, Seen, AsyncStream<Void>.Continuation) {
        let slotTask = SlotTask()
        let seen = Seen()
        let (stream, release) = AsyncStream<Void>.makeStream()
        let run = Task<SlotExit, Never> {
            for await _ in stream {}
            seen.record(Task.isCancelled)
            return .done
        }
        slotTask.attach(run)
        return (slotTask, run, seen, release)
    }
}

/// Whether the run saw its task cancelled (nil until it ended).
private final class Seen: Sendable {
    private let value = Mutex<Bool?>(nil)
    func record(_ cancelled: Bool) { value.withLock { $0 = cancelled } }
    var cancelled: Bool? { value.withLock { $0 } }
}
