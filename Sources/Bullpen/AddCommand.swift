import ArgumentParser
import BullpenCore

/// `bullpen add QUEUE NAME [DATA]`: adds a job, or many with `--bulk`, and prints the ids.
struct AddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a job (or many, with --bulk) and print its id.",
        discussion: """
            DATA is the job's JSON data (default {}); - reads it from standard input, --data-file from a \
            file. Options not given take the queue's defaults from the topology. Standard output holds \
            only job ids, one a line; when a --job-id exists already nothing is added, its id is printed \
            and a note goes to standard error.

            The queue must be known: in the topology when one is loaded, else in Redis (a queue is known \
            once it had a job). --create adds to any valid queue name.

            --bulk FILE (- for standard input) adds newline-delimited JSON jobs, one object a line, in \
            batches of 1000; blank lines are skipped and the options given on the command line apply to \
            every line, under its own opts:
              {"name": "welcome", "data": {"to": "a@b.example"}, "opts": {"priority": 1}}
            opts keys (BullMQ's names; durations in milliseconds or as text like "5m"): jobId, priority, \
            delay, attempts, backoff ("exponential:2s", or {"type": "fixed", "delay": 5000, "jitter": 0.2}), \
            lifo, removeOnComplete and removeOnFail (true, false, a count, an age like "1d", or \
            {"count": 100, "age": "1d"}), timeout. Every line is checked before the first job is added.

            Exit codes: 64 bad option or unknown queue, 65 data that is not JSON or a bad bulk line, \
            66 missing file, 75 Redis unreachable. Nothing is added on any of these.

            Examples:
              bullpen add emails welcome '{"to":"a@example.com"}'
              bullpen add emails welcome --job-id welcome-42 --priority 1 --delay 1h
              bullpen add images resize --data-file job.json --backoff exponential:2s
              echo '{"id":7}' | bullpen add reports daily -
              bullpen add emails --bulk jobs.ndjson --remove-on-complete 100
            """)

    @Argument(help: "The queue.")
    var queue: String

    @Argument(help: "The job name (selects the handler in the queue); not with --bulk.")
    var name: String?

    @Argument(help: "The job's data as JSON (default {}), or - for standard input.")
    var data: String?

    @Option(name: .customLong("data-file"), help: ArgumentHelp("Read the job's JSON data from this file.", valueName: "path"))
    var dataFile: String?

    @Option(help: ArgumentHelp("Add newline-delimited JSON jobs from this file (- for standard input).", valueName: "file"))
    var bulk: String?

    @Flag(help: "Add even when the queue is not known yet (its first job creates it).")
    var create = false

    @OptionGroup(title: "Job options")
    var flags: JobOptionFlags

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    func validate() throws {
        if bulk != nil {
            guard name == nil, data == nil, dataFile == nil else {
                throw ValidationError("--bulk reads names and data from the file: give no NAME, DATA or --data-file")
            }
            guard flags.jobID == nil else { throw ValidationError("--job-id cannot apply to every line of --bulk: put jobId in each line's opts") }
        } else {
            guard name != nil else { throw ValidationError("Missing expected argument '<name>' (or --bulk FILE)") }
            guard data == nil || dataFile == nil else { throw ValidationError("give the data as DATA or --data-file, not both") }
        }
    }

    func run() async throws {
        let setup = try connection.resolve()
        let defaults = try flags.options()
        let settings = setup.settings(for: queue)
        if let bulk {
            let jobs = try Self.bulkJobs(InputFile.contents(of: bulk, what: "bulk file"), defaults: defaults, settings: settings)
            let target = try await setup.connect().queue(queue, for: .add(create: create))
            try await Self.add(jobs, to: target)
            return
        }
        let json = try readData()
        if let problem = JSONText.problem(in: json, maxDepth: settings.maxPayloadDepth) {
            throw CLIError(.dataError, "job data is not valid JSON: \(problem)")
        }
        let target = try await setup.connect().queue(queue, for: .add(create: create))
        try await Self.add([NewJob(name ?? "", json: json, options: defaults)], to: target)
    }

    /// The data from DATA, standard input or --data-file; `{}` when none is given.
    private func readData() throws(CLIError) -> String {
        if let dataFile { return try InputFile.contents(of: dataFile, what: "data file").trimmingWhitespace }
        if data == "-" { return try InputFile.contents(of: "-", what: "job data from").trimmingWhitespace }
        return data?.trimmingWhitespace ?? "{}"
    }

    /// Adds jobs in batches of 1000 and prints each id as its batch is done.
    static func add(_ jobs: [NewJob], to queue: Queue) async throws(CLIError) {
        for start in stride(from: 0, to: jobs.count, by: batchSize) {
            let batch = Array(jobs[start..<min(start + batchSize, jobs.count)])
            let added: [AddedJob]
            do {
                added = try await queue.addBulk(batch)
            } catch {
                throw CLIError(error)
            }
            for job in added {
                print(job.id)
                if !job.created { StandardError.note("job \(job.id) exists already in queue \(queue.name): not added again") }
            }
        }
    }

    /// Jobs per round trip with --bulk.
    static let batchSize = 1000

    /// Every job of a bulk file, each line checked before any is added.
    static func bulkJobs(_ text: String, defaults: JobOptions, settings: QueueSettings) throws(CLIError) -> [NewJob] {
        var jobs: [NewJob] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = String(line).trimmingWhitespace
            if trimmed.isEmpty { continue }
            jobs.append(try BulkLine.parse(trimmed, number: index + 1, defaults: defaults, settings: settings))
        }
        return jobs
    }
}
