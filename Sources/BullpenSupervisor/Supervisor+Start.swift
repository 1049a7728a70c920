import BullpenProcess
import BullpenTopology
import Glibc

extension Supervisor {
    /// Reads the topology and starts the embedded Redis; returns an exit code when the start failed.
    func start() -> Int32? {
        do {
            topology = try Topology.load(path: topologyPath)
        } catch {
            log.fatal("invalid topology \(topologyPath), not starting:")
            for issue in error.issues { log.fatal(issue.description) }
            return SupervisorExitCode.badTopology
        }
        queues = topology.queues.map { QueueRuntime(settings: $0) }
        let workers = topology.queues.reduce(0) { $0 + $1.processes }
        log.info("supervisor pid \(pid) starting \(Self.counted(workers, "worker")) for \(Self.counted(topology.queues.count, "queue")) from \(topologyPath)")
        guard topology.redis == .embedded else { return nil }
        do {
            let plan = try EmbeddedRedisPlan.resolve(
                topology.embeddedRedis, topologyPath: topologyPath, launcher: configuration.embeddedRedis,
                supervisorPID: pid, searchPath: ProcessEnvironment.value("PATH", in: configuration.environment))
            redis = RedisChild(plan: plan)
        } catch {
            log.fatal(error.message)
            return SupervisorExitCode.badTopology
        }
        if let plan = redis?.plan, RedisPing.ping(socketPath: plan.socketPath).isAnswer {
            // Two servers on one data folder would both write its AOF: refuse rather than corrupt it.
            log.fatal("a redis-server already answers on \(plan.socketPath) (left over from an earlier supervisor?): stop it first")
            return SupervisorExitCode.redisUnavailable
        }
        let now = clock.now
        guard spawnRedis(now: now) else { return SupervisorExitCode.redisUnavailable }
        redis?.waitingSince = now
        return nil
    }

    /// While starting: once Redis answers, runs the startup check, then lets the slots spawn.
    func advanceStart(now: ContinuousClock.Instant) {
        if let redis {
            guard redis.state == .running else {
                if let since = redis.waitingSince, since.duration(to: now) > configuration.timing.redisStartTimeout {
                    log.fatal("redis-server did not answer PING on \(redis.plan.socketPath) within \(DurationText.format(configuration.timing.redisStartTimeout))")
                    stopForStartFailure(now: now)
                }
                return
            }
        }
        let url = redis?.plan.url ?? topology.redis.description
        do {
            for warning in try configuration.startupCheck.check(topology: topology, redisURL: url) {
                log.warning(warning)
            }
        } catch {
            log.fatal("Redis at \(redis == nil ? topology.redis.redacted : url) is unreachable: \(error)")
            stopForStartFailure(now: now)
            return
        }
        phase = .running
    }

    /// Gives up starting: stops the embedded Redis (if any) and ends with exit code 75.
    private func stopForStartFailure(now: ContinuousClock.Instant) {
        exitCode = SupervisorExitCode.redisUnavailable
        phase = .draining
        beginStoppingRedis(now: now)
    }
}
