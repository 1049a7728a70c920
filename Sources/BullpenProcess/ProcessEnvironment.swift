import CBullpenSystem

/// The environment as an explicit array of `NAME=value` strings, the form `posix_spawn` takes.
///
/// Children get exactly the environment they are given; these helpers build it from the current one.
public enum ProcessEnvironment {
    /// The current process's environment, read through the C shim (Swift 6 cannot reference `environ`).
    /// Not safe against a concurrent `setenv` in another thread: read it early, or where nothing sets it.
    public static func current() -> [String] {
        var result: [String] = []
        guard var entry = bullpen_environ() else { return result }
        while let string = entry.pointee {
            result.append(String(cString: string))
            entry += 1
        }
        return result
    }

    /// The value of `name` in `environment`, or nil when it is not set (the first entry wins, as in `getenv`).
    public static func value(_ name: String, in environment: [String]) -> String? {
        let prefix = name + "="
        return environment.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    /// `environment` with `changes` applied: a value sets the variable (in place when present, appended
    /// otherwise, in name order), nil removes it.
    public static func updating(_ environment: [String], with changes: [String: String?]) -> [String] {
        var result: [String] = []
        var applied = Set<String>()
        for entry in environment {
            let name = String(entry.prefix { $0 != "=" })
            guard let change = changes[name] else {
                result.append(entry)
                continue
            }
            // Later duplicates of a changed variable are dropped, so the change cannot be shadowed.
            if applied.insert(name).inserted, let value = change {
                result.append("\(name)=\(value)")
            }
        }
        for name in changes.keys.sorted() where !applied.contains(name) {
            if let value = changes[name] ?? nil { result.append("\(name)=\(value)") }
        }
        return result
    }
}
