// A test fixture, never shipped: `BullpenSupervisorTests` runs it as a process of its own, because the
// supervisor blocks signals and reaps any child, which must not happen inside the shared test process.
//
//   BullpenSupervisorTestHost supervise <topology> --events <file> [--start-window 300ms]
//       [--memory-check 5s] [--tick 100ms] [--observer-failures N] [--failing-check]
//       Runs `Supervisor` re-executing this binary as its workers, with hooks that record their calls.
//   BullpenSupervisorTestHost worker --config … --queue … --worker-id … [--redis …]
//       A fake worker (see FakeWorker.swift); its behaviour is picked by the queue name.
//   BullpenSupervisorTestHost __pdeathsig-exec …
//       The parent-death trampoline, routed exactly as the real CLI must route it.
import BullpenProcess
import BullpenSupervisor
import Glibc

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == ParentDeathExec.subcommand {
    ParentDeathExec.main(arguments: Array(arguments.dropFirst()))
}
do {
    try Supervisor.prepareSignals()
} catch {
    SupervisorLog().fatal(error.description)
    exit(SupervisorExitCode.internalError)
}
switch arguments.first {
case "supervise":
    exit(HostSupervisor.run(arguments: Array(arguments.dropFirst())))
case "worker":
    exit(FakeWorker.run(arguments: Array(arguments.dropFirst())))
default:
    SupervisorLog().fatal("usage: BullpenSupervisorTestHost supervise|worker ...")
    exit(SupervisorExitCode.usage)
}
