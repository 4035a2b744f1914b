#!/usr/bin/env bash
# Cold clip stages (issue 23): the thread CPU of each stage a cold clip goes through (normalisation, WAV, a SHA-256 and a CRC32C
# pass, the telephone filter, one P.56 reading, the telephone level, G.711), beside its synthesis, for each build's jar given, alternating
# ROUNDS times, under the launcher's settings for a small site (C1 only, serial collector, 72 MB heap).
# src/test/java/app/earshot/audio/ColdStagesBench.java is compiled against each jar.
#   bench/cold-stages.sh target/earshot.jar /tmp/before/target/earshot.jar
# Needs java 17 and javac. Not a test: nothing here can fail a build.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-2}
[ $# -ge 1 ] || { echo "usage: bench/cold-stages.sh JAR [JAR...]" >&2; exit 2; }
work=$(mktemp -d /tmp/earshot-stages.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
for round in $(seq 1 "$ROUNDS"); do
  for jar in "$@"; do
    out="$work/$(echo "$jar" | tr / _)"
    mkdir -p "$out"
    javac -nowarn -cp "$jar" -d "$out" src/test/java/app/earshot/audio/ColdStagesBench.java
    echo "-- $jar, round $round"
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx72m -cp "$jar:$out" app.earshot.audio.ColdStagesBench 40 2>/dev/null \
      | grep -v INFO
  done
done
