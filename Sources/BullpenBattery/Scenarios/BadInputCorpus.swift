/// One piece of bad input for the `bad-input` scenario: a command line of the battery app (with files it
/// reads), the exit code it must end with, and what its message must say.
struct BadInputCase: Sendable {
    /// What is wrong, for the report.
    var label: String
    /// The app's arguments; `{redis}` expands to `--redis URL --prefix battery`.
    var arguments: [String]
    /// Files written into the folder first, by name.
    var files: [String: String] = [:]
    /// The documented exit code.
    var code: Int32
    /// Text the message must contain (the key path, the bad value, the line and column...).
    var fragments: [String]
    /// Text the message must not contain (a password).
    var forbidden: [String] = []
}

/// The corpus of the `bad-input` scenario: broken topology files, bad job options and payloads, and bad
/// command lines, each with the exit code the README documents (78 topology, 65 data, 64 usage, 66 no
/// input file).
enum BadInputCorpus {
    static func topology(_ label: String, _ file: String, _ text: String, _ fragments: [String]) -> BadInputCase {
        BadInputCase(label: "topology: \(label)", arguments: ["check", file], files: [file: text], code: 78, fragments: fragments)
    }

    static let topologies: [BadInputCase] = [
        topology("YAML syntax", "syntax.yaml", "queues:\n  alpha: { processes: 2\n", ["syntax.yaml:3:1:", "invalid YAML"]),
        topology("tab indentation", "tabs.yaml", "queues:\n\talpha: {}\n", ["tabs.yaml:2:", "invalid YAML"]),
        topology("wrong type", "type.yaml", "queues:\n  alpha:\n    processes: many\n", ["type.yaml:3:16:", "queues.alpha.processes", "\"many\""]),
        topology("queues as a list", "list.yaml", "queues:\n  - alpha\n", ["list.yaml:2:", "queues"]),
        topology("unknown top-level key", "top.yaml", "stop_timout: 5s\nqueues:\n  alpha: {}\n", ["top.yaml:1:1:", "stop_timout", "did you mean \"stop_timeout\""]),
        topology("unknown queue key", "unknown.yaml", "queues:\n  alpha:\n    proceses: 2\n", ["unknown.yaml:3:5:", "queues.alpha.proceses", "did you mean \"processes\""]),
        topology("concurrency 0", "range.yaml", "queues:\n  alpha:\n    concurrency: 0\n", ["range.yaml:3:18:", "queues.alpha.concurrency", "0 is out of range"]),
        topology("negative processes", "negative.yaml", "queues:\n  alpha:\n    processes: -1\n", ["negative.yaml:3:", "queues.alpha.processes", "-1"]),
        topology("limiter max 0", "limiter.yaml", "queues:\n  alpha:\n    limiter: { max: 0, duration: 1s }\n", ["limiter.yaml:3:", "queues.alpha.limiter.max", "0"]),
        topology("duplicate queue", "dup.yaml", "queues:\n  alpha: {}\n  alpha: {}\n", ["dup.yaml:3:3:", "duplicate key \"alpha\""]),
        topology("bad duration", "duration.yaml", "stop_timeout: 5 parsecs\nqueues:\n  alpha: {}\n", ["duration.yaml:1:15:", "stop_timeout", "\"5 parsecs\""]),
        topology("bad lease", "lease.yaml", "queues:\n  alpha:\n    lease: soon\n", ["lease.yaml:3:", "queues.alpha.lease", "\"soon\""]),
        topology("bad cron", "cron.yaml", "queues:\n  alpha:\n    schedules:\n      s1: { cron: \"61 * * * *\" }\n", ["cron.yaml:4:", "queues.alpha.schedules.s1.cron", "61"]),
        topology("bad time zone", "tz.yaml", "queues:\n  alpha:\n    schedules:\n      s1: { cron: \"0 9 * * *\", tz: Mars/Olympus }\n", ["tz.yaml:4:", "queues.alpha.schedules.s1.tz", "Mars/Olympus"]),
        topology("bad queue name", "name.yaml", "queues:\n  \"al:pha\": {}\n", ["name.yaml:2:", "al:pha"]),
        topology("bad redis URL", "url.yaml", "redis: redis://:hunter2@host:99999\nqueues:\n  alpha: {}\n", ["url.yaml:1:", "redis", "99999"]),
        topology("bad size", "size.yaml", "queues:\n  alpha:\n    max_memory: 512Q\n", ["size.yaml:3:", "queues.alpha.max_memory", "\"512Q\""]),
        topology("bad backoff type", "backoff.yaml", "queues:\n  alpha:\n    defaults: { backoff: { type: sometimes, delay: 1s } }\n", ["backoff.yaml:3:", "queues.alpha.defaults.backoff", "sometimes"]),
        topology("empty exec command", "exec.yaml", "queues:\n  alpha:\n    handler: { exec: [] }\n", ["exec.yaml:3:", "queues.alpha.handler.exec"]),
        topology("no queues", "none.yaml", "stop_timeout: 5s\n", ["none.yaml", "queues"]),
        BadInputCase(label: "supervise: invalid topology", arguments: ["supervise", "--config", "range.yaml"],
                     files: ["range.yaml": "queues:\n  alpha:\n    concurrency: 0\n"], code: 78, fragments: ["range.yaml:3:18:", "concurrency"]),
    ]

