#!/usr/bin/env bash
# Loudness benchmark: what normalising narration (EBU R128 gain + true-peak limiter) costs beside the synthesis it
# follows, per 38 s of audio, with telephone levelling and MP3 encoding for scale. One warm JVM, the steps alternating
# every round. Prints a Markdown section and writes it into BENCHMARKS.md ("<!-- loudness:start -->" ... end).
#
#   bench/loudness.sh            (knobs: WARMUP=5 RUNS=21 SECTION=conditions-ketamine-can-treat)
#
# Needs java 17 and mvn; builds the test classes offline if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
WARMUP=${WARMUP:-5}
RUNS=${RUNS:-21}
SECTION=${SECTION:-conditions-ketamine-can-treat}
mvn -q -o -DskipTests test-compile
CPFILE=$(mktemp)
trap 'rm -f "$CPFILE"' EXIT
mvn -q -o dependency:build-classpath -Dmdep.outputFile="$CPFILE" >/dev/null
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
out=$(java -cp "target/classes:target/test-classes:$(cat "$CPFILE")" app.earshot.bench.LoudnessBench content "$SECTION" "$WARMUP" "$RUNS" 2>/dev/null)
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
val() { sed -n "s/^$1=//p" <<<"$out"; }
block="<!-- loudness:start -->
## Loudness normalisation (issue 12)

\`bench/loudness.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)),
Java $(java -version 2>&1 | head -1 | sed 's/.*"\(.*\)".*/\1/'); load average $LOAD_START at the start, $LOAD_END at the end.
Section \`$SECTION\` ($(val audio_seconds) s of audio), $(val runs) rounds after $WARMUP warm-up rounds; times scaled to 38 s
of audio, median (min-max):

| Step | ms per 38 s of audio |
|---|---|
| FreeTTS synthesis (reference) | $(val synthesis_ms) |
| Loudness normalisation (meter, gain, true-peak limiter, re-measure) | $(val normalise_ms) |
| Telephone levelling (P.56 meter, gain, limiter; 8 kHz) | $(val telephone_level_ms) |
| MP3 encoding (44.1 kHz, ABR 40 kbit/s) | $(val mp3_encode_ms) |

Normalisation over synthesis, per round: **$(val normalise_over_synthesis)x** (median, min-max).
<!-- loudness:end -->"
echo "$block"
python3 - "$block" <<'PY'
import pathlib, re, sys
block = sys.argv[1]
path = pathlib.Path("BENCHMARKS.md")
text = path.read_text()
if "<!-- loudness:start -->" in text:
    text = re.sub(r"<!-- loudness:start -->.*?<!-- loudness:end -->", lambda m: block, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + block + "\n"
path.write_text(text)
PY
