#!/usr/bin/env bash
# Warm JVM choices (issue 23): CPU of `bin/earshot warm` of one generated library (bench/library.py, PAGES pages,
# empty cache each time) under each set of JVM options in VARIANTS (separated by ";", "default" = the launcher's own
# choice; each set goes in JAVA_OPTS, which the launcher puts after its defaults), alternating the variants' order
# every round. Prints user + system CPU per run and the median per variant, and the load average. Not a test.
#   bench/warm-jvm.sh
#   PAGES=4 ROUNDS=3 VARIANTS="default;-XX:TieredStopAtLevel=4;-XX:+UseParallelGC" bench/warm-jvm.sh
# Needs java 17, python3, GNU time; target/earshot.jar (built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${PAGES:-4}
ROUNDS=${ROUNDS:-3}
VARIANTS=${VARIANTS:-"default;-XX:TieredStopAtLevel=4;-XX:+UseParallelGC"}
work=$(mktemp -d /tmp/earshot-warm-jvm.XXXXXX)
trap 'rm -rf "$work"' EXIT
[ -f target/earshot.jar ] || mvn -q -DskipTests package
python3 bench/library.py "$work/content" "$PAGES" > /dev/null
IFS=';' read -r -a variants <<< "$VARIANTS"
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD), $PAGES pages"
declare -A cpu
for round in $(seq 1 "$ROUNDS"); do
  order=("${variants[@]}")
  if [ $((round % 2)) -eq 0 ]; then order=(); for ((i=${#variants[@]}-1; i>=0; i--)); do order+=("${variants[$i]}"); done; fi
  for v in "${order[@]}"; do
    opts=$v; [ "$v" = default ] && opts=""
    rm -rf "$work/cache"
    JAVA_OPTS="$opts" /usr/bin/time -f "%e %U %S" -o "$work/time" bin/earshot warm --content "$work/content" --audio-cache "$work/cache" > "$work/log" 2>&1
    read -r wall user sys < "$work/time"
    c=$(echo "$user + $sys" | bc)
    cpu[$v]="${cpu[$v]:-} $c"
    echo "round $round: [$v] CPU $c s, wall $wall s; $(tail -1 "$work/log")"
  done
done
for v in "${variants[@]}"; do
  med=$(printf '%s\n' ${cpu[$v]} | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "== [$v] median CPU $med s (runs:${cpu[$v]})"
done
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
