import Foundation

/// A plain-text message in Internet Message Format (RFC 5322): headers, a blank line, the body, CRLF line ends.
struct MailMessage: Sendable, Hashable {
    var from: String
    var to: String
    var subject: String
    var body: String
    var date: Date
    var messageID: String
    /// The job that delivered it (`emails/42`), in `X-Bullpen-Job`.
    var job: String

    /// The message as bytes. Header values were checked for CR and LF before they got here; a non-ASCII
    /// subject is encoded (RFC 2047) so the headers stay ASCII.
    var bytes: [UInt8] {
        let headers = [
            "From: \(from)",
            "To: \(to)",
            "Subject: \(Self.encodedHeaderText(subject))",
            "Date: \(Self.format(date))",
            "Message-ID: \(messageID)",
            "X-Bullpen-Job: \(job)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        let lines = body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        return Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + lines.joined(separator: "\r\n")).utf8)
    }

    /// The RFC 5322 date form: `Sat, 28 Nov 2026 09:00:00 +0000`.
    static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    private static func encodedHeaderText(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy(\.isASCII) { return text }
        return "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }
}
