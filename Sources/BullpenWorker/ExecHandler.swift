import BullpenProcess
import FoundationEssentials

/// Runs each job as a command, for handlers written in any language.
///
/// The command's argv comes from the topology, never from the job: job data only reaches the program on
/// standard input, as JSON (`{"id": ..., "name": ..., "queue": ..., "attempt": ..., "data": ...}`), and in
/// `BULLPEN_JOB_ID`, `BULLPEN_QUEUE`, `BULLPEN_JOB_NAME` and `BULLPEN_ATTEMPT`. No shell is involved.
///
/// - Exit 0 with JSON on standard output (or nothing) completes the job with that value.
/// - A non-zero exit fails the attempt with the tail of standard error as the reason.
/// - A line `progress: N` on standard error reports progress N.
/// - Output beyond `maxOutput` is cut, not buffered; a cut result fails the attempt.
/// - On timeout or at the drain deadline the command's process group gets SIGTERM, then SIGKILL after
///   `killGracePeriod`.
public struct ExecHandler: JobHandler {
    /// The program and its arguments.
    public var argv: [String]
    /// The environment the command starts with (the job's variables are added).
    public var environment: [String]
    /// How many bytes of standard output to keep (and of standard error's tail).
    public var maxOutput: Int
    /// Time between SIGTERM and SIGKILL when the command must stop.
    public var killGracePeriod: Duration

    /// Creates a handler; `environment` defaults to this process's own.
    public init(argv: [String], environment: [String]? = nil, maxOutput: Int = 1 << 20, killGracePeriod: Duration = .seconds(5)) {
        precondition(!argv.isEmpty, "an exec handler needs a program")
        self.argv = argv
        self.environment = environment ?? ProcessEnvironment.current()
        self.maxOutput = maxOutput
        self.killGracePeriod = killGracePeriod
    }

    public func handle(_ job: Job, context: JobContext) async throws -> JSONValue {
        let command = CommandRun(
            executable: argv[0], arguments: Array(argv.dropFirst()),
            environment: ProcessEnvironment.updating(environment, with: [
                "BULLPEN_JOB_ID": job.id, "BULLPEN_QUEUE": job.queue, "BULLPEN_JOB_NAME": job.name,
                "BULLPEN_ATTEMPT": String(context.attempt),
            ]),
            input: Array(try Self.input(for: job, attempt: context.attempt).utf8),
            stdoutLimit: maxOutput, stderrLimit: min(maxOutput, 64 << 10), killGracePeriod: killGracePeriod)
        // Progress lines arrive on the command's thread; one task reports them in order, and is awaited
        // before the result, so the job's last progress is recorded while its lease is still held.
        let (progress, reports) = AsyncStream.makeStream(of: String.self)
        let reporter = Task { for await value in progress { try? await context.progress(JSONValue(json: value)) } }
        let result = try await command.runOnOwnThread { line in
            guard line.hasPrefix("progress:") else { return }
            let value = line.dropFirst("progress:".count).trimmed()
            guard JSONText.problem(in: value) == nil else { return }
            reports.yield(value)
        }
        reports.finish()
        await reporter.value
        try Task.checkCancellation()
        guard result.status.isSuccess else {
            let tail = String(decoding: result.stderrTail, as: UTF8.self).trimmed()
            let lastLines = tail.split(separator: "\n").suffix(5).joined(separator: "\n")
            throw ExecFailure(message: "\(argv[0]) \(result.status)" + (lastLines.isEmpty ? "" : ": \(lastLines)"))
        }
        if result.stdoutTruncated {
            throw ExecFailure(message: "\(argv[0]) printed more than \(maxOutput) bytes on standard output")
        }
        let output = String(decoding: result.stdout, as: UTF8.self).trimmed()
        if output.isEmpty { return JSONValue(json: "null") }
        if let problem = JSONText.problem(in: output) {
            throw ExecFailure(message: "\(argv[0]) printed output that is not JSON (\(problem)): \(output.prefix(200))")
        }
        return JSONValue(json: output)
    }

    /// The job as the command reads it on standard input; the data is embedded verbatim.
    static func input(for job: Job, attempt: Int) throws -> String {
        struct Envelope: Encodable { var id: String; var name: String; var queue: String; var attempt: Int }
        let envelope = String(decoding: try JSONEncoder().encode(Envelope(id: job.id, name: job.name, queue: job.queue, attempt: attempt)), as: UTF8.self)
        return envelope.dropLast() + ",\"data\":" + job.data + "}\n"
    }
}

/// An exec command that failed; its message is the job's failure reason.
struct ExecFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension StringProtocol {
    /// The text without white space (spaces, tabs, line breaks) at either end.
    fileprivate func trimmed() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
