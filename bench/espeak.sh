#!/usr/bin/env bash
# eSpeak NG (Spanish) against FreeTTS (English) on the bilingual fixture: synthesis milliseconds per second of audio,
# and the 22.05 -> 16 kHz resampler's share. One warm JVM, the engines alternating every round. Prints a Markdown
# section to append to BENCHMARKS.md.
#
#   bench/espeak.sh            (knobs: WARMUP=2 RUNS=9)
#
# Needs java 17, mvn and Debian's espeak-ng; builds the test classes offline if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
WARMUP=${WARMUP:-2}
RUNS=${RUNS:-9}
mvn -q -o -DskipTests test-compile
CPFILE=$(mktemp)
trap 'rm -f "$CPFILE"' EXIT
mvn -q -o dependency:build-classpath -Dmdep.outputFile="$CPFILE" >/dev/null
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
out=$(java -cp "target/classes:target/test-classes:$(cat "$CPFILE")" app.earshot.bench.EspeakBench src/test/resources/site-es "$WARMUP" "$RUNS" 2>/dev/null)
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
val() { sed -n "s/^$1=//p" <<<"$out"; }
cat <<MD
## eSpeak NG for Spanish (issue 25)

\`bench/espeak.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, espeak-ng $(espeak-ng --version | sed 's/^[^:]*: \([0-9.]*\).*/\1/'); load average $LOAD_START at the start, $LOAD_END at the end.
Fixture \`src/test/resources/site-es\`: every section of \`acerca-de-la-ketamina\` ($(val espeak_audio_seconds) s of audio, voice
$(val voices_es)) and of its English source \`about-ketamine\` ($(val freetts_audio_seconds) s, FreeTTS kevin16), $(val rounds) rounds after
$WARMUP warm-up rounds, alternating; median (min-max), milliseconds of work per second of audio:

| Step | ms per s of audio |
|---|---|
| eSpeak NG synthesis, Spanish (one process-wide lock; includes the resampling) | $(val espeak_ms_per_s) |
| FreeTTS synthesis, English (one voice) | $(val freetts_ms_per_s) |
| of which 22.05 -> 16 kHz resampling (windowed sinc, 49 taps, weights per phase) | $(val resample_ms_per_s) |
MD
