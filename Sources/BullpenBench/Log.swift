import Glibc

/// Progress lines on standard error (write(2): `stderr` is a mutable C global Swift 6 rejects), so that
/// standard output holds only the report.
enum Log {
    static func line(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        bytes.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
    }
}
