import Foundation

/// A mail drop folder: each delivered message is one `.eml` file named after its idempotency key, so the
/// file's existence is the record that the message went out.
struct MailDrop: Sendable {
    /// The folder.
    var folder: String

    /// The file name for a key: letters, digits, `-` and `_` stay, every other byte becomes `%XX` (and a
    /// leading dot too), so distinct keys never share a file and no key can name a path outside the folder.
    /// A very long key is cut and completed with a hash of the whole key, within file name limits.
    func fileName(forKey key: String) -> String {
        var encoded = ""
        for (index, byte) in key.utf8.enumerated() {
            let scalar = Unicode.Scalar(byte)
            let plain = byte < 0x80 && (CharacterSet.alphanumerics.contains(scalar) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_") || (byte == UInt8(ascii: ".") && index > 0))
            encoded += plain ? String(scalar) : String(format: "%%%02X", byte)
        }
        if encoded.utf8.count > 200 {
            // `~` is never produced by the encoding above, so a cut name cannot equal a short key's name.
            encoded = String(encoded.prefix(180)) + "~" + Self.hash(key)
        }
        return encoded + ".eml"
    }

    /// The path of the message for a key.
    func path(forKey key: String) -> String { "\(folder)/\(fileName(forKey: key))" }

    /// A Message-ID derived from the key: a re-delivery of the same message carries the same id.
    func messageID(forKey key: String) -> String { "<bullpen.\(Self.hash(key))@example.invalid>" }

    /// Whether the message for a key was delivered.
    func contains(key: String) -> Bool { FileManager.default.fileExists(atPath: path(forKey: key)) }

    /// Delivers a message once: `.alreadyExists` when the key's file is there, even if another worker
    /// published it a moment ago.
    func deliver(_ message: [UInt8], forKey key: String) throws(OutputFileError) -> AtomicFile.Outcome {
        try AtomicFile.publish(message, to: path(forKey: key), exclusive: true)
    }

    /// 64-bit FNV-1a in hex: stable across runs and platforms, unlike `Hasher`.
    static func hash(_ key: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        return String(value, radix: 16).leftPadded(to: 16)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
