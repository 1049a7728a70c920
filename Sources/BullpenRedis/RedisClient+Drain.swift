#if canImport(Glibc)
import Glibc
#endif

extension RedisClient {
    /// Sends waiting script calls and reads their replies, until nothing waits and nothing is on the wire.
    ///
    /// Calls gathered while a pipeline is on the wire leave together, and up to `pipelinesInFlight`
    /// pipelines are on the wire at once (`ScriptsInFlight`); with more than one, the drain waits in `poll` for replies and, with room for another
    /// pipeline, for calls to arrive (`WakeSignal`), which leave once as many wait as are on the wire. Each
    /// caller gets its replies once its pipeline's replies are all there.
    func drainScripts() async {
        var inFlight = ScriptsInFlight(limit: pipelinesInFlight)
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
            // Nothing more goes to a server that refused a command (a replica, or loading): once the
            // replies on the wire are read, the calls waiting leave on a new connection (see serverRefused).
            let room = inFlight.hasRoom && !live.serverRefused
            let listening = room && batch.withLock { $0.listen(wakeAt: wakeAt) }
            if room && !listening {
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
                // Callers that run on this thread (onConnectionThread) resume only when the drain lets go
                // of it: with other tasks' calls arriving all the time, it might never go idle. It lets go
                // only with nothing on the wire, since the actor's other methods may use the connection
                // meanwhile, and until those callers are all waiting again: a worker's slots that run
                // here (WorkerConfiguration.inlineHandlers) each go through a few jobs of this executor
                // (the slot, its handler, the call), and their next calls should leave together.
                if inFlight.isEmpty { await lendThread() }
            }
        }
    }

    /// Lets the jobs waiting for this thread run, and those they enqueue in turn: at most `lendingTurns`
    /// rounds, so that callers that keep enqueuing work here cannot hold the drain back for good (one that
    /// computes without awaiting holds the thread anyway; see `onConnectionThread`).
    private func lendThread() async {
        var turns = 0
        while executor.hasPendingJobs && turns < Self.lendingTurns {
            await Task.yield()
            turns += 1
        }
    }

    /// The most rounds of jobs the drain lets run before it sends what waits (see `lendThread`).
    static let lendingTurns = 16

    /// Writes a pipeline of the entries' calls (none: nothing to do).
    private func send(_ entries: [ScriptBatch.Entry], on live: RedisConnection, into inFlight: inout ScriptsInFlight) {
        guard !entries.isEmpty else { return }
        let plan = WirePlan(entries.map(\.calls))
        do {
            try live.write(plan.commands)
            inFlight.append(entries, plan: plan)
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
        // A reply due within microseconds is cheaper to wait for awake: a thread that sleeps in poll here
        // is woken tens of microseconds late on a virtual machine (its idle core halts). So the drain
        // first polls without sleeping, yielding the core meanwhile, for up to `replySpin`.
        var ready: Int32 = 0
        if replySpin > .zero {
            let spinUntil = ContinuousClock.now + replySpin
            repeat {
                ready = poll(&fds, 2, 0)
                if ready != 0 { break }
                sched_yield()
            } while ContinuousClock.now < spinUntil
        }
        if ready == 0 {
            repeat { ready = poll(&fds, 2, Int32(min(timeout * 1000, Double(Int32.max)))) } while ready < 0 && errno == EINTR
        }
        if fds[1].revents != 0 { wakeSignal.clear() }
        if fds[0].revents != 0 { return .success(true) }
        if ready == 0 {
            live.close()
            return .failure(RedisError(.connectionLost, "lost connection to redis at \(configuration): no reply within \(timeout) s"))
        }
        return .success(false)
    }

    /// Reads the replies that arrived and hands each caller its replies once its pipeline is complete.
    /// Calls the server did not know the script of (`NOSCRIPT`) run again once the wire is quiet.
    private func receive(on live: RedisConnection, into inFlight: inout ScriptsInFlight) {
        var complete: [ScriptsInFlight.Pipeline] = []
        do {
            for reply in try live.readAvailable() {
                if let pipeline = inFlight.receive(reply) { complete.append(pipeline) }
            }
            let unknown = complete.contains { $0.replies.contains { $0.errorMessage?.hasPrefix("NOSCRIPT") == true } }
            if unknown {
                // Rare (a restarted server, SCRIPT FLUSH): read what is still on the wire, then load and rerun.
                for reply in try live.readReplies(inFlight.outstanding) {
                    if let pipeline = inFlight.receive(reply) { complete.append(pipeline) }
                }
                for index in complete.indices {
                    complete[index].replies = try live.rerunUnknownScripts(complete[index].plan, replies: complete[index].replies)
                }
            }
            for pipeline in complete {
                var replies = pipeline.plan.split(pipeline.replies)[...]
                for entry in pipeline.entries {
                    entry.continuation.resume(returning: .success(Array(replies.prefix(entry.calls.count))))
                    replies = replies.dropFirst(entry.calls.count)
                }
            }
        } catch {
            connectionBroke(error, abandoning: complete.flatMap(\.entries) + inFlight.abandon(), on: live)
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
