#!/usr/bin/env bash
# Builds bullpen-bench in release mode and runs it: single add, bulk add and take-and-complete cycles per
# second on one connection, next to redis-benchmark's EVALSHA rates on the same private redis-server.
#
#   scripts/bench-core.sh                       # N=20000 jobs, 3 reps, loopback TCP
#   scripts/bench-core.sh --jobs 2000 --reps 1  # quick look
#   scripts/bench-core.sh --unix --json         # unix socket for both sides, JSON output
#
# Progress goes to stderr, the report (Markdown table, or JSON with --json) to stdout.
set -euo pipefail

cd "$(dirname "$0")/.."

# redis-server (for the private server) and redis-benchmark (redis-tools): install only what is missing.
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v redis-benchmark >/dev/null 2>&1 || missing+=(redis-tools)
if ((${#missing[@]})); then
    echo "bench-core: installing ${missing[*]}" >&2
    sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >&2
fi

# A scratch path of its own, so a release build never collides with debug builds or tests.
scratch=".build-bench"
swift build -c release --scratch-path "$scratch" --product bullpen-bench >&2
exec "$scratch/release/bullpen-bench" "$@"
