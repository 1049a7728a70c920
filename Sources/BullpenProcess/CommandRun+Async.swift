extension CommandRun {
    /// Runs the command on a new thread of its own and suspends until it is done, so that async code
    /// (the worker's handlers) never blocks the cooperative pool. Cancelling the task cancels the command
    /// (SIGTERM to its group, SIGKILL after the grace period); the result then has `cancelled` set.
    /// `onStderrLine` is called on that thread.
    public func runOnOwnThread(
        onStderrLine: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws(ProcessError) -> CommandResult {
        let cancellation = try CommandCancellation()
        let command = self
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<CommandResult, ProcessError>, Never>) in
                do throws(ProcessError) {
                    try DedicatedThread.start {
                        continuation.resume(returning: Result { () throws(ProcessError) in
                            try command.run(cancellation: cancellation, onStderrLine: onStderrLine)
                        })
                    }
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
        return try result.get()
    }
}
