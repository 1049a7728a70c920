#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Publishes a file all at once: the bytes go to a hidden temporary file in the same folder, are flushed,
/// and only then appear under their name. A reader (a mail pickup, an image server) never sees half a file,
/// and a crash leaves at most a stray temporary file, never a truncated result.
enum AtomicFile {
    /// What `publish` did.
    enum Outcome: Sendable, Equatable {
        /// The file now holds the bytes.
        case written
        /// `exclusive` was set and a file of that name already existed: nothing was changed.
        case alreadyExists
    }

    /// Writes `bytes` to `path`, creating its folder. With `exclusive`, an existing file is kept and
    /// `.alreadyExists` returned; the check and the publish are one atomic `link`, so two concurrent
    /// writers of the same name cannot both succeed. Without it, an existing file is replaced (`rename`).
    static func publish(_ bytes: [UInt8], to path: String, exclusive: Bool) throws(OutputFileError) -> Outcome {
        let folder = (path as NSString).deletingLastPathComponent
        try createFolder(folder.isEmpty ? "." : folder)
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(UUID().uuidString).tmp"
        try writeFlushed(bytes, to: temporary)
        defer { unlink(temporary) }
        if exclusive {
            // link() fails with EEXIST instead of replacing: the existence check and the publish are one step.
            if link(temporary, path) == 0 { return .written }
            if errno == EEXIST { return .alreadyExists }
            throw OutputFileError(.publish, "unable to publish \(path): \(systemError())")
        }
        guard rename(temporary, path) == 0 else {
            throw OutputFileError(.publish, "unable to move \(temporary) to \(path): \(systemError())")
        }
        return .written
    }

    /// Creates a folder and its parents if missing.
    static func createFolder(_ folder: String) throws(OutputFileError) {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputFileError(.createFolder, "unable to create folder \(folder): \(error.localizedDescription)")
        }
    }

    private static func writeFlushed(_ bytes: [UInt8], to path: String) throws(OutputFileError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputFileError(.write, "unable to create \(path): \(systemError())") }
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = systemError()
                    return
                }
                offset += count
            }
        }
        // Flush before publishing: after a power loss the name must not point at an empty file.
        if failure == nil, fsync(fd) != 0 { failure = systemError() }
        close(fd)
        if let failure {
            unlink(path)
            throw OutputFileError(.write, "unable to write \(path): \(failure)")
        }
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }
}
