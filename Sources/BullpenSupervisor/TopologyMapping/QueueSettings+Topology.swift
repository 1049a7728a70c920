import BullpenCore
import BullpenTopology

extension QueueSettings {
    /// The settings of `queue` as the topology gives them: the topology's key prefix, the queue's job
    /// defaults, payload limit and dead-letter queue. (The limiter, leases and stall checks are the
    /// worker's business and are not queue settings.)
    public init(topology: Topology, queue: QueueTopology) {
        self.init(
            prefix: topology.prefix, defaults: JobOptions(defaults: queue.defaults),
            maxPayloadBytes: Int(clamping: queue.maxPayload), deadLetter: queue.deadLetter.enabled,
            deadLetterMax: queue.deadLetter.maxLength)
    }
}
