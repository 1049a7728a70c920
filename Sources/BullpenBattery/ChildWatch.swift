import Foundation
import Synchronization

/// Watches a process's children in `/proc` every few milliseconds and remembers each one it saw: when
/// the kernel started it and when it was first seen gone. A crash-looping worker lives for a few dozen
/// milliseconds, too short for the scenario's own polling; this watch runs on a task of its own.
///
/// It reads `/proc/<parent>/task/<parent>/children` (the children of the parent's main thread, which
/// is the thread a supervisor spawns from) and the `stat` of each child listed, so one look costs a few
/// small reads, not a scan of every process.
public final class ChildWatch: Sendable {
    /// One child seen by the watch.
    public struct Sighting: Sendable, Hashable {
        /// The child as first seen.
        public var entry: ProcessTable.Entry
        /// The worker it is, if it runs `worker`.
        public var worker: WorkerInfo?
        /// When it was first seen gone (exited, zombie, or no longer a child), in ms of
        /// ``ProcessTable/bootClock()``; nil while it lives. Late by at most one look.
        public var goneAt: Double?
        /// When it was last seen alive, in ms of ``ProcessTable/bootClock()``.
        public var lastSeenAt: Double
    }

    /// The watched parent.
    public let parent: Int32
    /// Sightings by pid and start time (a pid may be reused).
    private let sightings = Mutex<[Key: Sighting]>([:])
    private let task = Mutex<Task<Void, Never>?>(nil)

    private struct Key: Hashable {
        var pid: Int32
        var startedAt: Double
    }

    /// Starts watching the children of `parent`, looking every `every`.
    public init(parent: Int32, every: Duration = .milliseconds(3)) {
        self.parent = parent
        let loop = Task { [weak self] in
            while !Task.isCancelled {
                guard let self else { return }
                self.look()
                try? await Task.sleep(for: every)
            }
        }
        task.withLock { $0 = loop }
    }

    deinit { task.withLock { $0?.cancel() } }

    /// Stops watching (after one last look).
    public func stop() {
        task.withLock { $0?.cancel() }
        look()
    }

    /// Every child seen so far, by start time.
    public var seen: [Sighting] {
        sightings.withLock { Array($0.values) }.sorted { ($0.entry.startedAt, $0.entry.pid) < ($1.entry.startedAt, $1.entry.pid) }
    }

    /// One look at the parent's children.
    func look() {
        let now = ProcessTable.bootClock()
        let text = (try? String(contentsOfFile: "/proc/\(parent)/task/\(parent)/children", encoding: .utf8)) ?? ""
        var alive: [Key: ProcessTable.Entry] = [:]
        for pid in text.split(whereSeparator: \.isWhitespace).compactMap({ Int32($0) }) {
            if let entry = ProcessTable.entry(pid: pid), entry.parent == parent, entry.state != "Z" {
                alive[Key(pid: pid, startedAt: entry.startedAt)] = entry
            }
        }
        sightings.withLock { known in
            for (key, entry) in alive {
                if known[key] == nil {
                    known[key] = Sighting(entry: entry, worker: WorkerInfo(entry), goneAt: nil, lastSeenAt: now)
                } else {
                    known[key]?.lastSeenAt = now
                    // Right after the spawn the child may still show the parent's command line (before its
                    // exec): read it again until it names a worker.
                    if known[key]?.worker == nil, let worker = WorkerInfo(entry) {
                        known[key]?.entry = entry
                        known[key]?.worker = worker
                    }
                }
            }
            for (key, sighting) in known where sighting.goneAt == nil && alive[key] == nil {
                known[key]?.goneAt = now
            }
        }
    }
}
