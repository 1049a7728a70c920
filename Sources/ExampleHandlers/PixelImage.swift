/// An image in memory: rows of samples, one (grey) or three (red, green, blue) per pixel, each from 0 to
/// `maxValue` (255 for 8-bit images, up to 65535).
public struct PixelImage: Sendable, Hashable {
    /// Pixels per row.
    public var width: Int
    /// Rows.
    public var height: Int
    /// Samples per pixel: 1 (grey) or 3 (RGB).
    public var channels: Int
    /// The largest sample value.
    public var maxValue: Int
    /// `height` rows of `width * channels` samples, top row first.
    public var samples: [UInt16]

    /// Creates an image; `samples` must hold `width * height * channels` values.
    public init(width: Int, height: Int, channels: Int, maxValue: Int = 255, samples: [UInt16]) {
        precondition(samples.count == width * height * channels, "an image of \(width)x\(height)x\(channels) needs \(width * height * channels) samples, not \(samples.count)")
        self.width = width
        self.height = height
        self.channels = channels
        self.maxValue = maxValue
        self.samples = samples
    }

    /// The samples of the pixel at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> ArraySlice<UInt16> {
        let start = (y * width + x) * channels
        return samples[start..<start + channels]
    }
}
