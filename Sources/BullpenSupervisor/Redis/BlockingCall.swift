import Dispatch
import Synchronization

/// Runs async work to completion from synchronous code that owns its thread (the supervisor's loop),
/// which waits on a semaphore. Never call it from a task: it would block a cooperative thread.
enum BlockingCall {
    static func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let result = Mutex<Result<T, any Error>?>(nil)
        Task.detached {
            let outcome: Result<T, any Error>
            do { outcome = .success(try await work()) } catch { outcome = .failure(error) }
            result.withLock { $0 = outcome }
            done.signal()
        }
        done.wait()
        return try result.withLock { $0! }.get()
    }
}
