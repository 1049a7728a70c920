#!/usr/bin/env bash
# Measures Bullpen against its peers with the shared peer benchmark (../shared/bench/peers), Bullpen
# plugged in as an adapter (Sources/BullpenPeerAdapter) and BullMQ's Python port run in the same session;
# then measures one idle worker (Redis commands per idle second, RSS), which the harness does not.
#
#   scripts/bench-peers.sh --quick                                   # smoke test (~3 min)
#   scripts/bench-peers.sh --phases limits,process,latency --configs 1p-c10,2p-c10
#   scripts/bench-peers.sh --out /tmp/my-run --reps 1                # any bench.py option; later ones win
#   BENCH_IDLE=only scripts/bench-peers.sh                           # the idle worker only
#
# Env: PEERS (built-in peers to run too, default bullmq); BULLPEN_PEERS_HARNESS (the harness folder,
# default ../shared/bench/peers); BENCH_IDLE (1 default, 0 skips the idle worker, `only` runs just it);
# BENCH_IDLE_SECONDS (20). Results go to --out (default /tmp/bullpen-peers-<UTC time>): the harness's
# folder may be read-only. `--peers` or `--out` given here replace the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
harness="${BULLPEN_PEERS_HARNESS:-$root/../shared/bench/peers}"
idle="${BENCH_IDLE:-1}"
idle_seconds="${BENCH_IDLE_SECONDS:-20}"
out="/tmp/bullpen-peers-$(date -u +%Y%m%dT%H%M%SZ)"
previous=""
for arg in "$@"; do
  case "$previous" in --out) out="$arg" ;; esac
  case "$arg" in --out=*) out="${arg#--out=}" ;; esac
  previous="$arg"
done

# Built as one deploys a worker: the Swift runtime linked in (--static-swift-stdlib), which starts a process
# in about 3 ms instead of 7 (no dynamic linking of a dozen runtime libraries); the harness times from
# the worker launch's spawn, and a launch starts two processes one after the other.
build=(swift build -c release --scratch-path .build-peers --static-swift-stdlib)
"${build[@]}" --product bullpen-peer-adapter
# The harness runs adapters from its own folder: give it an absolute path, found at run time.
adapter="$("${build[@]}" --show-bin-path)/bullpen-peer-adapter"
export BULLPEN_VERSION="bullpen $(git describe --always --dirty 2>/dev/null || echo dev)"

if [ "$idle" != "only" ]; then
  [ -f "$harness/run.sh" ] || { echo "bench-peers: no harness at $harness (set BULLPEN_PEERS_HARNESS)" >&2; exit 2; }
  echo "bench-peers: adapter $adapter ($BULLPEN_VERSION), results in $out" >&2
  bash "$harness/run.sh" --peers "${PEERS:-bullmq}" --peer "bullpen='$adapter'" --out "$out" "$@"
fi
[ "$idle" = "0" ] && exit 0

# One idle worker (`work-child`, concurrency 10, default idle wait) on an empty queue of a private
# redis-server: RSS after 5 s, then every command Redis executed for it (INFO commandstats, which counts
# commands run inside Lua scripts too) and its round trips (total_reads_processed) over idle_seconds.
mkdir -p "$out"
scratch="$(mktemp -d)"
port=6480
while redis-cli -p "$port" ping >/dev/null 2>&1; do port=$((port + 1)); done
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$scratch" >"$scratch/redis.log" 2>&1 &
redis_pid=$!
worker_pid=""
cleanup() {
  [ -n "$worker_pid" ] && kill -TERM "$worker_pid" 2>/dev/null && wait "$worker_pid" 2>/dev/null
  kill -TERM "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.05; done
[ "$(redis-cli -p "$port" info server | tr -d '\r' | awk -F: '/^process_id:/{print $2}')" = "$redis_pid" ] \
  || { echo "bench-peers: port $port is not our redis-server" >&2; exit 1; }

REDIS_URL="redis://127.0.0.1:$port/0" BENCH_QUEUE=bench "$adapter" work-child --concurrency 10 &
worker_pid=$!
sleep 5
rss_kb="$(awk '/^VmRSS:/{print $2}' "/proc/$worker_pid/status")"
# `name calls` per command, the INFO calls of this script left out; plus the round-trip counter.
stats() {
  redis-cli -p "$port" info commandstats | tr -d '\r' | sed -n 's/^cmdstat_\([^:]*\):calls=\([0-9]*\),.*/\1 \2/p' | grep -v '^info '
  redis-cli -p "$port" info stats | tr -d '\r' | awk -F: '/^total_reads_processed:/{print "_reads", $2}'
}
stats >"$scratch/before"
sleep "$idle_seconds"
stats >"$scratch/after"
# Each `stats` makes 2 connections with one INFO each: 2 reads per snapshot pair belong to this script.
report="$(awk -v secs="$idle_seconds" -v rss="$rss_kb" '
  NR == FNR { before[$1] = $2; next }
  { delta[$1] = $2 - before[$1] }
  END {
    reads = delta["_reads"] - 2
    for (name in delta) if (name != "_reads" && delta[name] > 0) { cmds += delta[name]; list = list sprintf(" %s %d", name, delta[name]) }
    printf "idle worker (work-child --concurrency 10, empty queue, %d s): %.2f Redis commands/s (%d:%s), %.2f round trips/s; VmRSS after 5 s idle: %.1f MB\n", secs, cmds / secs, cmds, list, reads / secs, rss / 1024
  }' "$scratch/before" "$scratch/after")"
echo "$report" | tee "$out/idle-worker.txt"
