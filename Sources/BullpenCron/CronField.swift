/// One of the six fields of a cron expression: its name in messages, its range and the names it accepts.
enum CronField: CaseIterable, Sendable {
    case second, minute, hour, dayOfMonth, month, dayOfWeek

    /// The name used in error messages.
    var name: String {
        switch self {
        case .second: "second"
        case .minute: "minute"
        case .hour: "hour"
        case .dayOfMonth: "day-of-month"
        case .month: "month"
        case .dayOfWeek: "day-of-week"
        }
    }

    /// The values a field may name. Day-of-week accepts 7 as a second spelling of Sunday (0).
    var bounds: ClosedRange<Int> {
        switch self {
        case .second, .minute: 0...59
        case .hour: 0...23
        case .dayOfMonth: 1...31
        case .month: 1...12
        case .dayOfWeek: 0...7
        }
    }

    /// Three-letter names (upper case) and their values, for month and day-of-week.
    var names: [String: Int] {
        switch self {
        case .month:
            ["JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
             "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12]
        case .dayOfWeek:
            ["SUN": 0, "MON": 1, "TUE": 2, "WED": 3, "THU": 4, "FRI": 5, "SAT": 6]
        default:
            [:]
        }
    }

    /// How a value that is not a number is described in an error (`a number`, `a number or a month name (JAN-DEC)`).
    var expectedValue: String {
        switch self {
        case .month: "a number or a month name (JAN-DEC)"
        case .dayOfWeek: "a number or a day name (SUN-SAT)"
        default: "a number"
        }
    }
}
