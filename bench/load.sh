#!/usr/bin/env bash
# Load, start-up and memory benchmarks (issue 6): Earshot against nginx serving Earshot's own static
# export of the same content, in one run, on loopback only. Results replace the "Load" section of
# BENCHMARKS.md. Needs: wrk, nginx (Debian packages), curl, python3.
#   bench/load.sh              # 60 s per URL at 64 connections, as the issue asks
#   DURATION=10 bench/load.sh  # a quicker look
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}
JAVA_OPTS=${JAVA_OPTS:--Xmx128m -XX:+UseSerialGC -XX:SharedArchiveFile=target/earshot.jsa}
work=$(mktemp -d /tmp/earshot-load.XXXXXX)
server_pid=""

cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "bench/load.sh needs $tool (apt-get install wrk nginx curl python3)"; exit 2; }
done
[ -f target/earshot.jar ] && [ -f target/earshot.jsa ] || mvn -q -DskipTests package

echo "== warming and exporting"
java -jar target/earshot.jar warm --audio-cache "$work/cache" > "$work/warm.log"
java -jar target/earshot.jar export "$work/export" --audio-cache "$work/cache" > "$work/export.log" 2>&1

section=fda-breakthrough-status
page=what-is-ketamine
clip=/audio/$page/$section.wav
tclip=/telephony/$page/$section.wav

