#!/usr/bin/env bash
# Measures Bullpen against its peers with the shared peer benchmark (../shared/bench/peers), Bullpen
# plugged in as an adapter (Sources/BullpenPeerAdapter) and BullMQ's Python port run in the same session.
#
#   scripts/bench-peers.sh --quick                                   # smoke test (~3 min)
#   scripts/bench-peers.sh --phases limits,process,latency --configs 1p-c10,2p-c10
#   scripts/bench-peers.sh --out /tmp/my-run --reps 1                # any bench.py option; later ones win
#
# Env: PEERS (built-in peers to run too, default bullmq), BULLPEN_PEERS_HARNESS (the harness folder,
# default ../shared/bench/peers). Results go to --out (default /tmp/bullpen-peers-<UTC time>): the
# harness's folder may be read-only. `--peers` or `--out` given here replace the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
harness="${BULLPEN_PEERS_HARNESS:-$root/../shared/bench/peers}"
[ -f "$harness/run.sh" ] || { echo "bench-peers: no harness at $harness (set BULLPEN_PEERS_HARNESS)" >&2; exit 2; }
out="/tmp/bullpen-peers-$(date -u +%Y%m%dT%H%M%SZ)"

swift build -c release --scratch-path .build-peers --product bullpen-peer-adapter
# The harness runs adapters from its own folder: give it an absolute path, found at run time.
adapter="$(swift build -c release --scratch-path .build-peers --show-bin-path)/bullpen-peer-adapter"
export BULLPEN_VERSION="bullpen $(git describe --always --dirty 2>/dev/null || echo dev)"

echo "bench-peers: adapter $adapter ($BULLPEN_VERSION), results in $out (unless --out is given)" >&2
exec bash "$harness/run.sh" --peers "${PEERS:-bullmq}" --peer "bullpen='$adapter'" --out "$out" "$@"
