@testable import BullpenBattery
import BullpenProcess
import Foundation
import Testing

/// The battery's own evidence: the ledger it counts lost and duplicated jobs from, the distributions it
/// reports, and the process table it finds workers in. A battery that misread these would pass anything.
struct LedgerTests {
    @Test func entriesRoundTripThroughTheirLines() {
        let entry = LedgerEntry(event: .started, queue: "alpha", id: "welcome:42", attempt: 2, pid: 4242, time: 1_764_480_000_123)
        #expect(entry.line == "S alpha welcome:42 2 4242 1764480000123\n")
        #expect(LedgerEntry(line: entry.line.dropLast()) == entry)
        #expect(LedgerEntry(line: "X alpha 1 1 1 1") == nil)
        #expect(LedgerEntry(line: "S alpha 1 one 1 1") == nil)
        #expect(LedgerEntry(line: "S alpha 1 1 1") == nil)
    }

    @Test func writerAppendsWhatTheLedgerReadsBack() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try LedgerWriter(path: path)
        let entries = (0..<50).map { LedgerEntry(event: $0 % 2 == 0 ? .started : .done, queue: "q", id: "j\($0 / 2)", attempt: 1, pid: 7, time: Int64($0)) }
        for entry in entries { writer.append(entry) }
        #expect(Ledger(path: path).entries == entries)
        #expect(Ledger(path: path + ".absent").entries.isEmpty)
    }

    @Test func rerunsAndDoneJobsAreCountedPerQueueAndID() {
        func entry(_ event: LedgerEntry.Event, _ queue: String, _ id: String, pid: Int32) -> LedgerEntry {
            LedgerEntry(event: event, queue: queue, id: id, attempt: 1, pid: pid, time: 0)
        }
        let ledger = Ledger(entries: [
            entry(.started, "alpha", "1", pid: 10), entry(.started, "beta", "1", pid: 11), entry(.done, "beta", "1", pid: 11),
            entry(.started, "alpha", "1", pid: 12), entry(.done, "alpha", "1", pid: 12), entry(.started, "alpha", "2", pid: 12),
        ])
        #expect(ledger.doneJobs == ["alpha/1", "beta/1"])
        #expect(ledger.rerunJobs.keys.sorted() == ["alpha/1"])
        #expect(ledger.rerunJobs["alpha/1"]?.map(\.pid) == [10, 12])
        #expect(ledger.pids == [10, 11, 12])
    }

    @Test func distributionsGiveNearestRankPercentiles() {
        let values = Distribution((1...100).map(Double.init).shuffled())
        #expect(values.percentile(0.5) == 51)
        #expect(values.percentile(0.99) == 100)
        #expect(values.max == 100)
        #expect(Distribution([]).percentile(0.99) == 0)
        #expect(Distribution([3.25]).summary() == "p50 3.3 ms, p99 3.3 ms, max 3.3 ms (n=1)")
    }

    @Test func mutantsAreReproducibleAndEachDiffersFromTheOriginal() {
        var first = TopologyMutator(seed: 7), second = TopologyMutator(seed: 7), other = TopologyMutator(seed: 8)
        let text = BadInput.goodTopology
        let mutants = first.mutants(of: text, count: 40)
        #expect(mutants == second.mutants(of: text, count: 40))
        #expect(mutants != other.mutants(of: text, count: 40))
        #expect(mutants.allSatisfy { $0 != text })
    }

    @Test func theProcessTableFindsAChildWithItsStartTime() throws {
        let before = ProcessTable.bootClock()
        let child = try ChildProcess.spawn(SpawnOptions(executable: "/bin/sleep", arguments: ["30"], environment: []))
        defer {
            kill(child.pid, SIGKILL)
            _ = try? child.wait()
        }
        // posix_spawn returns once the child has begun its exec, which sets its arguments up a moment
        // later: until then /proc shows none. Wait for them (2 s at most).
        let deadline = ProcessTable.bootClock() + 2000
        var entry = try #require(ProcessTable.children(of: getpid()).first { $0.pid == child.pid })
        while entry.arguments.isEmpty, ProcessTable.bootClock() < deadline {
            usleep(1000)
            entry = try #require(ProcessTable.entry(pid: child.pid))
        }
        #expect(entry.arguments == ["/bin/sleep", "30"])
        #expect(entry.startedAt >= before - 20 && entry.startedAt <= ProcessTable.bootClock() + 20)
        #expect(ProcessTable.isAlive(child.pid))
    }
}
