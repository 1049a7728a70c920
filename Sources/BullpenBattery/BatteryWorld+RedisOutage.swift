import Dispatch
import Foundation

/// Taking the private Redis down and bringing it back, for the scenarios that test outages.
extension BatteryWorld {
    /// Stops the private Redis with `signal` (SIGTERM: a clean shutdown; SIGKILL: a crash) and waits for
    /// the process to end. Runs off Swift's cooperative pool: stopping reaps the process, which blocks.
    public func stopRedis(signal: Int32) async {
        let server = redis
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                server.stop(signal: signal)
                done.resume()
            }
        }
    }

    /// Starts the private Redis again on its data (it replays its AOF) and waits until it answers with
    /// its data loaded. Runs off Swift's cooperative pool: starting polls with blocking calls.
    public func restartRedis() async throws {
        let server = redis
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            DispatchQueue.global().async {
                do {
                    try server.start()
                    done.resume()
                } catch {
                    done.resume(throwing: error)
                }
            }
        }
    }
}
