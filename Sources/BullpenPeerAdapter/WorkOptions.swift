/// The arguments of `work [--processes P] [--concurrency C] [--inline]` and
/// `work-child [--concurrency C] [--inline]`.
struct WorkOptions {
    /// Worker processes one launch spawns.
    var processes = 1
    /// Jobs each process runs at once.
    var concurrency = 10
    /// Whether handlers run on the worker's connection thread (`WorkerConfiguration.inlineHandlers`).
    var inline = false

    init(_ arguments: [String], command: String) throws(AdapterError) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument == "--inline" {
                inline = true
                continue
            }
            let allowed = command == "work" ? ["--processes", "--concurrency"] : ["--concurrency"]
            guard allowed.contains(argument) else {
                let usage = allowed.map { "\($0) N" } + ["--inline"]
                throw AdapterError(.usage, "\(command): unexpected argument \"\(argument)\"; it takes \(usage.joined(separator: " "))")
            }
            guard let text = rest.popFirst(), let value = Int(text), (1...1000).contains(value) else {
                throw AdapterError(.usage, "\(command): \(argument) needs a number from 1 to 1000")
            }
            if argument == "--processes" { processes = value } else { concurrency = value }
        }
    }

    /// The arguments of one child process.
    var childArguments: [String] {
        ["work-child", "--concurrency", String(concurrency)] + (inline ? ["--inline"] : [])
    }
}
