/// One measurement of one row in one repetition.
struct Sample: Sendable, Codable {
    /// Operations done (jobs, cycles or requests).
    var operations: Int
    /// Operations per second.
    var rate: Double
    /// This process's CPU microseconds per operation (all threads); nil when another process did the work.
    var clientCPUMicrosPerOp: Double?
    /// The server's cost per operation; nil when not measured.
    var server: ServerCost?

    /// A sample from a timed phase of this process.
    init(operations: Int, elapsed: (wall: Double, cpu: Double), server: ServerCost?) {
        self.operations = operations
        self.rate = Double(operations) / elapsed.wall
        self.clientCPUMicrosPerOp = elapsed.cpu * 1e6 / Double(max(1, operations))
        self.server = server
    }

    /// A sample reported by another program (`redis-benchmark`).
    init(operations: Int, rate: Double, server: ServerCost?) {
        self.operations = operations
        self.rate = rate
        self.clientCPUMicrosPerOp = nil
        self.server = server
    }
}
