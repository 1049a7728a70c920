import BullpenWorker
import Foundation

/// Handles the `images` queue: decodes a Netpbm image (P2, P3, P5, P6), shrinks it by area averaging to fit
/// `maxSide`, and writes the thumbnail as binary Netpbm, reporting progress after each step. It is real CPU
/// work in pure Swift, the kind the topology isolates in worker processes of their own.
///
/// Data: `{"path": "examples/images/sample.ppm", "maxSide": 128}`. The thumbnail is
/// `<thumbnails>/<name>.thumb.ppm` (`.thumb.pgm` for a grey image).
public struct ImageHandler: JobHandler {
    /// The data of an `images` job.
    public struct Request: Codable, Sendable, Hashable {
        /// The image to read.
        public var path: String
        /// The longest side of the thumbnail (default 128).
        public var maxSide: Int?

        /// Creates a request.
        public init(path: String, maxSide: Int? = nil) {
            self.path = path
            self.maxSide = maxSide
        }
    }

    /// Where thumbnails are written.
    public var thumbnails: String

    /// The largest image file read (an ASCII image takes up to 4 bytes per 8-bit sample).
    public static let maxFileSize = 512 << 20

    /// The longest side when the job gives none.
    public static let defaultMaxSide = 128

    /// A handler writing to `thumbnails`.
    public init(thumbnails: String) { self.thumbnails = thumbnails }

    /// A handler configured from the environment: `BULLPEN_THUMBNAILS` (default `var/thumbnails`).
    public init() { self.init(thumbnails: ProcessInfo.processInfo.environment["BULLPEN_THUMBNAILS"] ?? "var/thumbnails") }

    public func handle(_ job: Job, context: JobContext) async throws -> Thumbnail {
        let request = try job.input(Request.self)
        let maxSide = request.maxSide ?? Self.defaultMaxSide
        guard (1...16384).contains(maxSide) else {
            throw UnrecoverableError("maxSide \(maxSide) is out of range (1 to 16384)")
        }
        let image = try decode(request.path)
        try await context.progress(ImageProgress(step: "decoded", percent: 33))

        let thumbnail = try image.thumbnail(maxSide: maxSide)
        try await context.progress(ImageProgress(step: "resized", percent: 66))

        let name = ((request.path as NSString).lastPathComponent as NSString).deletingPathExtension
        let output = "\(thumbnails)/\(name).thumb.\(thumbnail.channels == 1 ? "pgm" : "ppm")"
        // Replacing is right here: a retry after a crash redoes the same thumbnail.
        _ = try AtomicFile.publish(thumbnail.netpbm(), to: output, exclusive: false)
        try await context.progress(ImageProgress(step: "written", percent: 100))
        return Thumbnail(thumbnail: output, width: thumbnail.width, height: thumbnail.height)
    }

    /// Reads and decodes the image; a file that is missing, unreadable or malformed fails the job for good,
    /// naming the path and the problem.
    private func decode(_ path: String) throws -> PixelImage {
        let data: Data
        do {
            // Read only regular files of a sane size: a device or a fifo would never end.
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            guard attributes[.type] as? FileAttributeType == .typeRegular else {
                throw UnrecoverableError("image \(path) is not a regular file")
            }
            if let size = (attributes[.size] as? NSNumber)?.intValue, size > Self.maxFileSize {
                throw UnrecoverableError("image \(path) is \(size) bytes, more than \(Self.maxFileSize)")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as UnrecoverableError {
            throw error
        } catch {
            throw UnrecoverableError("image \(path) cannot be read: \(error.localizedDescription)")
        }
        do {
            return try PixelImage(netpbm: [UInt8](data))
        } catch {
            throw UnrecoverableError("image \(path) is not a usable Netpbm image: \(error.message)")
        }
    }
}
