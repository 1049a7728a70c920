import Glibc
import Testing

@testable import BullpenProcess

/// Runs `body` with `signal` blocked on this thread and the parent-death signal cleared afterwards.
///
/// Arming it in the test process itself is harmless: it fires only if the test runner dies.
private func withArmingGuarded<R>(_ signal: Int32, _ body: () throws -> R) throws -> R {
    let previous = try Signals.block([signal])
    defer {
        try? ParentDeath.disarm()
        _ = try? Signals.setMask(previous)
    }
    return try body()
}

@Suite struct ParentDeathTests {
    @Test func armsTheSignalWhenTheParentIsAlive() throws {
        let (alive, armed) = try withArmingGuarded(SIGUSR2) {
            (try ParentDeath.arm(signal: SIGUSR2, expectedParent: getppid()), try ParentDeath.current())
        }
        #expect(alive)
        #expect(armed == SIGUSR2)
        #expect(try ParentDeath.current() == nil)
    }

    @Test func raisesTheSignalWhenTheParentIsAlreadyGone() throws {
        // An expected parent that is not ours stands for a parent that died before the check.
        let (alive, received) = try withArmingGuarded(SIGUSR2) {
            let alive = try ParentDeath.arm(signal: SIGUSR2, expectedParent: getppid() + 100_000)
            return (alive, try SignalWaiter([SIGUSR2]).wait(timeout: .zero))
        }
        #expect(!alive)
        #expect(received == SIGUSR2)
    }
}
