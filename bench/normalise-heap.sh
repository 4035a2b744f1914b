#!/usr/bin/env bash
# Loudness normalisation memory: the smallest heap in which one JVM brings a clip of CLIP_SECONDS (default 120) of
# 16 kHz speech-like audio to narration loudness (EBU R128 gain, then the true-peak limiter), as every synthesized
# section is before it is stored. Tries each heap in HEAPS once, printing whether it finished and its peak RSS (GNU
# time). Compare two builds by pointing CLASSES at each one's target/classes.
#
#   bench/normalise-heap.sh                 (knobs: CLIP_SECONDS=120 HEAPS="16 24 32 48 64 96 128" CLASSES=target/classes)
#
# Needs java 17, mvn and /usr/bin/time; builds the test classes offline if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
CLIP_SECONDS=${CLIP_SECONDS:-120}
HEAPS=${HEAPS:-"16 24 32 48 64 96 128"}
CLASSES=${CLASSES:-target/classes}
mvn -q -o -DskipTests test-compile
CPFILE=$(mktemp)
trap 'rm -f "$CPFILE"' EXIT
mvn -q -o dependency:build-classpath -Dmdep.outputFile="$CPFILE" >/dev/null
CP="$CLASSES:target/test-classes:$(cat "$CPFILE")"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; a ${CLIP_SECONDS} s clip ($(( CLIP_SECONDS * 16000 * 2 / 1048576 )) MB of samples)"
for heap in $HEAPS; do
    result=$( { /usr/bin/time -f 'TIME peak RSS %M KB' java "-Xmx${heap}m" -XX:+UseSerialGC -cp "$CP" \
        app.earshot.audio.NormaliseHeapChild "$CLIP_SECONDS"; } 2>&1 | grep -E '^normalised|OutOfMemoryError|^TIME' | sed 's/^TIME //' | tr '\n' ' ' || true)
    echo "-Xmx${heap}m: $result"
done
