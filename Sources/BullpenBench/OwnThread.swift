import Foundation

/// Runs blocking work (a synchronous hiredis loop) on a thread of its own and suspends until it is done,
/// so the cooperative pool is never blocked (on 2 cores a blocked pool thread stalls every task).
enum OwnThread {
    static func run<R: Sendable>(_ body: @escaping @Sendable () throws -> R) async throws -> R {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.start()
        }
    }
}
