#!/usr/bin/env bash
# The fault-injection battery, long form: every scenario with the issue's counts (or the ones named),
# each starting its own redis-server and supervisor on this machine, and stopping everything it started.
# Prints each scenario's figures and pass criteria; exits 1 when a criterion failed.
#
#   scripts/battery.sh                          # every scenario, long form (about 30 minutes)
#   scripts/battery.sh worker-crashes drain     # some of them
#   scripts/battery.sh --short                  # the short form the test suite runs
#   scripts/battery.sh --help                   # the scenario list
#
# A failed scenario keeps its folder (logs, ledger, topology) and names it in its report.
set -euo pipefail

cd "$(dirname "$0")/.."
scripts/install-deps.sh >&2

# A scratch path of its own, so a release build never collides with debug builds or tests.
scratch=".build-battery"
swift build -c release --scratch-path "$scratch" --product bullpen-battery-app >&2
swift build -c release --scratch-path "$scratch" --product bullpen-battery >&2

scale=(--long)
for argument in "$@"; do
    [[ $argument == --short || $argument == --long ]] && scale=()
done
exec "$scratch/release/bullpen-battery" "${scale[@]}" "$@"
