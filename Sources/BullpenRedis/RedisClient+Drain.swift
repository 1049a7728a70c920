#if canImport(Glibc)
import Glibc
#endif

extension RedisClient {
    /// Sends waiting script calls and reads their replies, until nothing waits and nothing is on the wire.
    ///
    /// Calls gathered while a pipeline is on the wire leave together, and up to two pipelines are on the
    /// wire at once (`ScriptsInFlight`): the drain waits in `poll` for replies and, with room for another
    /// pipeline, for the next call to arrive (`WakeSignal`), which then leaves at once. Each caller gets its
    /// replies as soon as they are complete.
    func drainScripts() async {
        var inFlight = ScriptsInFlight()
        while true {
            guard let live = connection, live.isOpen, !inFlight.isEmpty else {
                // Nothing on the wire: send what waits (connecting first), or end.
                if batch.withLock({ $0.endIfIdle() }) { return }
                do {
                    // Connecting may wait (the reconnect policy); it gives up when every waiting caller did.
                    let live = try await connected(abandonWhen: { self.batch.withLock { $0.waiting.isEmpty } })
                    send(batch.withLock { $0.takeAll() }, on: live, into: &inFlight)
                } catch {
                    for entry in batch.withLock({ $0.takeAll() }) { entry.continuation.resume(returning: .failure(error)) }
                }
                continue
            }
            // With room on the wire, calls leave once as many wait as are on the wire (sending each at
            // once made pipelines of one call, and a thread wake-up per job); until then the drain listens
            // for them.
            let wakeAt = inFlight.entries
            let listening = inFlight.hasRoom && batch.withLock { $0.listen(wakeAt: wakeAt) }
            if inFlight.hasRoom && !listening {
                send(batch.withLock { $0.takeAll() }, on: live, into: &inFlight)
                continue
            }
            let readable = waitForReplies(on: live, listening: listening)
            if listening { batch.withLock { $0.listening = false } }
            switch readable {
            case .failure(let error):
                connectionBroke(error, abandoning: inFlight.abandon(), on: live)
            case .success(false):
                continue
            case .success(true):
                receive(on: live, into: &inFlight)
            }
        }
    }

    /// Writes a pipeline of the entries' calls (none: nothing to do).
    private func send(_ entries: [ScriptBatch.Entry], on live: RedisConnection, into inFlight: inout ScriptsInFlight) {
        guard !entries.isEmpty else { return }
        do {
            try live.write(entries.flatMap(\.calls).map(\.evalsha))
            inFlight.append(entries)
        } catch {
            connectionBroke(error, abandoning: inFlight.abandon() + entries, on: live)
        }
    }

    /// Waits until the socket has data (true) or, when listening, a call arrived (false); fails after the
    /// command timeout without either.
    private func waitForReplies(on live: RedisConnection, listening: Bool) -> Result<Bool, RedisError> {
        guard let socket = live.fileDescriptor else { return .failure(RedisError(.connectionLost, "connection is closed")) }
        let timeout = configuration.commandTimeout
        var fds = [
            pollfd(fd: socket, events: Int16(POLLIN), revents: 0),
            pollfd(fd: listening ? wakeSignal.readable : -1, events: Int16(POLLIN), revents: 0),
        ]
        var ready: Int32
        repeat { ready = poll(&fds, 2, Int32(min(timeout * 1000, Double(Int32.max)))) } while ready < 0 && errno == EINTR
        if fds[1].revents != 0 { wakeSignal.clear() }
        if fds[0].revents != 0 { return .success(true) }
        if ready == 0 {
            live.close()
            return .failure(RedisError(.connectionLost, "lost connection to redis at \(configuration): no reply within \(timeout) s"))
        }
        return .success(false)
    }

    /// Reads the replies that arrived and hands each caller its replies once they are all there. Calls the
    /// server did not know the script of (`NOSCRIPT`) run again once the wire is quiet.
    private func receive(on live: RedisConnection, into inFlight: inout ScriptsInFlight) {
        do {
            var unknown: [(ScriptBatch.Entry, [RedisReply])] = []
            func deliver(_ replies: [RedisReply]) {
                for reply in replies {
                    guard let (entry, all) = inFlight.receive(reply) else { continue }
                    if all.contains(where: { $0.errorMessage?.hasPrefix("NOSCRIPT") == true }) {
                        unknown.append((entry, all))
                    } else {
                        entry.continuation.resume(returning: .success(all))
                    }
                }
            }
            deliver(try live.readAvailable())
            guard !unknown.isEmpty else { return }
            // Rare (a restarted server, SCRIPT FLUSH): read what is still on the wire, then load and rerun.
            deliver(try live.readReplies(inFlight.outstanding))
            while let (entry, replies) = unknown.first {
                let rerun = try live.rerunUnknownScripts(entry.calls, replies: replies)
                unknown.removeFirst()
                entry.continuation.resume(returning: .success(rerun))
            }
        } catch {
            connectionBroke(error, abandoning: inFlight.abandon(), on: live)
        }
    }

    /// Fails the entries whose replies a broken connection took, or queues them once more (first in line)
    /// when their calls may run twice.
    private func connectionBroke(_ error: RedisError, abandoning entries: [ScriptBatch.Entry], on live: RedisConnection) {
        if !live.isOpen { connection = nil }
        // Calls that may run twice go again (once, first in the next round); the others report the loss:
        // they may have run.
        let again = entries.filter { error.code == .connectionLost && $0.idempotent && !$0.retried }
        for entry in entries where !again.contains(where: { $0.id == entry.id }) {
            entry.continuation.resume(returning: .failure(error))
        }
        if !again.isEmpty {
            connection = nil
            live.close()
            batch.withLock { batch in
                batch.waiting.insert(contentsOf: again.map { var entry = $0; entry.retried = true; return entry }, at: 0)
            }
        }
    }
}
