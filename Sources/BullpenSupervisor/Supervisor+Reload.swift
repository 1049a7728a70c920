import BullpenProcess
import BullpenTopology

/// SIGHUP: read the topology again and apply only the difference.
///
/// - An invalid file changes nothing; every problem is logged.
/// - A change of `redis`, `embedded_redis` or `prefix` (``TopologyDiff/needsFullRestart``) cannot be
///   applied to running workers (they would split between two Redis instances or key spaces): the plan is
///   logged with an error asking for a supervisor restart, and *nothing* is applied.
/// - Otherwise: the restart policy and stop timeouts apply at once; new queues and slots start; removed
///   queues and slots are drained (SIGTERM, then SIGKILL at their stop timeout); queues whose workers
///   must restart (``QueueChange/needsRestart``) are replaced one slot at a time, the new worker
///   `running` before the old one gets SIGTERM; every other slot keeps its worker.
///
/// systemd gets `RELOADING=1` first and `READY=1` once the plan is under way (drains and replacements
/// go on after it); a reload before the first `READY=1` is applied without either.
extension Supervisor {
    func reload() {
        guard phase == .starting || phase == .running else {
            log.warning("ignoring SIGHUP while \(phase)")
            return
        }
        log.info("SIGHUP: reloading \(topologyPath)")
        // Before the first READY=1, systemd is still waiting for the start: no reload to announce.
        let announce = readySent
        if announce { notify { try $0.reloading(status: "reloading \(topologyPath)") } }
        defer { if announce { notify { try $0.ready(status: status.summary) } } }

        let new: Topology
        do {
            new = try Topology.load(path: topologyPath)
        } catch {
            log.error("reload failed, keeping the running topology:")
            for issue in error.issues { log.error(issue.description) }
            return
        }
        let diff = TopologyDiff(from: topology, to: new)
        guard !diff.isEmpty else {
            log.info("reload: no changes")
            return
        }
        guard !diff.needsFullRestart else {
            log.error("reload: \(diff.plan)")
            log.error("reload: redis, embedded_redis or prefix changed: restart the supervisor to apply them; nothing was applied")
            return
        }
        log.info("reload: \(diff.plan)")
        apply(diff, to: new)
        do {
            try configuration.startupCheck.topologyReloaded(new)
        } catch {
            log.error("reload: \(error)")
        }
    }

    private func apply(_ diff: TopologyDiff, to new: Topology) {
        topology = new
        for change in diff.queueChanges {
            let existing = queues.firstIndex { $0.name == change.name }
            guard let settings = new.queue(named: change.name) else {
                if let q = existing {
                    queues[q].removed = true
                    queues[q].rolloutBefore = nil
                }
                continue
            }
            guard let q = existing else {
                queues.append(QueueRuntime(settings: settings))
                continue
            }
            // Also a queue added back while its old slots still drain: they go on draining, and the
            // new slots start with the new file.
            queues[q].settings = settings
            queues[q].removed = false
            if change.needsRestart { startRollout(q) }
        }
        // Queues in the new file's order; removed ones, still draining, after them.
        let order = Dictionary(uniqueKeysWithValues: new.queues.enumerated().map { ($1.name, $0) })
        queues = queues.enumerated()
            .sorted { (order[$0.element.name] ?? Int.max, $0.offset) < (order[$1.element.name] ?? Int.max, $1.offset) }
            .map(\.element)
    }
}
