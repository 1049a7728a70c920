/// Reading and writing Netpbm images: binary PGM (P5) and PPM (P6), and their ASCII forms P2 and P3.
/// The format is a short text header (`P6 256 192 255`, with `#` comments) followed by the samples.
extension PixelImage {
    /// The most pixels an image may have (the decoded samples and the resize buffers must fit a worker).
    public static let maxPixels = 40_000_000

    /// Decodes a Netpbm image.
    public init(netpbm bytes: [UInt8]) throws(NetpbmError) {
        var scanner = HeaderScanner(bytes: bytes)
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "P"), let format = Format(rawValue: bytes[1]) else {
            let shown = String(decoding: bytes.prefix(2), as: UTF8.self)
            throw NetpbmError(.badMagic, bytes.isEmpty ? "bad magic: the file is empty"
                              : "bad magic \(String(reflecting: shown)) (expected P2, P3, P5 or P6)")
        }
        scanner.position = 2
        let width = try scanner.number("width")
        let height = try scanner.number("height")
        let maxValue = try scanner.number("maximum value")
        guard width > 0, height > 0 else { throw NetpbmError(.badHeader, "bad size \(width)x\(height)") }
        guard (1...65535).contains(maxValue) else { throw NetpbmError(.badHeader, "bad maximum value \(maxValue) (1 to 65535)") }
        guard width * height <= Self.maxPixels else {
            throw NetpbmError(.tooLarge, "\(width)x\(height) is more than \(Self.maxPixels) pixels")
        }
        let count = width * height * format.channels
        let samples = format.isBinary
            ? try scanner.binarySamples(count, wide: maxValue > 255)
            : try scanner.textSamples(count, maxValue: maxValue)
        self.init(width: width, height: height, channels: format.channels, maxValue: maxValue, samples: samples)
    }

    /// The image as binary Netpbm: P6 for RGB, P5 for grey; two bytes per sample above 255.
    public func netpbm() -> [UInt8] {
        var bytes = Array("\(channels == 1 ? "P5" : "P6")\n\(width) \(height)\n\(maxValue)\n".utf8)
        if maxValue > 255 {
            bytes.reserveCapacity(bytes.count + samples.count * 2)
            for sample in samples { bytes += [UInt8(sample >> 8), UInt8(sample & 0xFF)] }
        } else {
            bytes.reserveCapacity(bytes.count + samples.count)
            for sample in samples { bytes.append(UInt8(truncatingIfNeeded: sample)) }
        }
        return bytes
    }

    /// The second byte of the magic number.
    private enum Format: UInt8 {
        case asciiGrey = 0x32, asciiColor = 0x33, binaryGrey = 0x35, binaryColor = 0x36

        var channels: Int { self == .asciiGrey || self == .binaryGrey ? 1 : 3 }
        var isBinary: Bool { self == .binaryGrey || self == .binaryColor }
    }
}

/// Walks a Netpbm file: header numbers between whitespace and comments, then the samples.
private struct HeaderScanner {
    let bytes: [UInt8]
    var position = 0

    /// The next decimal number; `what` names it in errors.
    mutating func number(_ what: String) throws(NetpbmError) -> Int {
        skipSpaceAndComments()
        let start = position
        var value = 0
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            guard position - start < 9 else { throw NetpbmError(.badHeader, "the \(what) has too many digits") }
            value = value * 10 + Int(bytes[position] - UInt8(ascii: "0"))
            position += 1
        }
        guard position > start else {
            if position >= bytes.count { throw NetpbmError(.truncated, "truncated: the file ends before the \(what)") }
            throw NetpbmError(.badHeader, "the \(what) is not a number (found \(String(reflecting: Character(Unicode.Scalar(bytes[position])))))")
        }
        return value
    }

    /// `count` binary samples after the single whitespace byte that ends the header.
    mutating func binarySamples(_ count: Int, wide: Bool) throws(NetpbmError) -> [UInt16] {
        position += 1
        let needed = count * (wide ? 2 : 1)
        let available = max(0, bytes.count - position)
        guard available >= needed else {
            throw NetpbmError(.truncated, "truncated: \(available) of \(needed) pixel bytes")
        }
        let raster = bytes[position..<position + needed]
        guard wide else { return raster.map(UInt16.init) }
        return stride(from: raster.startIndex, to: raster.endIndex, by: 2).map { UInt16(raster[$0]) << 8 | UInt16(raster[$0 + 1]) }
    }

    /// `count` decimal samples (P2, P3), each at most `maxValue`.
    mutating func textSamples(_ count: Int, maxValue: Int) throws(NetpbmError) -> [UInt16] {
        var samples: [UInt16] = []
        samples.reserveCapacity(count)
        for index in 0..<count {
            let value: Int
            do {
                value = try number("sample \(index + 1)")
            } catch let error where error.code == .truncated {
                throw NetpbmError(.truncated, "truncated: \(index) of \(count) samples")
            } catch {
                throw NetpbmError(.badSample, "sample \(index + 1) is not a number")
            }
            guard value <= maxValue else { throw NetpbmError(.badSample, "sample \(index + 1) is \(value), above the maximum \(maxValue)") }
            samples.append(UInt16(value))
        }
        return samples
    }

    private mutating func skipSpaceAndComments() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
                position += 1
            case UInt8(ascii: "#"):
                while position < bytes.count, bytes[position] != UInt8(ascii: "\n"), bytes[position] != UInt8(ascii: "\r") { position += 1 }
            default:
                return
            }
        }
    }
}
