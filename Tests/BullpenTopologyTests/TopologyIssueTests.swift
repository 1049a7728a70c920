import Testing
@testable import BullpenTopology

/// The issues `yaml` is rejected with, named as `etc/bullpen.yaml`; empty when it parses.
private func issues(_ yaml: String) -> [TopologyIssue] {
    do {
        _ = try Topology.parse(yaml: yaml, file: "etc/bullpen.yaml")
        return []
    } catch {
        return error.issues
    }
}

/// A file with one problem, and where and how it must be reported.
struct BrokenFile: Sendable, CustomTestStringConvertible {
    let name: String
    let yaml: String
    let code: TopologyIssue.Code
    let path: String
    let position: String
    let value: String
    var hint: String = ""

    var testDescription: String { name }
}

let brokenFiles: [BrokenFile] = [
    BrokenFile(name: "syntax error", yaml: "queues:\n  emails:\n    concurrency: 10: 3\n",
               code: .syntax, path: "", position: "3:20", value: "concurrency: 10: 3", hint: "mapping values"),
    BrokenFile(name: "unclosed list", yaml: "queues:\n  emails:\n    concurrency: [1\n",
               code: .syntax, path: "", position: "4:1", value: "flow sequence"),
    BrokenFile(name: "tab indentation", yaml: "queues:\n\temails: {}\n",
               code: .syntax, path: "", position: "2:1", value: "emails: {}", hint: "not tabs"),
    BrokenFile(name: "two documents", yaml: "queues: {}\n---\nqueues: {}\n",
               code: .syntax, path: "", position: "2:1", value: "second document"),
    BrokenFile(name: "text for a number", yaml: "queues:\n  emails:\n    concurrency: ten\n",
               code: .wrongType, path: "queues.emails.concurrency", position: "3:18", value: "\"ten\"", hint: "integer"),
    BrokenFile(name: "quoted number", yaml: "queues:\n  emails:\n    processes: \"2\"\n",
               code: .wrongType, path: "queues.emails.processes", position: "3:16", value: "\"2\"", hint: "quoted"),
    BrokenFile(name: "number for a mapping", yaml: "queues:\n  emails:\n    limiter: 100\n",
               code: .wrongType, path: "queues.emails.limiter", position: "3:14", value: "\"100\"", hint: "mapping"),
    BrokenFile(name: "unknown key", yaml: "queues:\n  emails:\n    concurency: 10\n",
               code: .unknownKey, path: "queues.emails.concurency", position: "3:5", value: "\"concurency\"",
               hint: "did you mean \"concurrency\"?"),
    BrokenFile(name: "unknown key far from any", yaml: "queues: {}\nzebra: 1\n",
               code: .unknownKey, path: "zebra", position: "2:1", value: "\"zebra\"", hint: "known keys: redis,"),
    BrokenFile(name: "job option at queue level", yaml: "queues:\n  emails:\n    attempts: 3\n",
               code: .unknownKey, path: "queues.emails.attempts", position: "3:5", value: "\"attempts\"",
               hint: "defaults.attempts"),
    BrokenFile(name: "out of range", yaml: "queues:\n  emails:\n    processes: 65\n",
               code: .outOfRange, path: "queues.emails.processes", position: "3:16", value: "65", hint: "0 to 64"),
    BrokenFile(name: "duplicate queue",
               yaml: "queues:\n  emails:\n    processes: 1\n  images: {}\n  emails:\n    processes: 2\n",
               code: .duplicateKey, path: "queues.emails", position: "5:3", value: "\"emails\"",
               hint: "first defined at line 2, column 3"),
    BrokenFile(name: "duplicate key on one line", yaml: "queues: { a: { processes: 1, processes: 2 } }\n",
               code: .duplicateKey, path: "queues.a.processes", position: "1:30", value: "\"processes\"",
               hint: "line 1, column 16"),
    BrokenFile(name: "bare number duration", yaml: "queues:\n  emails: { lease: 30 }\n",
               code: .invalidValue, path: "queues.emails.lease", position: "2:20", value: "\"30\"",
               hint: "did you mean 30s?"),
    BrokenFile(name: "bad duration unit", yaml: "stop_timeout: 5 minutes\nqueues: {}\n",
               code: .invalidValue, path: "stop_timeout", position: "1:15", value: "\"5 minutes\"", hint: "unit"),
    BrokenFile(name: "bad size", yaml: "queues:\n  images:\n    max_memory: 512Q\n",
               code: .invalidValue, path: "queues.images.max_memory", position: "3:17", value: "\"512Q\"",
               hint: "expected a number with B, KB, KiB, MB, MiB, GB or GiB"),
    BrokenFile(name: "bad queue name", yaml: "queues:\n  emails: {}\n  \"a:b\": {}\n",
               code: .invalidValue, path: "queues.a:b", position: "3:3", value: "\"a:b\"", hint: "\":\""),
    BrokenFile(name: "bad prefix", yaml: "prefix: \"my app\"\nqueues: {}\n",
               code: .invalidValue, path: "prefix", position: "1:9", value: "\"my app\"", hint: "whitespace"),
    BrokenFile(name: "bad URL scheme", yaml: "redis: http://localhost:6379\nqueues: {}\n",
               code: .invalidValue, path: "redis", position: "1:8", value: "\"http://localhost:6379\"",
               hint: "unknown scheme \"http\""),
    BrokenFile(name: "bad port", yaml: "redis: redis://localhost:99999/0\nqueues: {}\n",
               code: .invalidValue, path: "redis", position: "1:8", value: "\"99999\"", hint: "port"),
    BrokenFile(name: "both cron and every",
               yaml: "queues:\n  reports:\n    schedules:\n      daily: { cron: \"0 9 * * *\", every: 15m }\n",
               code: .conflict, path: "queues.reports.schedules.daily", position: "4:14", value: "\"0 9 * * *\"",
               hint: "exactly one"),
    BrokenFile(name: "bad cron expression",
               yaml: "queues:\n  reports:\n    schedules:\n      daily: { cron: \"61 * * * *\" }\n",
               code: .invalidValue, path: "queues.reports.schedules.daily.cron", position: "4:22", value: "\"61 * * * *\"",
               hint: "minute: 61 is out of range 0-59"),
    BrokenFile(name: "unknown time zone",
               yaml: "queues:\n  reports:\n    schedules:\n      daily: { cron: \"0 9 * * *\", tz: Mars/Base }\n",
               code: .invalidValue, path: "queues.reports.schedules.daily.tz", position: "4:39", value: "Mars/Base",
               hint: "unknown time zone"),
    BrokenFile(name: "neither cron nor every",
               yaml: "queues:\n  reports:\n    schedules:\n      daily:\n        tz: UTC\n",
               code: .missingKey, path: "queues.reports.schedules.daily", position: "5:9", value: "cron",
               hint: "needs cron or every"),
    BrokenFile(name: "tz on an interval",
               yaml: "queues:\n  reports:\n    schedules:\n      poll: { every: 1m, tz: UTC }\n",
               code: .conflict, path: "queues.reports.schedules.poll.tz", position: "4:30", value: "\"UTC\"",
               hint: "only to cron"),
    BrokenFile(name: "timestamp without zone",
               yaml: "queues:\n  r:\n    schedules:\n      s: { every: 1m, start: \"2026-01-01T09:00:00\" }\n",
               code: .invalidValue, path: "queues.r.schedules.s.start", position: "4:30", value: "\"2026-01-01T09:00:00\"",
               hint: "add Z"),
    BrokenFile(name: "end before start",
               yaml: "queues:\n  r:\n    schedules:\n      s: { every: 1m, start: 2026-02-01, end: 2026-01-01 }\n",
               code: .conflict, path: "queues.r.schedules.s.end", position: "4:47", value: "2026-01-01T00:00:00Z",
               hint: "not after start"),
    BrokenFile(name: "unknown backoff type",
               yaml: "queues:\n  r:\n    defaults:\n      backoff: { type: linear, delay: 1s }\n",
               code: .invalidValue, path: "queues.r.defaults.backoff.type", position: "4:24", value: "\"linear\"",
               hint: "fixed or exponential"),
    BrokenFile(name: "backoff shorthand without unit",
               yaml: "queues:\n  r:\n    defaults: { backoff: \"exponential:2\" }\n",
               code: .invalidValue, path: "queues.r.defaults.backoff", position: "3:26", value: "\"2\"", hint: "2s"),
    BrokenFile(name: "limiter without duration", yaml: "queues:\n  r:\n    limiter: { max: 10 }\n",
               code: .missingKey, path: "queues.r.limiter.duration", position: "3:14", value: "duration", hint: "missing"),
    BrokenFile(name: "empty exec", yaml: "queues:\n  t:\n    handler: { exec: [] }\n",
               code: .invalidValue, path: "queues.t.handler.exec", position: "3:22", value: "empty list"),
    BrokenFile(name: "exec as a string", yaml: "queues:\n  t:\n    handler: { exec: /bin/job }\n",
               code: .wrongType, path: "queues.t.handler.exec", position: "3:22", value: "\"/bin/job\"", hint: "list"),
    BrokenFile(name: "not a mapping", yaml: "- emails\n- images\n",
               code: .wrongType, path: "", position: "1:1", value: "a list"),
    BrokenFile(name: "no queues", yaml: "redis: embedded\n",
               code: .missingKey, path: "queues", position: "1:1", value: "queues"),
]

