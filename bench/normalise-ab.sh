#!/usr/bin/env bash
# Loudness normalisation, build against build (issue 23): bench/NormaliseAB.java times LoudnessNormaliser.narration on
# one ~20 s FreeTTS clip for each jar given, all in one JVM under the launcher's JIT and collector for a small site
# (C1 only, serial), the builds taking turns every run. Prints ns per sample and an output hash per build.
#   bench/normalise-ab.sh /tmp/before/target/earshot.jar target/earshot.jar
# Needs java 17 and javac. Not a test: nothing here can fail a build.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bench/normalise-ab.sh JAR [JAR...]" >&2; exit 2; }
work=$(mktemp -d /tmp/earshot-normalise-ab.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
javac -d "$work" bench/NormaliseAB.java
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx150m -cp "$work" NormaliseAB "$@" 2>/dev/null | grep -v INFO
