#!/usr/bin/env bash
# Scale benchmark (issue 13): a generated library of PAGES pages (default 1,000) of the bundled page's length, in a
# temporary folder (never committed), served as the README runs the server. Measures: `check` time, launch to first
# page, resident memory idle and under the 64-connection wrk load, p99 latency of home, search and a page under that
# load (with the collector's pauses meanwhile), the first search (index build), and `warm` time per 1,000 spoken words:
# a full warm of 10 and of 100 pages, and `warm --shard 1/10` of the PAGES library (the same work as 100 pages, in a
# library ten times larger), so "linear from 10 to 1,000 pages" is shown without the hour a full 1,000-page warm takes.
# Every command runs through bin/earshot, as the README runs the server (JAVA_OPTS, empty by default, adds to it).
# Loopback only. Needs wrk, curl, python3, bc, jstat.
#   bench/library.sh                              # 1,000 pages, 20 s per URL, warms 10 and 100 pages and shard 1/10
#   ONLY_WARM=1 WARM="10 shard/100" bench/library.sh  # the warms alone: 10 pages, and 1/100 of 1,000 pages
#   PAGES=200 DURATION=10 WARM="" bench/library.sh  # a quicker look, no warm
#   WARM="10 100 1000" bench/library.sh            # full warms only (1,000 pages: about an hour on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${PAGES:-1000}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PORT=${PORT:-18090}
# Warm runs: a number is a full warm of a library of that many pages; "shard" is warm --shard 1/10 of the PAGES library
# and "shard/N" warm --shard 1/N of it (shard/100 of 1,000 pages is the work of 10 pages in a library 100 times larger).
WARM=${WARM-${WARM_PAGES-10 100 shard}}
# bin/earshot's own settings (heap, collector, class-data archive); JAVA_OPTS is added after them, as the README says.
export JAVA_OPTS=${JAVA_OPTS:-}
work=$(mktemp -d /tmp/earshot-library.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
for tool in wrk curl python3 bc jstat; do command -v "$tool" >/dev/null || { echo "bench/library.sh needs $tool"; exit 2; }; done
[ -f target/earshot.jar ] && [ -f target/earshot.jsa ] || mvn -q -DskipTests package

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
minmax() { sort -n | awk 'NR==1 {lo=$1} {hi=$1} END {print lo "-" hi}'; }

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
words=$(python3 bench/library.py "$work/content" "$PAGES")
sections=$(( $(cat "$work"/content/pages/*.md | grep -c '^## ') + PAGES ))
echo "== generated $PAGES pages, ~$sections sections, $words words in $work/content"

if [ -z "${ONLY_WARM:-}" ]; then  # ONLY_WARM=1: skip check, start-up and load, run the warms alone
echo "== check (3 runs: wall s, CPU s)"
checks=(); check_cpu=()
for _ in 1 2 3; do
  /usr/bin/time -f "%e %U %S" -o "$work/time" bin/earshot check --content "$work/content" > "$work/check.log"
  read -r wall user sys < "$work/time"
  checks+=("$wall"); check_cpu+=("$(echo "$user + $sys" | bc)")
  echo "   $wall s wall, $user + $sys s CPU"
done

page=$(ls "$work/content/pages" | sed -n "$((PAGES / 2 + 1))p" | sed 's/\.md$//')
start_server() { # sets server_pid and startup_ms
  local t0 t1
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then echo "port $PORT is in use" >&2; return 1; fi
  t0=$(date +%s%N)
  bin/earshot serve --port "$PORT" --content "$work/content" --audio-cache "$work/cache" > "$work/server.log" 2>&1 &
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
# Young and full collections so far and their total seconds (jstat reads the JVM's shared counters; no attaching).
gc_counts() { jstat -gc "$server_pid" | awk 'NR==2 {for (i=1;i<=NF;i++) v[i]=$i} NR==1 {for (i=1;i<=NF;i++) h[$i]=i} END {print v[h["YGC"]], v[h["YGCT"]], v[h["FGC"]], v[h["FGCT"]]}'; }
run_wrk() { # name path
  local out before after
  before=$(gc_counts)
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$PORT$2")
  after=$(gc_counts)
  echo "$out" > "$work/wrk-$1.txt"
  rps[$1]=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99[$1]=$(awk '$1=="99%" {print $2}' <<<"$out")
  echo "   $1 ($2): ${rps[$1]} req/s, p50 $(awk '$1=="50%" {print $2}' <<<"$out"), p99 ${p99[$1]} $(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr '\n' ' ')"
  read -r y0 yt0 f0 ft0 <<<"$before"; read -r y1 yt1 f1 ft1 <<<"$after"
  echo "      meanwhile: $((y1 - y0)) young collections ($(echo "($yt1 - $yt0) * 1000" | bc) ms in all), $((f1 - f0)) full ($(echo "($ft1 - $ft0) * 1000" | bc) ms in all)"
}
echo "== under load ($CONNECTIONS connections, ${DURATION}s each)"
run_wrk home /
run_wrk search "/search?q=depression"
run_wrk page "/$page"
rss_load=$(rss_mb); rss_peak=$(hwm_mb)
echo "   RSS after load $rss_load MB, peak $rss_peak MB"
stop_server

echo "== summary: check median $(printf '%s\n' "${checks[@]}" | median) s wall (CPU $(printf '%s\n' "${check_cpu[@]}" | median) s);" \
  "launch to first page median $(printf '%s\n' "${startups[@]}" | median) ms ($(printf '%s\n' "${startups[@]}" | minmax)), CPU $(printf '%s\n' "${startup_cpus[@]}" | median) ms;" \
  "RSS idle $rss_idle MB, after load $rss_load MB, peak $rss_peak MB;" \
  "p99 home ${p99[home]}, search ${p99[search]}, page ${p99[page]}; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
fi

echo "== warm: seconds per 1,000 spoken words"
warm_run() { # label content-dir words|shard [warm arguments...]
  local label=$1 dir=$2 w=$3; shift 3
  rm -rf "$work/warm-cache"
  /usr/bin/time -f "%e %U %S" -o "$work/time" bin/earshot warm --content "$dir" --audio-cache "$work/warm-cache" "$@" > "$work/warm.log"
  read -r wall user sys < "$work/time"
  if [ "$w" = shard ]; then
    # "warm: shard 1/10: 97 of 1000 page(s), ...". Every generated page has the same number of words, so the shard's
    # words are its pages times the words per page.
    local n; n=$(awk '/^warm: shard/ {print $4; exit}' "$work/warm.log")
    [ -n "$n" ] || n=0
    w=$((n * words / PAGES)); label="$label ($n pages)"
  fi
  echo "   $label, $w words: $wall s wall, $(echo "$user + $sys" | bc) s CPU; $(echo "scale=2; $wall * 1000 / $w" | bc) s wall and $(echo "scale=2; ($user + $sys) * 1000 / $w" | bc) s CPU per 1,000 words"
}
for n in $WARM; do
  if [ "${n%%/*}" = shard ]; then
    of=10; [ "$n" = shard ] || of=${n#shard/}
    warm_run "shard 1/$of of $PAGES pages" "$work/content" shard --shard "1/$of"
  else
    rm -rf "$work/warm-content"
    w=$(python3 bench/library.py "$work/warm-content" "$n")
    warm_run "$n pages" "$work/warm-content" "$w"
  fi
done
echo "== done: load average now $(cut -d' ' -f1-3 /proc/loadavg)"
