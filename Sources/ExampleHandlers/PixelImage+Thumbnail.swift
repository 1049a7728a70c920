/// Shrinking by area averaging (a box filter): each output pixel is the mean of the source area it covers,
/// with source pixels cut by the area's edge weighted by the part inside. A 2:1 shrink averages 2x2 blocks.
extension PixelImage {
    /// The size that fits `maxSide` keeping the aspect ratio; an image that already fits keeps its size.
    public static func fittedSize(width: Int, height: Int, maxSide: Int) -> (width: Int, height: Int) {
        let longest = max(width, height)
        guard longest > maxSide else { return (width, height) }
        let scale = Double(maxSide) / Double(longest)
        return (max(1, Int((Double(width) * scale).rounded())), max(1, Int((Double(height) * scale).rounded())))
    }

    /// A copy that fits `maxSide`. Checks for cancellation between rows, so a job cancelled by its timeout
    /// or a lost lease stops burning CPU (throws `CancellationError`).
    public func thumbnail(maxSide: Int) throws -> PixelImage {
        let (outWidth, outHeight) = Self.fittedSize(width: width, height: height, maxSide: maxSide)
        let columns = Self.weights(from: width, to: outWidth)
        let rows = Self.weights(from: height, to: outHeight)
        // Separable filter: shrink every row horizontally, then combine rows. Doubles keep the fractions.
        let rowLength = outWidth * channels
        var horizontal = [Double](repeating: 0, count: height * rowLength)
        for y in 0..<height {
            try Task.checkCancellation()
            let source = y * width * channels
            let target = y * rowLength
            for (x, taps) in columns.enumerated() {
                for tap in taps {
                    for channel in 0..<channels {
                        horizontal[target + x * channels + channel] += tap.weight * Double(samples[source + tap.index * channels + channel])
                    }
                }
            }
        }
        var output = [UInt16](repeating: 0, count: outHeight * rowLength)
        let top = Double(maxValue)
        for (y, taps) in rows.enumerated() {
            try Task.checkCancellation()
            for offset in 0..<rowLength {
                var sum = 0.0
                for tap in taps { sum += tap.weight * horizontal[tap.index * rowLength + offset] }
                output[y * rowLength + offset] = UInt16(min(max(sum.rounded(), 0), top))
            }
        }
        return PixelImage(width: outWidth, height: outHeight, channels: channels, maxValue: maxValue, samples: output)
    }

    /// For each of `count` output positions, the source positions it covers and their weights (summing to 1).
    static func weights(from source: Int, to count: Int) -> [[(index: Int, weight: Double)]] {
        let scale = Double(source) / Double(count)
        return (0..<count).map { position in
            let start = Double(position) * scale
            let end = min(Double(position + 1) * scale, Double(source))
            var taps: [(index: Int, weight: Double)] = []
            var index = Int(start)
            while Double(index) < end, index < source {
                let covered = min(end, Double(index + 1)) - max(start, Double(index))
                if covered > 1e-9 { taps.append((index, covered / scale)) }
                index += 1
            }
            return taps
        }
    }
}
