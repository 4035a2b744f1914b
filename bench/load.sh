#!/usr/bin/env bash
# Load, start-up and memory benchmarks: Earshot, started with the README's run command (bin/earshot serve), against
# nginx serving Earshot's own static export of the same content, both running at once on loopback. For each URL the
# two sides are measured back to back, alternating which goes first, over ROUNDS rounds; the report gives the median
# Earshot/nginx ratio of the rounds with its min-max, so a job that starts on a shared machine in the middle of one
# run cannot decide the result. Beside requests/s it reports CPU time per request of each server and of wrk (from /proc),
# which other jobs on a shared machine disturb far less. Results replace the "Load" section of BENCHMARKS.md.
# Needs: wrk, nginx (Debian packages), curl, python3.
#   bench/load.sh                        # 5 rounds of 10 s per URL and side, 64 connections
#   ROUNDS=3 DURATION=5 bench/load.sh    # a quicker look
#   WARMUP=3 (seconds, the default)      # each URL is first fetched for this long on both sides, unmeasured, so the
#                                        # rounds compare servers rather than a JIT compiler still at work
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-5}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-3}
PORT=${PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}
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
  bin/earshot serve --port "$PORT" --audio-cache "$work/cache" > "$work/server.log" 2>&1 &
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

declare -A rps p50 p99 errors server_us client_us
# CPU time (user + system, clock ticks) of the given processes so far. CPU per request depends far less on what else
# runs on a shared machine than requests per second do, so it is reported beside the throughput.
cpu_ticks() { local t=0 p; for p in "$@"; do t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat") )); done; echo "$t"; }
per_request_us() { python3 -c "import sys; t, n, hz = map(float, sys.argv[1:]); print(f'{t * 1e6 / hz / n:.0f}' if n else 'n/a')" "$@"; }
run_wrk() { # name url pid... -> rps[name], server_us[name] (CPU of the pids per request), client_us[name] (wrk's) etc.
  local out name=$1 url=$2 t0 t1 requests hz
  shift 2
  hz=$(getconf CLK_TCK)
  t0=$(cpu_ticks "$@")
  out=$( { TIMEFORMAT='%U %S'; time wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url"; } 2> "$work/wrk-time" )
  t1=$(cpu_ticks "$@")
  echo "$out" >> "$work/wrk-$name.txt"
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  server_us[$name]=$(per_request_us "$((t1 - t0))" "${requests:-0}" "$hz")
  client_us[$name]=$(per_request_us "$(awk 'END {print ($1 + $2) * 100}' "$work/wrk-time")" "${requests:-0}" 100)
  set -- "$name"
  rps[$1]=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50[$1]=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99[$1]=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors[$1]=$(awk '/Non-2xx|Socket errors/ {e=e $0 "; "} END {print (e=="" ? "0" : e)}' <<<"$out")
}
declare -A series  # "what" -> "earshot/nginx earshot/nginx ..." per round
declare -A cpu_series  # "what" -> "server-earshot/server-nginx/wrk-earshot/wrk-nginx ..." CPU µs per request, per round
if [ "$WARMUP" != 0 ]; then
  echo "== warm-up: ${WARMUP} s per URL and side, not measured"
  for path in "/$page" "/$page/$section" "$clip"; do
    for port in "$PORT" "$NGINX_PORT"; do wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "http://127.0.0.1:$port$path" > /dev/null; done
  done
fi
for round in $(seq 1 "$ROUNDS"); do
  for what in page section clip; do
    case $what in page) path=/$page ;; section) path=/$page/$section ;; clip) path=$clip ;; esac
    if (( round % 2 )); then order="earshot nginx"; else order="nginx earshot"; fi
    for side in $order; do
      if [ "$side" = earshot ]; then run_wrk "earshot-$what" "http://127.0.0.1:$PORT$path" "$server_pid"
      else run_wrk "nginx-$what" "http://127.0.0.1:$NGINX_PORT$path" $(pgrep -P "$(cat "$work/nginx.pid")"); fi
    done
    series[$what]+="${rps[earshot-$what]}/${rps[nginx-$what]} "
    cpu_series[$what]+="${server_us[earshot-$what]}/${server_us[nginx-$what]}/${client_us[earshot-$what]}/${client_us[nginx-$what]} "
    echo "   round $round $what: earshot ${rps[earshot-$what]} req/s (p99 ${p99[earshot-$what]}, errors ${errors[earshot-$what]}), nginx ${rps[nginx-$what]} req/s"
  done
