import Glibc

// The Bullpen adapter of the peer job-queue benchmark (`bench/peers` in the shared folder): the command
// set its README calls the adapter contract.
//
//   info                                   one JSON line: configurations, probe script
//   enqueue N [--bulk] [--rate R]          add N no-op jobs, print {"enqueued": N, "seconds": S}
//   work [--processes P] [--concurrency C] [--inline]
//                                          one worker launch: P child processes of this binary
//   work-child [--concurrency C] [--inline] (internal) one process running one `Worker`
//
// `work` is routed before anything async runs: it blocks its signals on the main thread before any other
// thread exists, and spawns its children from that thread (their parent-death signal is tied to it).
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "work" {
    exit(WorkLaunch.runOnMainThread(arguments: Array(arguments.dropFirst())))
}
exit(await AdapterCommand.run(arguments))
