extension CronExpression {
    /// Whether the wall-clock time `time` matches every field of the expression.
    func matches(_ time: LocalDateTime) -> Bool {
        months.contains(time.month) && allowsDay(year: time.year, month: time.month, day: time.day)
            && hours.contains(time.hour) && minutes.contains(time.minute) && seconds.contains(time.second)
    }

    /// Whether the expression allows the day `year-month-day` (month and day-of-month/day-of-week rules).
    func allowsDay(year: Int, month: Int, day: Int) -> Bool {
        let date = LocalDateTime(year: year, month: month, day: day)
        let dayOfMonthMatches = daysOfMonth.contains(day) || (lastDayOfMonth && day == date.daysInMonth)
        let dayOfWeekMatches = daysOfWeek.contains(date.weekday)
        return eitherDayMatches ? dayOfMonthMatches || dayOfWeekMatches : dayOfMonthMatches && dayOfWeekMatches
    }

    /// The first wall-clock time in `from..<until` (local seconds, see `LocalDateTime`) that the expression
    /// matches, or nil.
    ///
    /// Jumps field by field, from month down to second: a field that does not match moves the time to the
    /// next value that field allows and resets the smaller fields, so a search costs a few steps per month
    /// it crosses, never one per minute.
    func firstLocalMatch(from: Int64, until: Int64) -> Int64? {
        var time = LocalDateTime(localSeconds: from)
        while time.localSeconds < until {
            guard let month = months.next(atOrAfter: time.month) else {
                time = LocalDateTime(year: time.year + 1, month: 1, day: 1)
                continue
            }
            if month != time.month {
                time = LocalDateTime(year: time.year, month: month, day: 1)
                continue
            }
            guard let day = firstDay(year: time.year, month: time.month, atOrAfter: time.day) else {
                time = time.month == 12
                    ? LocalDateTime(year: time.year + 1, month: 1, day: 1)
                    : LocalDateTime(year: time.year, month: time.month + 1, day: 1)
                continue
            }
            if day != time.day {
                time = LocalDateTime(year: time.year, month: time.month, day: day)
                continue
            }
            guard let hour = hours.next(atOrAfter: time.hour) else {
                time = LocalDateTime(localSeconds: time.startOfDay + 86_400)
                continue
            }
            if hour != time.hour {
                time.hour = hour
                time.minute = 0
                time.second = 0
                continue
            }
            guard let minute = minutes.next(atOrAfter: time.minute) else {
                time = LocalDateTime(localSeconds: time.startOfHour + 3600)
                continue
            }
            if minute != time.minute {
                time.minute = minute
                time.second = 0
                continue
            }
            guard let second = seconds.next(atOrAfter: time.second) else {
                time = LocalDateTime(localSeconds: time.startOfMinute + 60)
                continue
            }
            time.second = second
            let match = time.localSeconds
            return match < until ? match : nil
        }
        return nil
    }

    /// The first day from `day` on in the month that the expression allows.
    private func firstDay(year: Int, month: Int, atOrAfter day: Int) -> Int? {
        let lastDay = LocalDateTime.daysIn(month: month, year: year)
        guard day <= lastDay else { return nil }
        return (day...lastDay).first { allowsDay(year: year, month: month, day: $0) }
    }
}

extension LocalDateTime {
    /// Local seconds of this day's midnight.
    fileprivate var startOfDay: Int64 { LocalDateTime(year: year, month: month, day: day).localSeconds }
    /// Local seconds of the start of this hour.
    fileprivate var startOfHour: Int64 { startOfDay + Int64(hour * 3600) }
    /// Local seconds of the start of this minute.
    fileprivate var startOfMinute: Int64 { startOfHour + Int64(minute * 60) }
}
