@_exported import BullpenCore

/// Runs the jobs of a queue (or of one job name within it). Return the job's result, or throw to fail the
/// attempt: the job is retried by its backoff, unless the error is an `UnrecoverableError`.
///
/// ```swift
/// struct WelcomeHandler: JobHandler {
///     func handle(_ job: Job, context: JobContext) async throws -> String {
///         let welcome = try job.input(Welcome.self)      // a payload it cannot decode fails at once
///         try await context.log("sending to \(welcome.to)")
///         return "sent"
///     }
/// }
/// ```
public protocol JobHandler: Sendable {
    /// The job's return value, stored as JSON.
    associatedtype Output: Encodable & Sendable

    /// Runs one attempt of a job. Watch `Task.isCancelled` (or `context.cancellation`) in long loops: the
    /// task is cancelled when the lease is lost, the timeout passes, or the worker must stop.
    func handle(_ job: Job, context: JobContext) async throws -> Output
}

/// Thrown by a handler to fail a job at once, without its remaining attempts (for example a payload it
/// cannot decode).
public struct UnrecoverableError: Error, Sendable, CustomStringConvertible {
    /// Why the job cannot succeed.
    public var reason: String

    /// Creates the error.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}

extension Job {
    /// The job's data decoded as `T`; data that does not decode fails the job at once (no retry).
    public func input<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        do {
            return try decode(T.self)
        } catch {
            throw UnrecoverableError("job data does not decode as \(T.self): \(error)")
        }
    }
}

/// A handler that sends each job to the handler registered for its name (BullMQ's named jobs), with an
/// optional fallback for other names.
public struct JobRouter: JobHandler {
    private let routes: [String: any JobHandler]
    private let fallback: (any JobHandler)?

    /// Routes by job name.
    public init(_ routes: [String: any JobHandler], fallback: (any JobHandler)? = nil) {
        self.routes = routes
        self.fallback = fallback
    }

    public func handle(_ job: Job, context: JobContext) async throws -> JSONValue {
        guard let handler = routes[job.name] ?? fallback else {
            throw UnrecoverableError("no handler for job name \"\(job.name)\" in queue \(job.queue)")
        }
        return try await JSONValue(encoding: handler.handle(job, context: context))
    }
}
