#!/usr/bin/env bash
# Installs the Debian packages Bullpen needs, only those that are missing: hiredis (the C client) and
# redis-server / redis-tools (the tests and the embedded Redis start their own servers).
set -euo pipefail
missing=()
for package in libhiredis-dev redis-server redis-tools; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# A system redis-server started by the package is not needed: tests start private ones.
