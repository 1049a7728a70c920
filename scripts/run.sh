#!/usr/bin/env bash
# The main job: installs what is missing, builds the example app, and runs its supervisor on
# etc/bullpen.yaml with the embedded Redis, adding a handful of demo jobs once the workers are up.
# Ctrl-C (or SIGTERM) drains the workers and stops; run it again to pick up where it left off.
#
#   scripts/run.sh                 # release build
#   BUILD=debug scripts/run.sh     # faster to build, slower to run
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
configuration="${BUILD:-release}"
build=(swift build -c "$configuration")
# A release build links the Swift runtime in, as one deploys it: each worker process the supervisor
# spawns (or restarts) starts in about 3 ms instead of 7, and an idle one takes less memory.
[ "$configuration" = release ] && build+=(--static-swift-stdlib)
echo "building bullpen-example ($configuration)..." >&2
"${build[@]}" --product bullpen-example >&2
app="$("${build[@]}" --show-bin-path)/bullpen-example"
config=etc/bullpen.yaml

"$app" check "$config" >/dev/null
"$app" supervise --config "$config" &
supervisor=$!
# Forward Ctrl-C and SIGTERM as a drain; a second one stops at once (the supervisor's own rule).
# Ctrl-C reaches the supervisor itself (it shares this terminal's process group), which drains: passing
# it on would be a second signal, which stops at once. A TERM sent to this script alone is passed on.
trap 'wait "$supervisor"' INT
trap 'kill -TERM "$supervisor" 2>/dev/null' TERM

# Wait until the workers publish their heartbeats, then add the demo jobs.
for _ in $(seq 1 100); do
  if [ "$("$app" status --config "$config" --json 2>/dev/null | grep -c '"queue"')" -ge 3 ]; then break; fi
  kill -0 "$supervisor" 2>/dev/null || { wait "$supervisor"; exit $?; }
  sleep 0.2
done
echo "adding demo jobs..." >&2
for name in Ada Grace Linus; do
  "$app" add emails welcome --config "$config" --job-id "welcome-$name" \
    "{\"to\":\"$(echo "$name" | tr 'A-Z' 'a-z')@example.com\",\"template\":\"welcome\",\"vars\":{\"name\":\"$name\"}}" >/dev/null
done
"$app" add images thumbnail --config "$config" '{"path":"examples/images/sample.ppm","maxSide":64}' >/dev/null
"$app" add images thumbnail --config "$config" '{"path":"examples/images/sample.ppm","maxSide":128}' >/dev/null
"$app" add reports daily-revenue --config "$config" '{}' >/dev/null
sleep 2
"$app" stats --config "$config" >&2
echo "outputs: var/maildrop, var/thumbnails, var/reports; 'bullpen-example status' and 'stats' show the queues; Ctrl-C drains and stops" >&2
wait "$supervisor"
