#!/usr/bin/env bash
# MP3 encoder benchmark (issue 23): CPU of one encoding of a section WAV and of the bundled page's WAV, as audio/Mp3
# drives LAME (16 kHz mono, ABR 40 kbit/s, low-pass 8 kHz, a LAME tag), by jump3r (pure Java) and by libmp3lame
# in-process (JNA), at LAME quality 5 and 7, beside the native `lame` command at the same settings. Per encoder:
# "cold" = the process CPU (JIT included) of the first encoding in a fresh JVM started as bin/earshot starts a small
# site (C1 only; TIERED=1 for the default tiered compilers); "warm" = the median thread CPU after WARMUP encodings;
# lame CLI = user + system CPU of the whole process (median of RUNS). The two WAVs: the bundled page made by
# `bin/earshot warm`, its longest WAV (the page) and one section of 30-45 s. Not a test.
#   bench/mp3-encoders.sh            (knobs: WARMUP=5 RUNS=7 TIERED=)
# Needs java 17, mvn, lame, sox (soxi), GNU time. Temporary files only.
set -euo pipefail
cd "$(dirname "$0")/.."
WARMUP=${WARMUP:-5}
RUNS=${RUNS:-7}
jit="-XX:TieredStopAtLevel=1"
[ -n "${TIERED:-}" ] && jit=""
work=$(mktemp -d /tmp/earshot-mp3.XXXXXX)
trap 'rm -rf "$work"' EXIT
mvn -q -o -DskipTests test-compile
mvn -q -o dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null
[ -f target/earshot.jar ] || mvn -q -o -DskipTests package
bin/earshot warm --content content --audio-cache "$work/cache" > /dev/null
for f in "$work"/cache/*/*.wav; do echo "$(soxi -D "$f") $f"; done | sort -n > "$work/wavs"
page=$(tail -1 "$work/wavs" | cut -d' ' -f2)
section=$(awk '$1 > 30 && $1 < 45 {print $2; exit}' "$work/wavs")
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD), JIT: ${jit:-tiered}"
echo "| WAV | Encoder | Quality | Cold: first encoding, process CPU ms | Warm: ms per encoding, median (min-max) | Warm: ms CPU per second of audio | Bytes |"
echo "|---|---|---|---|---|---|---|"
for wav in section page; do
  file=${!wav}
  seconds=$(soxi -D "$file")
  for engine in jump3r libmp3lame; do
    for q in 5 7; do
      out=$(java -Xss512k -XX:+UseSerialGC $jit -cp "target/classes:target/test-classes:$(cat "$work/cp")" \
        app.earshot.audio.Mp3EncoderBench "$engine" "$q" "$file" "$WARMUP" "$RUNS" 2>/dev/null)
      val() { sed -n "s/^$1=//p" <<<"$out"; }
      per=$(echo "scale=2; $(val warm_ms) / $seconds" | bc)
      echo "| $wav (${seconds%.*} s) | $(val engine) in-process | $q | $(val cold_ms) | $(val warm_ms) ($(val warm_min_ms)-$(val warm_max_ms)) | $per | $(val bytes) |"
    done
  done
  for q in 5 7; do
    cpus=()
    for _ in $(seq 1 "$RUNS"); do
      /usr/bin/time -f "%U %S" -o "$work/time" lame --quiet -m m --abr 40 --lowpass 8 --resample 16 -q "$q" "$file" "$work/out.mp3"
      read -r u s < "$work/time"; cpus+=("$(echo "($u + $s) * 1000" | bc)")
    done
    med=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    range=$(printf '%s\n' "${cpus[@]}" | sort -n | awk 'NR==1 {lo=$1} {hi=$1} END {print lo "-" hi}')
    echo "| $wav (${seconds%.*} s) | \`lame\` CLI $(lame --version | head -1 | sed 's/.*version \([0-9.]*\).*/\1/') (whole process) | $q | | $med ($range) | $(echo "scale=2; $med / $seconds" | bc) | $(stat -c %s "$work/out.mp3") |"
  done
done
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
