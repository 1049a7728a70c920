import CBullpenSystem
import Glibc

extension ChildProcess {
    /// Starts a program with `posix_spawn` (never `fork`: a forked multi-threaded Swift process is unsafe).
    ///
    /// In the child, before `exec`: the standard streams are connected as asked, the working directory is
    /// changed, every fd >= 3 is closed, the signal mask is emptied, every signal is reset to its default
    /// action (ignored signals would otherwise survive `exec`), and the process group is set. Errors name
    /// the executable and the reason: `unable to spawn /usr/bin/nope: No such file or directory`.
    ///
    /// A child that arms `ParentDeath` gets its signal when the *thread* that spawned it exits: spawn such
    /// children from a thread that lives as long as the parent (the main thread).
    public static func spawn(_ options: SpawnOptions) throws(ProcessError) -> ChildProcess {
        guard !options.executable.isEmpty else { throw ProcessError(.spawn, "unable to spawn: empty executable path") }
        var streams: [PreparedStream] = []
        // Whatever happens, the parent's copies of the child's ends are closed; on failure its own ends too.
        var succeeded = false
        defer {
            for stream in streams {
                stream.closeTemporaries()
                if !succeeded, let fd = stream.parentEnd { close(fd) }
            }
        }
        let requested = [options.standardInput, options.standardOutput, options.standardError]
        for (target, stream) in zip(Int32(0)..., requested) {
            streams.append(try PreparedStream(stream, target: target, executable: options.executable))
        }
        let pid = try launch(options, streams: streams)
        succeeded = true
        return ChildProcess(
            pid: pid, standardInput: streams[0].parentEnd, standardOutput: streams[1].parentEnd,
            standardError: streams[2].parentEnd)
    }

    /// Builds the file actions and attributes and calls `posix_spawn`.
    private static func launch(_ options: SpawnOptions, streams: [PreparedStream]) throws(ProcessError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        for (target, stream) in zip(Int32(0)..., streams) {
            if stream.opensNull {
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
            } else if let source = stream.childSource {
                // Sources are all >= 3, so no dup2 here can overwrite another one's source.
                posix_spawn_file_actions_adddup2(&actions, source, target)
            }
        }
        if let directory = options.workingDirectory {
            bullpen_spawn_file_actions_addchdir(&actions, directory)
        }
        // Fds without close-on-exec (hiredis sockets, fds of other libraries) must not leak into children.
        bullpen_spawn_file_actions_addclosefrom(&actions, 3)

        var emptyMask = SignalSet().raw
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        // sigfillset leaves out glibc's internal signals 32 and 33, and glibc's spawn then sets them to
        // SIG_IGN in the child, where they would stay ignored after exec: fill every bit instead.
        var allSignals = sigset_t()
        bullpen_sigset_fill_all(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        switch options.processGroup {
        case .inherit: break
        case .new:
            flags |= POSIX_SPAWN_SETPGROUP
            posix_spawnattr_setpgroup(&attributes, 0)
        case .join(let group):
            flags |= POSIX_SPAWN_SETPGROUP
            posix_spawnattr_setpgroup(&attributes, group)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        var pid: pid_t = 0
        let argv = [options.argumentZero ?? options.executable] + options.arguments
        let result = withCStringArray(argv) { argv in
            withCStringArray(options.environment) { envp in
                posix_spawn(&pid, options.executable, &actions, &attributes, argv, envp)
            }
        }
        guard result == 0 else {
            let place = options.workingDirectory.map { " in working directory \($0)" } ?? ""
            throw .system(.spawn, "unable to spawn \(options.executable)\(place)", errno: result)
        }
        return pid
    }
}

/// Calls `body` with a NULL-terminated C array of copies of `strings`, freed afterwards.
/// A string with an embedded NUL is cut at it.
private func withCStringArray<R>(
    _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R
) -> R {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
