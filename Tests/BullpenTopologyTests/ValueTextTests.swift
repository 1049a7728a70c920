import Testing
import BullpenTopology

@Test(arguments: [
    ("30s", 30_000), ("5m", 300_000), ("1h30m", 5_400_000), ("250ms", 250), ("1d", 86_400_000),
    ("0s", 0), ("1s500ms", 1_500), ("2d3h4m5s6ms", 183_845_006), ("90s", 90_000),
] as [(String, Int64)])
func durationsParse(_ text: String, _ milliseconds: Int64) throws {
    #expect(try DurationText.parseMilliseconds(text) == milliseconds)
    #expect(try DurationText.parse(text) == .milliseconds(milliseconds))
}

@Test(arguments: [
    (30_000, "30s"), (90_000, "1m30s"), (5_400_000, "1h30m"), (250, "250ms"), (0, "0s"), (86_400_000, "1d"),
    (183_845_006, "2d3h4m5s6ms"),
] as [(Int64, String)])
func durationsFormatLargestUnitFirstAndReadBack(_ milliseconds: Int64, _ text: String) throws {
    #expect(DurationText.format(.milliseconds(milliseconds)) == text)
    #expect(try DurationText.parseMilliseconds(text) == milliseconds)
}

@Test(arguments: [
    ("30", "did you mean 30s?"), ("5x", "unknown unit \"x\""), ("1.5s", "expected a whole number"),
    ("30m1h", "largest to smallest"), ("", "empty"), ("-1s", "expected a whole number"), ("s", "expected"),
    ("5S", "unknown unit \"S\""), ("99999999999999999999s", "too large"),
])
func badDurationsSayWhy(_ text: String, _ reason: String) {
    let error = #expect(throws: ValueSyntaxError.self) { try DurationText.parse(text) }
    #expect(error?.code == .invalidDuration)
    #expect(error?.message.hasPrefix("invalid duration \"\(text)\" (") == true, "\(String(describing: error))")
    #expect(error?.message.contains(reason) == true, "\(String(describing: error))")
}

@Test(arguments: [
    ("100B", 100), ("512KiB", 524_288), ("1KB", 1_000), ("1MB", 1_000_000), ("512MiB", 536_870_912),
    ("2GB", 2_000_000_000), ("1GiB", 1_073_741_824), ("0B", 0),
] as [(String, Int64)])
func sizesParse(_ text: String, _ bytes: Int64) throws {
    #expect(try SizeText.parse(text) == bytes)
}

@Test(arguments: [
    (524_288, "512KiB"), (1_000_000, "1MB"), (1_500, "1500B"), (1_024_000, "1000KiB"), (1_073_741_824, "1GiB"),
    (3_000_000_000, "3GB"), (0, "0B"), (1, "1B"),
] as [(Int64, String)])
func sizesFormatWithTheLargestExactUnitAndReadBack(_ bytes: Int64, _ text: String) throws {
    #expect(SizeText.format(bytes) == text)
    #expect(try SizeText.parse(text) == bytes)
}

@Test(arguments: ["512Q", "512", "512mib", "MiB", "1.5MiB", " 1MiB", "99999999999GiB"])
func badSizesAreRejected(_ text: String) {
    let error = #expect(throws: ValueSyntaxError.self) { try SizeText.parse(text) }
    #expect(error?.code == .invalidSize)
    #expect(error?.message.hasPrefix("invalid size \"\(text)\" (") == true)
}

@Test(arguments: [
    ("2026-01-01T00:00:00Z", 1_767_225_600_000), ("2026-01-01", 1_767_225_600_000),
    ("2026-01-01T02:00:00+02:00", 1_767_225_600_000), ("2025-12-31 19:00-0500", 1_767_225_600_000),
    ("2026-01-01T00:00:00.25Z", 1_767_225_600_250), ("1970-01-01T00:00:00Z", 0),
    ("2024-02-29T12:00:00Z", 1_709_208_000_000), ("1969-12-31T23:59:59Z", -1_000),
] as [(String, Int64)])
func timestampsParse(_ text: String, _ milliseconds: Int64) throws {
    #expect(try TimestampText.parse(text) == milliseconds)
    #expect(try TimestampText.parse(TimestampText.format(milliseconds)) == milliseconds)
}

@Test func timestampsFormatInUTC() {
    #expect(TimestampText.format(1_767_225_600_000) == "2026-01-01T00:00:00Z")
    #expect(TimestampText.format(1_767_225_600_250) == "2026-01-01T00:00:00.250Z")
    #expect(TimestampText.format(-1_000) == "1969-12-31T23:59:59Z")
}

@Test(arguments: ["2026-02-30", "2026-13-01", "2026-01-01T09:00:00", "2026-01-01T24:00Z", "tomorrow", "2026-1-1"])
func badTimestampsAreRejected(_ text: String) {
    let error = #expect(throws: ValueSyntaxError.self) { try TimestampText.parse(text) }
    #expect(error?.code == .invalidTimestamp)
    #expect(error?.message.contains("\"\(text)\"") == true)
}

@Test(arguments: [
    "redis://localhost", "redis://127.0.0.1:6379/0", "redis://user:pass@db.internal:6380/3", "redis://:pw@h",
    "redis://[::1]:6379", "unix:///run/redis.sock", "unix:///run/redis.sock?db=2", "REDIS://Host",
])
func redisURLsAreAccepted(_ text: String) throws {
    #expect(try RedisEndpoint.parse(text) == .url(text))
}

@Test(arguments: [
    ("http://localhost", "unknown scheme"), ("rediss://h", "TLS"), ("redis://", "missing host"),
    ("redis://h:0", "invalid port"), ("redis://h:port", "invalid port"), ("redis://h/x", "database"),
    ("unix://run/redis.sock", "absolute path"), ("unix:///r.sock?x=1", "?db=N"), ("localhost:6379", "expected embedded"),
])
func badRedisURLsSayWhy(_ text: String, _ reason: String) {
    let error = #expect(throws: ValueSyntaxError.self) { try RedisEndpoint.parse(text) }
    #expect(error?.code == .invalidRedisURL)
    #expect(error?.message.contains(reason) == true, "\(String(describing: error))")
}

@Test func embeddedIsAnEndpointAndPasswordsAreRedacted() throws {
    #expect(try RedisEndpoint.parse("embedded") == .embedded)
    #expect(RedisEndpoint.url("redis://app:s3cret@db:6379/1").redacted == "redis://app:***@db:6379/1")
    #expect(RedisEndpoint.url("redis://db:6379/1").redacted == "redis://db:6379/1")
    #expect(RedisEndpoint.url("redis://user@db").redacted == "redis://user@db")
}
