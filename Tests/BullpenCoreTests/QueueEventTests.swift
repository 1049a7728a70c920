@testable import BullpenCore
import Testing

/// How stream entries read back as events: one job's, several jobs' (a batch of finishes or takes), a
/// queue-wide one, and a bulk add's.
@Suite struct QueueEventTests {
    @Test func anEntryOfOneJobIsOneEvent() {
        let events = QueueEvent.events(streamID: "1-0", pairs: [("event", "failed"), ("id", "7"), ("reason", "boom")])
        #expect(events == [QueueEvent(streamID: "1-0", name: "failed", jobID: "7", fields: ["reason": "boom"])])
    }

    @Test func eachJobOfAnEntryGetsTheFieldsThatFollowItsID() {
        let events = QueueEvent.events(streamID: "2-0", pairs: [
            ("event", "completed"), ("id", "1"), ("returnvalue", "\"a\""), ("id", "2"), ("returnvalue", "{\"id\":3}"),
        ])
        #expect(events == [
            QueueEvent(streamID: "2-0", name: "completed", jobID: "1", fields: ["returnvalue": "\"a\""]),
            QueueEvent(streamID: "2-0", name: "completed", jobID: "2", fields: ["returnvalue": "{\"id\":3}"]),
        ])
    }

    @Test func fieldsBeforeTheFirstIDBelongToEveryJob() {
        let events = QueueEvent.events(streamID: "5-0", pairs: [("event", "active"), ("worker", "w1"), ("id", "1"), ("id", "2")])
        #expect(events.map(\.jobID) == ["1", "2"])
        #expect(events.allSatisfy { $0.fields == ["worker": "w1"] })
    }

    @Test func aQueueWideEventNamesNoJob() {
        let events = QueueEvent.events(streamID: "3-0", pairs: [("event", "cleaned"), ("id", ""), ("state", "completed"), ("count", "4")])
        #expect(events == [QueueEvent(streamID: "3-0", name: "cleaned", jobID: "", fields: ["state": "completed", "count": "4"])])
    }

    @Test func aBulkAddsEntryIsOneEventPerJob() {
        let events = QueueEvent.events(streamID: "4-0", pairs: [("event", "added"), ("ids", "1\n2"), ("names", "a\nb")])
        #expect(events.map(\.jobID) == ["1", "2"])
        #expect(events.map { $0.fields["name"] } == ["a", "b"])
    }
}
