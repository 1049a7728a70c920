import Glibc

/// The path of the running binary, for re-executing it (workers, the parent-death trampoline).
public enum ExecutablePath {
    /// `/proc/self/exe` resolved with `readlink`.
    ///
    /// When a deploy has replaced the file since the start, the kernel reports `<path> (deleted)`; the
    /// suffix is dropped, so new workers run the *new* binary at the same path, which is what a rolling
    /// restart (SIGUSR2) after a deploy wants.
    public static func current() throws(SupervisorError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else {
            throw SupervisorError(.executable, "unable to read /proc/self/exe: \(String(cString: strerror(errno)))")
        }
        let path = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let deleted = " (deleted)"
        return path.hasSuffix(deleted) ? String(path.dropLast(deleted.count)) : path
    }

    /// `path` made absolute against the current directory, lexically (symlinks are kept, so a
    /// `current -> release-42` link is followed anew by each worker).
    public static func absolute(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let directory = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let relative = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return directory == "/" ? "/" + relative : directory + "/" + relative
    }

    /// The folder part of an absolute path: `/etc/bullpen/bullpen.yaml` → `/etc/bullpen`.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
