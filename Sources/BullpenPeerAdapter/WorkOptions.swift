/// The arguments of `work [--processes P] [--concurrency C]` and `work-child [--concurrency C]`.
struct WorkOptions {
    /// Worker processes one launch spawns.
    var processes = 1
    /// Jobs each process runs at once.
    var concurrency = 10

    init(_ arguments: [String], command: String) throws(AdapterError) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            let allowed = command == "work" ? ["--processes", "--concurrency"] : ["--concurrency"]
            guard allowed.contains(argument) else {
                throw AdapterError(.usage, "\(command): unexpected argument \"\(argument)\"; it takes \(allowed.map { "\($0) N" }.joined(separator: " "))")
            }
            guard let text = rest.popFirst(), let value = Int(text), (1...1000).contains(value) else {
                throw AdapterError(.usage, "\(command): \(argument) needs a number from 1 to 1000")
            }
            if argument == "--processes" { processes = value } else { concurrency = value }
        }
    }
}
