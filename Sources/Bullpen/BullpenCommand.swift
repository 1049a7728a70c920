import ArgumentParser

/// The root `bullpen` command: only a list of subcommands.
struct BullpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bullpen",
        abstract: "Background jobs in Redis: add and inspect jobs, manage queues, run workers.",
        discussion: """
            Commands find Redis and the key prefix from --redis/--prefix, then BULLPEN_REDIS_URL, then the \
            topology (--config FILE, default etc/bullpen.yaml when it exists), then redis://127.0.0.1:6379 \
            and the prefix bullpen.

            Exit codes: 0 ok, 1 operation failed (no such job, wrong state), 64 bad command line or \
            unknown queue, 65 bad job data or bulk line, 66 input file missing, 75 Redis unreachable, \
            78 invalid topology.

            Examples:
              bullpen add emails welcome '{"to":"a@example.com"}' --attempts 3
              bullpen stats --watch
              bullpen jobs emails --state failed
              bullpen check etc/bullpen.yaml
            """,
        subcommands: [
            AddCommand.self,
            StatsCommand.self,
            JobsCommand.self,
            JobCommand.self,
            RetryCommand.self,
            RemoveCommand.self,
            PromoteCommand.self,
            PauseCommand.self,
            ResumeCommand.self,
            CleanCommand.self,
            DrainCommand.self,
            ObliterateCommand.self,
            DeadLetterCommand.self,
            SchedulesCommand.self,
            CheckCommand.self,
            // Process commands. `supervise` is routed by `Bullpen.main` before anything async starts.
            SuperviseCommand.self,
            WorkerCommand.self,
            StatusCommand.self,
        ])
}
