/// A file that is not a Netpbm image this example reads (P2, P3, P5 or P6), or is damaged.
public struct NetpbmError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, as an extensible set of codes.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The code's name.
        public var name: String
        /// The file does not start with P2, P3, P5 or P6.
        public static let badMagic = Code(name: "badMagic")
        /// The width, height or maximum value is missing or out of range.
        public static let badHeader = Code(name: "badHeader")
        /// The file ends before the last pixel.
        public static let truncated = Code(name: "truncated")
        /// An ASCII sample is not a number or exceeds the maximum value.
        public static let badSample = Code(name: "badSample")
        /// The image has more pixels than this example decodes.
        public static let tooLarge = Code(name: "tooLarge")

        public var description: String { name }
    }

    /// What is wrong.
    public var code: Code
    /// The problem, with the bad value.
    public var message: String

    /// Creates the error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
