import BullpenCore
import BullpenRedis
import BullpenTestSupport
import BullpenWorker
import Foundation
import Synchronization
import Testing

/// A private temporary folder for a test's input and output files.
struct Sandbox {
    /// The folder.
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("bullpen-example-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    func path(_ name: String) -> String { "\(folder)/\(name)" }

    /// Writes a file inside the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = path(name)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Writes a text file inside the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    /// The names of the files in a subfolder, sorted.
    func files(in subfolder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path(subfolder))) ?? []).sorted()
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

/// The repository's root, for the data files it ships under `examples/`.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// A queue under a fresh key prefix on the shared test Redis, so tests run in parallel.
func makeQueue(_ name: String) throws -> Queue {
    var settings = QueueSettings()
    settings.prefix = TestKeys.prefix()
    return try Queue(name, redis: RedisPool(RedisServer.shared.configuration, size: 2, reconnect: .forever), settings: settings)
}

/// Adds `jobs` to `queue` and runs them through a real `Worker` with `handler` until every one has completed
/// or failed for good; returns the jobs, with their logs, in the order given.
func run(_ jobs: [NewJob], through handler: some JobHandler, on queue: Queue, concurrency: Int = 1) async throws -> [Job] {
    let added = try await queue.addBulk(jobs)
    let finished = Mutex(0)
    let worker = Worker(queue: queue, handler: handler, configuration: .init(workerID: "example-test", concurrency: concurrency, idleWait: .milliseconds(250))) { event in
        switch event {
        case .completed, .failed(_, _, .failed): finished.withLock { $0 += 1 }
        default: break
        }
    }
    let running = Task { await worker.run() }
    let end = ContinuousClock.now + .seconds(30)
    while finished.withLock({ $0 }) < jobs.count, ContinuousClock.now < end {
        try await Task.sleep(for: .milliseconds(20))
    }
    await worker.close(deadline: .seconds(1))
    await running.value
    var result: [Job] = []
    for job in added { result.append(try #require(try await queue.job(job.id))) }
    return result
}

/// Runs `jobs` on a fresh queue named `name`.
func run(_ jobs: [NewJob], through handler: some JobHandler, queue name: String, concurrency: Int = 1) async throws -> [Job] {
    try await run(jobs, through: handler, on: makeQueue(name), concurrency: concurrency)
}

/// Runs one job with `data` (and `attempts`) on a fresh queue named `name`, and returns it.
func run(_ data: String, through handler: some JobHandler, queue name: String, attempts: Int = 3) async throws -> Job {
    try await run([NewJob(name, json: data, options: JobOptions(attempts: attempts))], through: handler, queue: name)[0]
}
