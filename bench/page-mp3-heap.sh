#!/usr/bin/env bash
# Whole-page MP3 memory: the smallest heap in which one JVM encodes a 10-minute page (three 200 s sections of a
# synthetic warbling tone, 19 MB of 16 kHz samples, from src/test/resources/fixtures/store) to MP3 from section
# clips already in the cache. Tries each heap in HEAPS once, printing whether it finished, wall and CPU seconds and
# peak RSS (GNU time). Compare two builds by pointing CLASSES at each one's target/classes.
#
#   bench/page-mp3-heap.sh                 (knobs: HEAPS="8 12 16 32 48 64 80" CLASSES=target/classes)
#
# Needs java 17, mvn and /usr/bin/time; builds the test classes offline if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
HEAPS=${HEAPS:-"8 12 16 32 48 64 80"}
CLASSES=${CLASSES:-target/classes}
mvn -q -o -DskipTests test-compile
CPFILE=$(mktemp)
CACHE=$(mktemp -d)
trap 'rm -rf "$CPFILE" "$CACHE"' EXIT
mvn -q -o dependency:build-classpath -Dmdep.outputFile="$CPFILE" >/dev/null
CP="$CLASSES:target/test-classes:$(cat "$CPFILE")"
CHILD='app.earshot.narration.PageMp3MemoryTest$Child'
FIXTURE=src/test/resources/fixtures/store
java -cp "$CP" "$CHILD" "$FIXTURE" "$CACHE" sections 2>/dev/null
echo "load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
for heap in $HEAPS; do
    find "$CACHE" -name '*.mp3*' -delete
    result=$( { /usr/bin/time -f 'TIME %e s wall, %U s user, peak RSS %M KB' java "-Xmx${heap}m" -XX:+UseSerialGC -cp "$CP" \
        "$CHILD" "$FIXTURE" "$CACHE"; } 2>&1 | grep -E '^page MP3|OutOfMemoryError|^TIME' | sed 's/^TIME //' | tr '\n' ' ' || true)
    echo "-Xmx${heap}m: $result"
done
