#!/usr/bin/env bash
# Scale benchmark (issue 13): a generated library of PAGES pages (default 1,000) of the bundled page's length, in a
# temporary folder (never committed), served as the README runs the server. Measures: `check` time, launch to first
# page, resident memory idle and under the 64-connection wrk load, p99 latency of home, search and a page under that
# load, the first search (index build), and `warm` time per 1,000 spoken words at 10, 100 (and WARM_PAGES) pages.
# Loopback only. Needs wrk, curl, python3.
#   bench/library.sh                         # 1,000 pages, 20 s per URL
#   PAGES=200 DURATION=10 bench/library.sh   # a quicker look
#   WARM_PAGES="10 100 1000" bench/library.sh  # warm at 1,000 pages too (about half an hour on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${PAGES:-1000}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PORT=${PORT:-18090}
WARM_PAGES=${WARM_PAGES-10 100}  # empty: no warm runs
# The README's command (class-data sharing archive, the JVM's default heap).
JAVA_OPTS=${JAVA_OPTS:--XX:SharedArchiveFile=target/earshot.jsa}
work=$(mktemp -d /tmp/earshot-library.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
for tool in wrk curl python3; do command -v "$tool" >/dev/null || { echo "bench/library.sh needs $tool"; exit 2; }; done
[ -f target/earshot.jar ] && [ -f target/earshot.jsa ] || mvn -q -DskipTests package

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
minmax() { sort -n | awk 'NR==1 {lo=$1} {hi=$1} END {print lo "-" hi}'; }

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
words=$(python3 bench/library.py "$work/content" "$PAGES")
sections=$(( $(cat "$work"/content/pages/*.md | grep -c '^## ') + PAGES ))
echo "== generated $PAGES pages, ~$sections sections, $words words in $work/content"

echo "== check (3 runs: wall s, CPU s)"
checks=(); check_cpu=()
for _ in 1 2 3; do
  /usr/bin/time -f "%e %U %S" -o "$work/time" java $JAVA_OPTS -jar target/earshot.jar check --content "$work/content" > "$work/check.log"
  read -r wall user sys < "$work/time"
  checks+=("$wall"); check_cpu+=("$(echo "$user + $sys" | bc)")
  echo "   $wall s wall, $user + $sys s CPU"
done

page=$(ls "$work/content/pages" | sed -n "$((PAGES / 2 + 1))p" | sed 's/\.md$//')
start_server() { # sets server_pid and startup_ms
  local t0 t1
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then echo "port $PORT is in use" >&2; return 1; fi
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar target/earshot.jar serve --port "$PORT" --content "$work/content" --audio-cache "$work/cache" > "$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 6000); do
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited" >&2; cat "$work/server.log" >&2; return 1; }
    if curl -sf -o /dev/null "http://127.0.0.1:$PORT/$page"; then
      t1=$(date +%s%N); startup_ms=$(( (t1 - t0) / 1000000 ))
      # CPU the server used until then (all threads): on a busy machine wall time mostly measures the other jobs.
      startup_cpu_ms=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$server_pid/stat")
      return 0
    fi
    sleep 0.005
  done
  echo "server did not start" >&2; return 1
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }
rss_mb() { awk '/^VmRSS/ {printf "%d", $2/1024}' "/proc/$server_pid/status"; }
hwm_mb() { awk '/^VmHWM/ {printf "%d", $2/1024}' "/proc/$server_pid/status"; }

echo "== launch to first page (/$page), 3 runs"
startups=(); startup_cpus=()
for i in 1 2 3; do
  start_server; startups+=("$startup_ms"); startup_cpus+=("$startup_cpu_ms"); echo "   $startup_ms ms wall, $startup_cpu_ms ms CPU"
  [ "$i" = 3 ] || stop_server
done
sleep 10
rss_idle=$(rss_mb)
echo "   idle RSS 10 s after the first page: $rss_idle MB (background warming is running)"
first_search=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT/search?q=depression")
second_search=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT/search?q=anxiety")
echo "   first search (builds the index): ${first_search} s; next: ${second_search} s"
curl -sf -o /dev/null "http://127.0.0.1:$PORT/sitemap.xml"

declare -A rps p99
run_wrk() { # name path
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$PORT$2")
  echo "$out" > "$work/wrk-$1.txt"
  rps[$1]=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99[$1]=$(awk '$1=="99%" {print $2}' <<<"$out")
  echo "   $1 ($2): ${rps[$1]} req/s, p99 ${p99[$1]} $(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr '\n' ' ')"
}
echo "== under load ($CONNECTIONS connections, ${DURATION}s each)"
run_wrk home /
run_wrk search "/search?q=depression"
run_wrk page "/$page"
rss_load=$(rss_mb); rss_peak=$(hwm_mb)
echo "   RSS after load $rss_load MB, peak $rss_peak MB"
stop_server

echo "== warm: seconds per 1,000 spoken words"
for n in $WARM_PAGES; do
  rm -rf "$work/warm-content" "$work/warm-cache"
  w=$(python3 bench/library.py "$work/warm-content" "$n")
  /usr/bin/time -f "%e %U %S" -o "$work/time" java $JAVA_OPTS -jar target/earshot.jar warm --content "$work/warm-content" --audio-cache "$work/warm-cache" > "$work/warm.log"
  read -r wall user sys < "$work/time"
  echo "   $n pages, $w words: $wall s wall, $(echo "$user + $sys" | bc) s CPU; $(echo "scale=2; $wall * 1000 / $w" | bc) s wall and $(echo "scale=2; ($user + $sys) * 1000 / $w" | bc) s CPU per 1,000 words"
done
echo "== summary: check median $(printf '%s\n' "${checks[@]}" | median) s wall (CPU $(printf '%s\n' "${check_cpu[@]}" | median) s);" \
  "launch to first page median $(printf '%s\n' "${startups[@]}" | median) ms ($(printf '%s\n' "${startups[@]}" | minmax)), CPU $(printf '%s\n' "${startup_cpus[@]}" | median) ms;" \
  "RSS idle $rss_idle MB, after load $rss_load MB, peak $rss_peak MB;" \
  "p99 home ${p99[home]}, search ${p99[search]}, page ${p99[page]}; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