done
if curl -sf -o /dev/null "http://127.0.0.1:$PORT$tclip"; then run_wrk earshot-tclip "http://127.0.0.1:$PORT$tclip" "$server_pid"; fi
rss_after=$(rss_kb)
rss_peak=$(hwm_kb)
stop_server
kill "$(cat "$work/nginx.pid")"; rm -f "$work/nginx.pid"

cpu_summary() { # "se/sn/ce/cn ..." -> "median server CPU Earshot | nginx | wrk against Earshot | against nginx" (µs/request)
  python3 - "$1" <<'PY'
import statistics, sys
rows = [p.split("/") for p in sys.argv[1].split()]
med = lambda i: statistics.median(float(r[i]) for r in rows if r[i] != "n/a")
print(f"{med(0):.0f} | {med(1):.0f} | {med(2):.0f} | {med(3):.0f}")
PY
}
summary() { # "e/n e/n ..." -> "median ratio (min-max); median earshot; median nginx"
  python3 - "$1" <<'PY'
import statistics, sys
pairs = [tuple(map(float, p.split("/"))) for p in sys.argv[1].split()]
ratios = sorted(e / n for e, n in pairs)
print(f"{statistics.median(ratios):.2f}x ({ratios[0]:.2f}-{ratios[-1]:.2f}) | {statistics.median(e for e, _ in pairs):.0f} | {statistics.median(n for _, n in pairs):.0f}")
PY
}
report=$(cat <<MD
<!-- load:start -->
## Load, start-up and memory

Command: \`ROUNDS=$ROUNDS DURATION=$DURATION CONNECTIONS=$CONNECTIONS bench/load.sh\` on $(nproc) cores, $(date -u +%Y-%m-%d\ %H:%M) UTC,
load average at the end $(cut -d' ' -f1-3 /proc/loadavg). Earshot runs as the README runs it (\`bin/earshot serve\`);
nginx (2 workers, sendfile) serves Earshot's own static export. For each URL, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s
runs on Earshot and on nginx back to back, alternating which goes first, in each of $ROUNDS rounds, after an
unmeasured warm-up of ${WARMUP} s per URL and side.

| URL | Earshot / nginx, median of rounds (min-max) | Earshot req/s (median) | nginx req/s (median) | Target |
|---|---|---:|---:|---|
| Whole page (\`/$page\`, $(stat -c %s "$work/export/$page/index.html") bytes) | $(summary "${series[page]}") | >= 0.8x |
| Section page (\`/$page/$section\`, $(stat -c %s "$work/export/$page/$section/index.html") bytes) | $(summary "${series[section]}") | |
| Cached section clip (\`$clip\`, $(stat -c %s "$work/export$clip") bytes) | $(summary "${series[clip]}") | >= 0.8x |

CPU time per request, µs (median of the rounds): the server's own processes (Earshot's JVM; nginx's workers) and the
load generator's (wrk). Less sensitive to other jobs on the machine than requests per second.

| URL | Earshot server | nginx server | wrk against Earshot | wrk against nginx |
|---|---:|---:|---:|---:|
| Whole page | $(cpu_summary "${cpu_series[page]}") |
| Section page | $(cpu_summary "${cpu_series[section]}") |
| Cached section clip | $(cpu_summary "${cpu_series[clip]}") |

| What | Value | Target |
|---|---|---|
| Telephone clip (u-law WAV), Earshot requests/s (p50 / p99) | ${rps[earshot-tclip]:-n/a} (${p50[earshot-tclip]:-} / ${p99[earshot-tclip]:-}) | |
| Earshot errors (last round) | page: ${errors[earshot-page]} section: ${errors[earshot-section]} clip: ${errors[earshot-clip]} | 0 |
| Launch (\`bin/earshot serve\`) to first page served, median of 5 | ${startup_median} ms | <= 1500 ms |
| Section clip on a cache miss (median of 5, warm JVM) | $(python3 -c "print(f'{float($miss_median)*1000:.0f} ms')") | |
| Resident memory before / after load | $((rss_before / 1024)) MB / $((rss_after / 1024)) MB | |
| Peak resident memory (VmHWM) | $((rss_peak / 1024)) MB | <= 256 MB |

Rounds (Earshot/nginx req/s): page ${series[page]}; section ${series[section]}; clip ${series[clip]}.
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
