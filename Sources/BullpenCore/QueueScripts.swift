import BullpenRedis

/// The queue's Lua scripts, embedded at build time from `Scripts/*.lua`.
enum QueueScripts {
    static let add = script("add")
    static let take = script("take")
    static let finish = script("finish")
    static let renew = script("renew")
    static let recover = script("recover")
    static let release = script("release")
    static let counts = script("counts")
    static let get = script("get")
    static let list = script("list")
    static let pause = script("pause")
    static let promote = script("promote")
    static let retry = script("retry")
    static let deadLetter = script("deadletter")
    static let remove = script("remove")
    static let clean = script("clean")
    static let drain = script("drain")
    static let obliterate = script("obliterate")
    static let progress = script("progress")
    static let log = script("log")
    static let schedules = script("schedules")
    static let tick = script("tick")

    private static func script(_ name: String) -> RedisScript {
        guard let source = EmbeddedLua.sources[name] else { fatalError("script \(name).lua was not embedded") }
        return RedisScript(name: name, source: source)
    }
}
