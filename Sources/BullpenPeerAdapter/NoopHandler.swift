import BullpenWorker

/// The benchmark's job body: nothing, returning 1. In the latency phase it first records the job's start.
struct NoopHandler: JobHandler {
    let latencyLog: LatencyLog?

    func handle(_ job: Job, context: JobContext) async throws -> Int {
        if let latencyLog {
            // The start time is read before anything else the body does.
            latencyLog.record(job, start: WallClock.now())
        }
        return 1
    }
}
