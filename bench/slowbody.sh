#!/usr/bin/env bash
# Slow-body flood (issue 10): CONNECTIONS (default 1000) connections each POST a 1,000-byte form to the TwiML webhook
# one byte a second for SECONDS_ (default 20) while a page and /healthz are fetched every 0.25 s; reports how the slow
# requests ended and the page and /healthz latencies meanwhile. Loopback only; the server is started as the README
# starts it (bin/earshot serve), or with SERVER="java -jar some.jar" for a comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-1000}
SECONDS_=${SECONDS_:-20}
PORT=${PORT:-18190}
SERVER=${SERVER:-bin/earshot}
work=$(mktemp -d /tmp/earshot-slowbody.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
[ -f target/earshot.jar ] || mvn -q -DskipTests package
# shellcheck disable=SC2086
$SERVER serve --port "$PORT" --audio-cache "$work/cache" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.1; done
sleep 8 # let background warming of the bundled page finish
python3 bench/slowbody.py "$PORT" "$CONNECTIONS" "$SECONDS_"
echo "server log: $(wc -l < "$work/server.log") lines, $(grep -c ' ERROR ' "$work/server.log" || true) at ERROR" >&2
