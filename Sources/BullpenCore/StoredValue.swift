/// A value of a job record as the `jobs` hash stores it: MessagePack once a script rewrote the record,
/// JSON as `add` wrote it (see `JobRecord.decode(stored:id:)`).
///
/// A take hands the worker its job's record as stored, so the script neither decodes nor re-encodes it;
/// the worker reads it with the two small readers of this type (`JSONDecoder` cost a sixth of a worker's
/// time per job).
enum StoredValue: Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([StoredValue])
    case map([String: StoredValue])

    /// The value as a number (integers and floats alike).
    var number: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    /// The value as text.
    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}
