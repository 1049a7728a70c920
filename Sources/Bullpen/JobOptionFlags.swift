import ArgumentParser
import BullpenCore

/// The job options of `bullpen add`. Values are read with `.unconditional` parsing so that a negative
/// value (`--delay -5s`, `--priority -1`) reaches our checks and gets our message, instead of being
/// mistaken for a flag.
struct JobOptionFlags: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("1 (highest) to 2097152; a job without one runs before prioritized jobs.", valueName: "n"))
    var priority: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Wait this long before the job may run (30s, 5m, 1h30m, 1d).", valueName: "duration"))
    var delay: String?

    @Option(name: .customLong("job-id"), parsing: .unconditional, help: ArgumentHelp(
        "An id of your own; adding an id that exists is a no-op that prints the existing id.", valueName: "id"))
    var jobID: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Runs before the job fails for good (1 = no retry).", valueName: "n"))
    var attempts: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "The wait between attempts: fixed:DURATION or exponential:DURATION[:JITTER], e.g. exponential:2s.", valueName: "kind:delay"))
    var backoff: String?

    @Option(name: .customLong("remove-on-complete"), parsing: .unconditional, help: ArgumentHelp(
        "Which completed jobs to keep: true (none), false (all), a count (the newest N) or an age (1d).", valueName: "rule"))
    var removeOnComplete: String?

    @Option(name: .customLong("remove-on-fail"), parsing: .unconditional, help: ArgumentHelp(
        "Which failed jobs to keep, as for --remove-on-complete.", valueName: "rule"))
    var removeOnFail: String?

    @Flag(help: "Run the job before those already waiting.")
    var lifo = false

    @Option(parsing: .unconditional, help: ArgumentHelp("How long one attempt may run (30s).", valueName: "duration"))
    var timeout: String?

    /// The options given, checked; unset ones stay nil and take the queue's defaults.
    func options() throws(CLIError) -> JobOptions {
        var options = JobOptions(jobId: jobID, priority: priority, attempts: attempts, lifo: lifo ? true : nil)
        if let delay { options.delay = try JobOptionText.duration("delay", delay).milliseconds }
        if let backoff { options.backoff = try JobOptionText.backoff("backoff", backoff) }
        if let removeOnComplete { options.removeOnComplete = try JobOptionText.retention("remove-on-complete", removeOnComplete) }
        if let removeOnFail { options.removeOnFail = try JobOptionText.retention("remove-on-fail", removeOnFail) }
        if let timeout {
            let value = try JobOptionText.duration("timeout", timeout)
            guard value > .zero else { throw JobOptionText.invalid("timeout", "\(timeout) (must be more than 0)") }
            options.timeout = value.milliseconds
        }
        do {
            try options.validate()
        } catch {
            throw CLIError(error)
        }
        return options
    }
}