start_server() { # sets server_pid and startup_ms (JVM launch to the first page served)
  local t0 t1
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then echo "port $PORT is already in use" >&2; return 1; fi
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar target/earshot.jar serve --port "$PORT" --audio-cache "$work/cache" > "$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 3000); do
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited" >&2; cat "$work/server.log" >&2; return 1; }
    if curl -sf -o /dev/null "http://127.0.0.1:$PORT/$page"; then
      t1=$(date +%s%N); startup_ms=$(( (t1 - t0) / 1000000 )); return 0
    fi
    sleep 0.005
  done
  echo "server did not start" >&2; cat "$work/server.log" >&2; return 1
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$server_pid/status"; }

echo "== start-up (JVM launch to first page, 5 runs)"
startups=()
for _ in 1 2 3 4 5; do start_server; startups+=("$startup_ms"); stop_server; done
startup_median=$(printf '%s\n' "${startups[@]}" | sort -n | sed -n 3p)

start_server
for _ in $(seq 1 200); do curl -sf -o /dev/null "http://127.0.0.1:$PORT$clip" && break; sleep 0.05; done
sleep 2 # let background warming finish (everything is already cached)

echo "== cache miss: one section clip made on request (5 runs)"
misses=()
for _ in 1 2 3 4 5; do
  # Remove the section's clip (found by its bytes) so the next request must synthesize it again.
  curl -s -o "$work/clip.wav" "http://127.0.0.1:$PORT$clip"
  victim=""
  for f in "$work"/cache/*/*.wav; do if cmp -s "$f" "$work/clip.wav"; then victim=$f; break; fi; done
  rm -f "$victim"
  # A query string keeps the request off the prepared-response fast path, so the cache really is consulted.
  misses+=("$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT$clip?miss=$RANDOM")")
done
miss_median=$(printf '%s\n' "${misses[@]}" | sort -n | sed -n 3p)

rss_before=$(rss_kb)
declare -A rps p50 p99 errors
run_wrk() { # name url
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$2")
  echo "$out" > "$work/wrk-$1.txt"
  rps[$1]=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50[$1]=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99[$1]=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors[$1]=$(awk '/Non-2xx|Socket errors/ {e=e $0 "; "} END {print (e=="" ? "0" : e)}' <<<"$out")
  echo "   $1: ${rps[$1]} req/s, p50 ${p50[$1]}, p99 ${p99[$1]}, errors ${errors[$1]}"
}

echo "== Earshot under load (${DURATION}s each, $CONNECTIONS connections)"
run_wrk earshot-page "http://127.0.0.1:$PORT/$page"
run_wrk earshot-section "http://127.0.0.1:$PORT/$page/$section"
run_wrk earshot-clip "http://127.0.0.1:$PORT$clip"
if curl -sf -o /dev/null "http://127.0.0.1:$PORT$tclip"; then run_wrk earshot-tclip "http://127.0.0.1:$PORT$tclip"; fi
rss_after=$(rss_kb)
rss_peak=$(hwm_kb)
stop_server

echo "== nginx on the static export"
cat > "$work/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  sendfile on; tcp_nopush on; access_log off; keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $work/export;
    location / { try_files \$uri \$uri/index.html =404; }
  }
}
NGINX
chmod -R a+rX "$work"  # nginx workers run as www-data
nginx -c "$work/nginx.conf"
sleep 0.5
run_wrk nginx-page "http://127.0.0.1:$NGINX_PORT/$page"
run_wrk nginx-clip "http://127.0.0.1:$NGINX_PORT$clip"
kill "$(cat "$work/nginx.pid")"; rm -f "$work/nginx.pid"

ratio() { python3 -c "print(f'{float($1)/float($2):.2f}x')"; }
report=$(cat <<MD
<!-- load:start -->
## Load, start-up and memory (issue 6)

Command: \`DURATION=$DURATION CONNECTIONS=$CONNECTIONS bench/load.sh\` on $(nproc) cores, $(date -u +%Y-%m-%d).
wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s on loopback; nginx 2 workers with sendfile serves Earshot's own static export.

| What | Earshot | nginx | Earshot / nginx | Target |
|---|---|---|---|---|
| Whole page, requests/s | ${rps[earshot-page]} | ${rps[nginx-page]} | $(ratio "${rps[earshot-page]}" "${rps[nginx-page]}") | >= 0.8x |
| Cached section clip (WAV), requests/s | ${rps[earshot-clip]} | ${rps[nginx-clip]} | $(ratio "${rps[earshot-clip]}" "${rps[nginx-clip]}") | >= 0.8x |
| Whole page p50 / p99 latency | ${p50[earshot-page]} / ${p99[earshot-page]} | ${p50[nginx-page]} / ${p99[nginx-page]} | | |
| Cached clip p50 / p99 latency | ${p50[earshot-clip]} / ${p99[earshot-clip]} | ${p50[nginx-clip]} / ${p99[nginx-clip]} | | |
| Section page, requests/s (p50 / p99) | ${rps[earshot-section]} (${p50[earshot-section]} / ${p99[earshot-section]}) | | | |
| Telephone clip (u-law WAV), requests/s (p50 / p99) | ${rps[earshot-tclip]:-n/a} (${p50[earshot-tclip]:-} / ${p99[earshot-tclip]:-}) | | | |
| Errors (all Earshot runs) | page: ${errors[earshot-page]} section: ${errors[earshot-section]} clip: ${errors[earshot-clip]} telephone: ${errors[earshot-tclip]:-n/a} | | | 0 |
| JVM start to first page served (median of 5) | ${startup_median} ms | | | <= 1500 ms |
| Section clip on a cache miss (median of 5, warm JVM) | $(python3 -c "print(f'{float($miss_median)*1000:.0f} ms')") | | | |
| Resident memory before / after load | $((rss_before / 1024)) MB / $((rss_after / 1024)) MB | | | |
| Peak resident memory (VmHWM) | $((rss_peak / 1024)) MB | | | <= 256 MB |

Start-up runs (ms): ${startups[*]}. Cache-miss runs (s): ${misses[*]}.
<!-- load:end -->
MD
)
echo "$report"
python3 - "$report" <<'PY'
import pathlib, re, sys
path = pathlib.Path("BENCHMARKS.md")
text = path.read_text() if path.exists() else "# Benchmarks\n"
block = sys.argv[1]
if "<!-- load:start -->" in text:
    text = re.sub(r"<!-- load:start -->.*?<!-- load:end -->", lambda m: block, text, flags=re.S)
else:
    text = text.rstrip() + "\n\n" + block + "\n"
path.write_text(text)
PY
