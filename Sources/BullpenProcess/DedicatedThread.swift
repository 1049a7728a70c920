import Glibc

/// Starts a detached POSIX thread for blocking work that must stay off Swift's cooperative pool.
enum DedicatedThread {
    /// The closure travels to the new thread through an opaque pointer; a final class with one immutable
    /// `Sendable` property, so it is `Sendable` without any unchecked claim.
    private final class Work: Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    static func start(_ body: @escaping @Sendable () -> Void) throws(ProcessError) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let context = Unmanaged.passRetained(Work(body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, &attributes, { context in
            // Balanced with passRetained above: the thread owns the work from here on.
            Unmanaged<Work>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, context)
        guard result == 0 else {
            Unmanaged<Work>.fromOpaque(context).release()
            throw .system(.io, "unable to start a thread", errno: result)
        }
    }
}
