import BullpenProcess
import BullpenTopology
import Glibc

/// The embedded redis-server: started first, watched with PING until it answers, restarted with
/// backoff when it dies (also during a drain, where workers need it to hand their jobs back), and
/// stopped with SIGTERM after the last worker is gone.
extension Supervisor {
    /// Spawns redis-server (through the parent-death trampoline when configured). False when it
    /// cannot be spawned at all.
    @discardableResult
    func spawnRedis(now: ContinuousClock.Instant) -> Bool {
        guard var child = redis else { return false }
        child.spawns += 1
        child.restartAt = nil
        let environment = ProcessEnvironment.updating(
            configuration.environment,
            with: Dictionary(uniqueKeysWithValues: SystemdNotifier.environmentNames.map { ($0, String?.none) }))
        let options = SpawnOptions(
            executable: child.plan.executable, arguments: child.plan.arguments, environment: environment,
            // Its own process group: a terminal's Ctrl-C must not stop Redis while the workers still need
            // it to hand their jobs back (the supervisor stops it last).
            standardInput: .null, processGroup: .new)
        defer { redis = child }
        do {
            let spawned = try ChildProcess.spawn(options)
            child.process = SpawnedChild(pid: spawned.pid, workerID: "redis-server", serial: 0, startedAt: now)
            child.state = .starting
            child.waitingSince = now
            log.info("started redis-server pid \(spawned.pid) (data in \(child.plan.directory), socket \(child.plan.socketPath))")
            return true
        } catch {
            log.error("unable to start redis-server: \(error)")
            child.state = .exited
            scheduleRedisRestart(&child, lived: .zero, now: now)
            return false
        }
    }

    /// redis-server ended: restart it unless it was being stopped; before its first answer at start,
    /// give up (exit code 75).
    func redisExited(_ status: TerminationStatus, now: ContinuousClock.Instant) {
        guard var child = redis, let process = child.process else { return }
        child.process = nil
        child.lastExit = status
        defer { redis = child }
        if child.stopRequested {
            child.state = .exited
            log.info("redis-server pid \(process.pid) stopped (\(status))")
            return
        }
        if phase == .starting {
            child.state = .exited
            log.fatal("redis-server pid \(process.pid) \(status) before answering PING (its log is above)")
            exitCode = SupervisorExitCode.redisUnavailable
            phase = .stopping
            return
        }
        let lived = process.startedAt.duration(to: now)
        log.warning("redis-server pid \(process.pid) \(status) after \(DurationText.format(lived))")
        scheduleRedisRestart(&child, lived: lived, now: now)
    }

    private func scheduleRedisRestart(_ child: inout RedisChild, lived: Duration, now: ContinuousClock.Instant) {
        let policy = topology.restart
        child.quickDeaths = lived < policy.quickDeath ? child.quickDeaths + 1 : 0
        let delay = child.quickDeaths == 0 ? Duration.zero : policy.backoff(afterQuickDeaths: child.quickDeaths)
        child.state = .backoff
        child.restartAt = now.advanced(by: delay)
        log.warning("restarting redis-server in \(DurationText.format(delay))")
    }

    /// Each turn: PING a starting server, restart one whose backoff is over, kill one past its stop
    /// deadline.
    func superviseRedis(now: ContinuousClock.Instant) {
        guard var child = redis else { return }
        defer { redis = child }
        switch child.state {
        case .starting where !child.stopRequested:
            switch RedisPing.ping(socketPath: child.plan.socketPath) {
            case .pong:
                child.state = .running
                if let process = child.process, process.startedAt.duration(to: now) >= topology.restart.quickDeath {
                    child.quickDeaths = 0
                }
                log.info("redis-server answers on \(child.plan.socketPath)")
            case .reply:
                child.waitingSince = now  // LOADING: alive, reading its AOF.
            case .noAnswer:
                break
            }
        case .backoff where !child.stopRequested && phase != .stopping:
            if let at = child.restartAt, now >= at {
                redis = child
                spawnRedis(now: now)
                child = redis!
            }
        default:
            break
        }
        if let deadline = child.process?.stopDeadline, now >= deadline, child.process?.killed == false, let pid = child.process?.pid {
            log.warning("redis-server pid \(pid) is still running at its stop deadline; killing it")
            try? Signals.send(signal: SIGKILL, to: pid)
            child.process?.killed = true
        }
    }

    /// After the last worker: SIGTERM to redis-server (it writes its AOF and exits), SIGKILL after
    /// ``SupervisorTiming/redisStopTimeout`` (2 s after a second TERM/INT).
    func beginStoppingRedis(now: ContinuousClock.Instant) {
        phase = .stopping
        guard var child = redis, !child.stopRequested else { return }
        child.stopRequested = true
        child.restartAt = nil
        if let pid = child.process?.pid {
            log.info("stopping redis-server pid \(pid)")
            child.state = .stopping
            child.process?.stopDeadline = now.advanced(by: forced ? .seconds(2) : configuration.timing.redisStopTimeout)
            try? Signals.send(signal: SIGTERM, to: pid)
        } else {
            child.state = .exited
        }
        redis = child
    }
}
