#!/usr/bin/env bash
# HLS cost: what a page's playlist and segments cost to make and to serve, against the page MP3 they are cut from.
# Starts Earshot (classes from target/classes) on CONTENT with a fresh audio cache, makes the page MP3 of SLUG, then
# times with curl: the first /{slug}.m3u8 (the cut plan: one read of the page MP3), every segment cold (each cut from
# the page MP3, checked piece by piece, stored with its record), and every segment again (stored); prints segment
# count, the segments' bytes against the page MP3's, and the largest and smallest segment durations.
#
#   bench/hls.sh [CONTENT] [SLUG]          (defaults: content what-is-ketamine; ROUNDS=3)
#
# Needs java 17, mvn, curl; builds offline if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
CONTENT=${1:-content}
SLUG=${2:-what-is-ketamine}
ROUNDS=${ROUNDS:-3}
mvn -q -o -DskipTests compile
CPFILE=$(mktemp)
CACHE=$(mktemp -d)
LOG=$(mktemp)
PORT=$((20000 + RANDOM % 20000))
mvn -q -o dependency:build-classpath -Dmdep.outputFile="$CPFILE" >/dev/null
EARSHOT_CLASSPATH="target/classes:$(cat "$CPFILE")" bin/earshot serve --port "$PORT" --host 127.0.0.1 \
    --content "$CONTENT" --audio-cache "$CACHE" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$CPFILE" "$CACHE" "$LOG"' EXIT
URL=http://127.0.0.1:$PORT
for _ in $(seq 1 120); do curl -fs -o /dev/null "$URL/healthz" && break; sleep 0.5; done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
ms() { curl -fs -o /dev/null -w '%{time_total}\n' "$1" | awk '{printf "%.1f", $1 * 1000}'; }
# The page MP3 first (a 503 while the warmer holds the maker: asked again)
for _ in $(seq 1 120); do curl -fs -o /dev/null "$URL/audio/$SLUG.mp3" && break; sleep 1; done
page_bytes=$(curl -fs "$URL/audio/$SLUG.mp3" | wc -c)
code=; for _ in $(seq 1 120); do
    read -r code first < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$URL/$SLUG.m3u8")
    [ "$code" = 200 ] && break; echo "playlist answered $code; again" >&2; sleep 1
done
first=$(awk '{printf "%.1f", $1 * 1000}' <<<"$first")
playlist=$(curl -fs "$URL/$SLUG.m3u8")
segments=$(grep -v '^#' <<<"$playlist")
count=$(wc -l <<<"$segments")
durations=$(grep '^#EXTINF:' <<<"$playlist" | sed 's/#EXTINF:\([0-9.]*\),.*/\1/' | sort -n)
cold_start=$(date +%s.%N)
seg_bytes=0
for u in $segments; do seg_bytes=$((seg_bytes + $(curl -fs "$u" | wc -c))); done
cold=$(echo "$(date +%s.%N) - $cold_start" | bc)
echo "page MP3 $page_bytes bytes; $count segments, $seg_bytes bytes ($(echo "scale=4; $seg_bytes / $page_bytes" | bc)x);" \
     "durations $(head -1 <<<"$durations")-$(tail -1 <<<"$durations") s"
echo "first playlist (plan made): $first ms; every segment cold: $(printf '%.0f' "$(echo "$cold * 1000" | bc)") ms in all"
for r in $(seq 1 "$ROUNDS"); do
    start=$(date +%s.%N)
    for u in $segments; do curl -fs -o /dev/null "$u"; done
    echo "round $r: every segment stored: $(printf '%.0f' "$(echo "($(date +%s.%N) - $start) * 1000" | bc)") ms in all; playlist $(ms "$URL/$SLUG.m3u8") ms"
done