@Test(arguments: brokenFiles)
func aBrokenFileIsReportedWithPathValueAndPosition(_ file: BrokenFile) throws {
    let found = issues(file.yaml)
    try #require(found.count == 1, "\(found)")
    let issue = found[0]
    #expect(issue.code == file.code)
    #expect(issue.path == file.path)
    #expect("\(issue.line):\(issue.column)" == file.position)
    #expect(issue.message.contains(file.value), "\(issue.message)")
    #expect(file.hint.isEmpty || issue.message.contains(file.hint), "\(issue.message)")
    let key = file.path.isEmpty ? "" : " \(file.path):"
    #expect(issue.description == "etc/bullpen.yaml:\(file.position):\(key) \(issue.message)")
}

@Test func everyProblemInAFileIsReportedInOnePassInFileOrder() throws {
    let yaml = """
        redis: embedded
        stop_timeout: 30
        queues:
          emails:
            concurency: 10
            processes: 100
          images:
            max_memory: 512Q
          images:
            defaults: { attempts: 0, backoff: { type: exponential } }
        """
    let error = try #require(throws: TopologyError.self) { try Topology.parse(yaml: yaml, file: "etc/bullpen.yaml") }
    #expect(error.issues.map { "\($0.line):\($0.column) \($0.path)" } == [
        "2:15 stop_timeout",
        "5:5 queues.emails.concurency",
        "6:16 queues.emails.processes",
        "9:3 queues.images",
        "10:27 queues.images.defaults.attempts",
        "10:39 queues.images.defaults.backoff.delay",
    ])
    #expect(error.description.split(separator: "\n").count == 6)
    #expect(error.description.hasPrefix("etc/bullpen.yaml:2:15: stop_timeout: invalid duration \"30\""))
}

@Test func aRedisPasswordNeverAppearsInAnIssue() {
    let found = issues("redis: \"rediss://app:s3cret@db:6379\"\nqueues: {}\n")
    #expect(found.count == 1)
    #expect(found.first?.message.contains("rediss://app:***@db:6379") == true)
    #expect(found.first?.message.contains("s3cret") == false)
}

@Test func duplicatesOnOneLineKeepTheColumnsOfWhatFollows() throws {
    let found = issues("queues: { a: {}, b: {}, a: {}, b: { lease: z }, a: {} }\n")
    #expect(found.map { "\($0.column) \($0.code) \($0.path)" } == [
        "25 duplicate-key queues.a",
        "32 duplicate-key queues.b",
        "44 invalid-value queues.b.lease",
        "49 duplicate-key queues.a",
    ])
    #expect(found.last?.message == "duplicate key \"a\" (first defined at line 1, column 11)")
}
