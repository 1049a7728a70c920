/// Why a cron expression, a time zone or an interval was rejected.
///
/// The message names the expression, the field and the reason, for example
/// `invalid cron expression "61 * * * *": minute: 61 is out of range 0-59`.
public struct CronError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure. New codes may be added: match with `==`, not with an exhaustive switch.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name, e.g. `outOfRange`.
        public let name: String

        /// Creates a code with the given name.
        public init(_ name: String) { self.name = name }

        /// The code's name.
        public var description: String { name }

        /// The expression has neither 5 nor 6 fields.
        public static let fieldCount = Code("fieldCount")
        /// An `@` shorthand that does not exist, such as `@fortnightly`.
        public static let unknownShorthand = Code("unknownShorthand")
        /// A value that is neither a number nor a name the field knows, or an empty value.
        public static let invalidValue = Code("invalidValue")
        /// A number outside the field's range, such as minute 61.
        public static let outOfRange = Code("outOfRange")
        /// A range whose start is after its end, such as `5-1`.
        public static let invalidRange = Code("invalidRange")
        /// A step that is not a number or is outside 1 and the field's span, such as `*/0`.
        public static let invalidStep = Code("invalidStep")
        /// `L` where it is not allowed (outside day-of-month, in a range or with a step).
        public static let invalidLast = Code("invalidLast")
        /// A time zone name the tz database does not know.
        public static let unknownTimeZone = Code("unknownTimeZone")
        /// An interval that is not a positive number of milliseconds.
        public static let invalidInterval = Code("invalidInterval")
    }

    /// The kind of failure.
    public let code: Code
    /// The whole text that was rejected (expression, time zone name or interval), as given.
    public let input: String
    /// The field at fault (`second`, `minute`, `hour`, `day-of-month`, `month`, `day-of-week`), if any.
    public let field: String?
    /// The reason alone, without the expression and field, e.g. `61 is out of range 0-59`.
    public let reason: String
    /// The full message, naming the input, the field and the reason.
    public let message: String

    /// Creates an error from its parts; callers build `message` from the others.
    init(code: Code, input: String, field: String?, reason: String, message: String) {
        self.code = code
        self.input = input
        self.field = field
        self.reason = reason
        self.message = message
    }

    /// The full message.
    public var description: String { message }

    /// An error in a cron expression, in the field `field` (or in the expression as a whole).
    static func expression(_ code: Code, _ expression: String, field: String?, _ reason: String) -> CronError {
        let place = field.map { "\($0): " } ?? ""
        return CronError(
            code: code, input: expression, field: field, reason: reason,
            message: "invalid cron expression \"\(expression)\": \(place)\(reason)"
        )
    }
}
