/// The arguments of `enqueue N [--bulk] [--rate R]`.
struct EnqueueOptions {
    /// Jobs to add.
    var count: Int
    /// Add them with `addBulk`, in chunks of `chunk`.
    var bulk = false
    /// Jobs per second on an absolute schedule (job i at t0 + i/R); 0 adds as fast as possible.
    var rate = 0.0
    /// The bulk chunk size (the harness's `BENCH_BULK_CHUNK` default).
    var chunk = 1000

    init(_ arguments: [String]) throws(AdapterError) {
        var count: Int?
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--bulk":
                bulk = true
            case "--rate":
                guard let text = rest.popFirst(), let value = Double(text), value >= 0 else {
                    throw AdapterError(.usage, "enqueue: --rate needs a number of jobs per second, 0 or more")
                }
                rate = value
            default:
                guard count == nil, let value = Int(argument), value >= 0 else {
                    throw AdapterError(.usage, "enqueue: unexpected argument \"\(argument)\"; usage: enqueue N [--bulk] [--rate R]")
                }
                count = value
            }
        }
        guard let count else { throw AdapterError(.usage, "enqueue: the number of jobs is missing; usage: enqueue N [--bulk] [--rate R]") }
        self.count = count
    }
}
