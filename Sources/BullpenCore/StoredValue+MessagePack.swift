extension StoredValue {
    /// The value encoded in `bytes` as MessagePack (as Redis's `cmsgpack` writes the records scripts
    /// rewrite), or nil when they are not one whole MessagePack value.
    static func decode(messagePack bytes: some Collection<UInt8>) -> StoredValue? {
        let buffer = Array(bytes)
        var reader = MessagePackReader(bytes: buffer)
        guard let value = reader.value(depth: 0), reader.offset == buffer.count else { return nil }
        return value
    }
}

private struct MessagePackReader {
    let bytes: [UInt8]
    var offset = 0

    /// Nested arrays and maps deeper than this are refused (a record is two levels deep).
    static let maxDepth = 32

    mutating func value(depth: Int) -> StoredValue? {
        guard depth < Self.maxDepth, let tag = byte() else { return nil }
        switch tag {
        case 0x00...0x7f: return .int(Int64(tag))
        case 0xe0...0xff: return .int(Int64(Int8(bitPattern: tag)))
        case 0x80...0x8f: return map(count: Int(tag & 0x0f), depth: depth)
        case 0x90...0x9f: return array(count: Int(tag & 0x0f), depth: depth)
        case 0xa0...0xbf: return string(count: Int(tag & 0x1f))
        case 0xc0: return .null
        case 0xc2: return .bool(false)
        case 0xc3: return .bool(true)
        case 0xc4, 0xd9: return unsigned(1).flatMap { string(count: Int($0)) }
        case 0xc5, 0xda: return unsigned(2).flatMap { string(count: Int($0)) }
        case 0xc6, 0xdb: return unsigned(4).flatMap { string(count: Int($0)) }
        case 0xca: return unsigned(4).map { .double(Double(Float(bitPattern: UInt32($0)))) }
        case 0xcb: return unsigned(8).map { .double(Double(bitPattern: $0)) }
        case 0xcc: return unsigned(1).map { .int(Int64($0)) }
        case 0xcd: return unsigned(2).map { .int(Int64($0)) }
        case 0xce: return unsigned(4).map { .int(Int64($0)) }
        case 0xcf: return unsigned(8).flatMap { $0 <= UInt64(Int64.max) ? .int(Int64($0)) : nil }
        case 0xd0: return unsigned(1).map { .int(Int64(Int8(truncatingIfNeeded: $0))) }
        case 0xd1: return unsigned(2).map { .int(Int64(Int16(truncatingIfNeeded: $0))) }
        case 0xd2: return unsigned(4).map { .int(Int64(Int32(truncatingIfNeeded: $0))) }
        case 0xd3: return unsigned(8).map { .int(Int64(bitPattern: $0)) }
        case 0xdc: return unsigned(2).flatMap { array(count: Int($0), depth: depth) }
        case 0xdd: return unsigned(4).flatMap { array(count: Int($0), depth: depth) }
        case 0xde: return unsigned(2).flatMap { map(count: Int($0), depth: depth) }
        case 0xdf: return unsigned(4).flatMap { map(count: Int($0), depth: depth) }
        default: return nil
        }
    }

    private mutating func byte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// A big-endian unsigned integer of `width` bytes.
    private mutating func unsigned(_ width: Int) -> UInt64? {
        guard bytes.count - offset >= width else { return nil }
        var value: UInt64 = 0
        for index in offset..<offset + width { value = value << 8 | UInt64(bytes[index]) }
        offset += width
        return value
    }

    private mutating func string(count: Int) -> StoredValue? {
        guard count >= 0, bytes.count - offset >= count else { return nil }
        defer { offset += count }
        return .string(String(decoding: bytes[offset..<offset + count], as: UTF8.self))
    }

    private mutating func array(count: Int, depth: Int) -> StoredValue? {
        // Each element takes at least one byte: a count beyond what is left is malformed.
        guard count <= bytes.count - offset else { return nil }
        var elements: [StoredValue] = []
        elements.reserveCapacity(count)
        for _ in 0..<count {
            guard let element = value(depth: depth + 1) else { return nil }
            elements.append(element)
        }
        return .array(elements)
    }

    private mutating func map(count: Int, depth: Int) -> StoredValue? {
        guard count <= bytes.count - offset else { return nil }
        var entries: [String: StoredValue] = [:]
        entries.reserveCapacity(count)
        for _ in 0..<count {
            guard case .string(let key)? = value(depth: depth + 1), let entry = value(depth: depth + 1) else { return nil }
            entries[key] = entry
        }
        return .map(entries)
    }
}