    static func add(_ label: String, _ code: Int32, _ arguments: [String], _ fragments: [String], files: [String: String] = [:]) -> BadInputCase {
        BadInputCase(label: "job: \(label)", arguments: ["add"] + arguments + ["{redis}"], files: files, code: code, fragments: fragments)
    }

    static let jobs: [BadInputCase] = [
        add("invalid JSON", 65, ["alpha", "work", "{\"ms\":"], ["not valid JSON"]),
        add("payload too large", 65, ["alpha", "work", "--data-file", "big.json"], ["600009 bytes", "524288"],
            files: ["big.json": "{\"x\": \"" + String(repeating: "y", count: 600_000) + "\"}"]),
        add("nesting too deep", 65, ["alpha", "work", String(repeating: "[", count: 200) + String(repeating: "]", count: 200)], ["nested deeper than 64"]),
        add("empty job id", 64, ["alpha", "work", "{}", "--job-id", ""], ["invalid job id \"\"", "empty"]),
        add("job id too long", 64, ["alpha", "work", "{}", "--job-id", String(repeating: "x", count: 300)], ["longer than 256 bytes"]),
        add("job id with a space", 64, ["alpha", "work", "{}", "--job-id", "a b"], ["invalid job id \"a b\""]),
        add("priority 0", 64, ["alpha", "work", "{}", "--priority", "0"], ["priority", ": 0"]),
        add("priority not a number", 64, ["alpha", "work", "{}", "--priority", "abc"], ["'abc'", "--priority"]),
        add("attempts 0", 64, ["alpha", "work", "{}", "--attempts", "0"], ["attempts", ": 0"]),
        add("negative delay", 64, ["alpha", "work", "{}", "--delay", "-5s"], ["delay", "-5s"]),
        add("bad backoff", 64, ["alpha", "work", "{}", "--backoff", "sometimes"], ["backoff", "\"sometimes\""]),
        add("bad timeout", 64, ["alpha", "work", "{}", "--timeout", "forever"], ["timeout", "\"forever\""]),
        add("bulk line not JSON", 65, ["alpha", "--bulk", "bulk.ndjson"], ["bulk line 2", "not valid JSON"],
            files: ["bulk.ndjson": "{\"name\":\"a\",\"data\":{\"ms\":1}}\n{\"name\":\"b\",\"data\":{\"ms\":}\n"]),
        add("bulk line with a bad option", 65, ["alpha", "--bulk", "bulk2.ndjson"], ["bulk line 2", "priority", "-3"],
            files: ["bulk2.ndjson": "{\"name\":\"a\",\"data\":{\"ms\":1}}\n{\"name\":\"b\",\"data\":{\"ms\":1},\"opts\":{\"priority\":-3}}\n"]),
        add("bad queue name", 64, ["al:pha", "work", "{}"], ["invalid queue name \"al:pha\""]),
        add("unknown queue", 64, ["nosuch", "work", "{}"], ["unknown queue \"nosuch\""]),
        add("missing data file", 66, ["alpha", "work", "--data-file", "missing.json"], ["missing.json"]),
    ]

    static let commandLines: [BadInputCase] = [
        BadInputCase(label: "cli: unknown command", arguments: ["frobnicate"], code: 64, fragments: ["frobnicate"]),
        BadInputCase(label: "cli: unknown option", arguments: ["stats", "--watch-interval", "3", "{redis}"], code: 64, fragments: ["--watch-interval"]),
        BadInputCase(label: "cli: missing argument", arguments: ["add", "{redis}"], code: 64, fragments: ["<queue>"]),
        BadInputCase(label: "cli: bad state", arguments: ["jobs", "alpha", "--state", "sideways", "{redis}"], code: 64, fragments: ["\"sideways\""]),
        BadInputCase(label: "cli: bad duration", arguments: ["clean", "alpha", "--state", "completed", "--older-than", "yesterday", "{redis}"],
                     code: 64, fragments: ["--older-than", "\"yesterday\""]),
        BadInputCase(label: "cli: bad redis URL (password hidden)", arguments: ["stats", "--redis", "redis://:hunter2@host:port"],
                     code: 64, fragments: ["invalid redis URL", "port"], forbidden: ["hunter2"]),
        BadInputCase(label: "cli: missing topology file", arguments: ["check", "absent.yaml"], code: 66, fragments: ["absent.yaml"]),
        BadInputCase(label: "cli: obliterate without --yes", arguments: ["obliterate", "alpha", "{redis}"], code: 64, fragments: ["--yes"]),
    ]

    static let all = topologies + jobs + commandLines
}
