#!/usr/bin/env bash
# Narration benchmark: whole-page synthesis with FreeTTS (cold and warm) beside flite -voice kal16 speaking the
# same scripts in the same run, plus cache-hit latency for one clip. Prints a Markdown section and writes it into
# BENCHMARKS.md ("## Narration", replaced in place; other sections are kept). Run from anywhere:
#
#   bench/narration.sh
#
# Needs java 17, mvn, curl, soxi (Debian sox), /usr/bin/flite (Debian flite), /usr/bin/wrk (Debian wrk).
# Knobs (environment): COLD_RUNS (5), WARMUP (3), RUNS (11), WRK_SECONDS (5). About two minutes with the defaults.
# Everything runs on this machine; the only server it starts listens on 127.0.0.1 and is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

COLD_RUNS=${COLD_RUNS:-5}
WARMUP=${WARMUP:-3}
RUNS=${RUNS:-11}
WRK_SECONDS=${WRK_SECONDS:-5}
FLITE=${FLITE:-/usr/bin/flite}
WRK=${WRK:-/usr/bin/wrk}
CONTENT=content
CLIP_SECTION=fda-breakthrough-status
JAR=target/earshot.jar
CP="$JAR:target/test-classes"
BENCH=app.earshot.bench.NarrationBench

for n in COLD_RUNS WARMUP RUNS WRK_SECONDS; do
  [[ ${!n} =~ ^[0-9]+$ ]] && [ "${!n}" -ge 1 ] && [ "${!n}" -le 101 ] || { echo "narration.sh: $n must be 1-101" >&2; exit 2; }
done
need() { command -v "$1" >/dev/null 2>&1 || { echo "narration.sh: needs $1 ($2)" >&2; exit 1; }; }
need java "Java 17"; need mvn "Maven"; need curl "Debian curl"; need soxi "Debian sox"; need awk "awk"
need "$FLITE" "Debian flite"; need "$WRK" "Debian wrk"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/earshot-bench.XXXXXX")
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
SHM=
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
  [ -n "$SHM" ] && rm -rf "$SHM"
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '%s\n' "$*" >&2; }
now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", (b - a) / 1e9 }'; }
# median/min/max of the numbers given as arguments
stat3() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.4f %.4f %.4f", m, v[1], v[NR] }'; }
div() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { printf f, a / b }'; }
key() { sed -n "s/^$1=//p" "$2" | head -n1; }

# --- 0. Build if anything changed since the jar was made ------------------------------------------------------------
if [ ! -f "$JAR" ] || [ ! -f target/test-classes/app/earshot/bench/NarrationBench.class ] \
   || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; then
  log "building: mvn -q -DskipTests package"
  mvn -q -DskipTests package
fi

# --- 1. The speech scripts: exactly what FreeTTS is given, one file per section and one for the page ----------------
java -cp "$CP" "$BENCH" scripts "$CONTENT" "$WORK/scripts" > "$WORK/scripts.out"
PAGE=$(key page "$WORK/scripts.out")
SECTIONS=$(key sections "$WORK/scripts.out")
WORDS=$(key words "$WORK/scripts.out")
grep -qx "section_id=$CLIP_SECTION" "$WORK/scripts.out" || { log "narration.sh: no section $CLIP_SECTION on $PAGE"; exit 1; }
log "page $PAGE: $SECTIONS sections, $WORDS spoken words"

# --- 2. Cold: a new JVM per round running the shipped 'warm' command into an empty cache, interleaved with flite ----
flite_sections() { for f in "$WORK"/scripts/[0-9][0-9]-*.txt; do "$FLITE" -voice kal16 -f "$f" -o "$1/$(basename "$f" .txt).wav"; done; }
mkdir -p "$WORK/cold-flite"
cold=(); cold_fs=(); cold_fp=(); cold_own=(); cold_r=()
for ((r = 0; r <= COLD_RUNS; r++)); do   # round 0 is unrecorded: it only fills the OS file cache
  rm -rf "$WORK/cold-cache"; mkdir "$WORK/cold-cache"
  t0=$(now)
  java -jar "$JAR" warm --content "$CONTENT" --audio-cache "$WORK/cold-cache" > "$WORK/cold.out"
  t1=$(now)
  flite_sections "$WORK/cold-flite"
  t2=$(now)
  "$FLITE" -voice kal16 -f "$WORK/scripts/page.txt" -o "$WORK/cold-flite/page.wav"
  t3=$(now)
  if [ "$r" -gt 0 ]; then
    cold+=("$(secs "$t0" "$t1")"); cold_fs+=("$(secs "$t1" "$t2")"); cold_fp+=("$(secs "$t2" "$t3")")
    # The command's own timer starts after the JVM is up and the content is loaded, before the voice is.
    cold_own+=("$(sed -n 's/^warm: done, .* in \([0-9.]*\) s;.*/\1/p' "$WORK/cold.out")")
    cold_r+=("$(div "${cold[-1]}" "${cold_fs[-1]}" '%.4f')")
    log "cold round $r/$COLD_RUNS: earshot warm ${cold[-1]} s, flite per section ${cold_fs[-1]} s, flite one file ${cold_fp[-1]} s"
  fi
done
grep -q "warm: done, $SECTIONS section(s)" "$WORK/cold.out" || { log "narration.sh: unexpected warm output:"; cat "$WORK/cold.out" >&2; exit 1; }
read -r COLD COLD_MIN COLD_MAX <<< "$(stat3 "${cold[@]}")"
read -r CFS CFS_MIN CFS_MAX <<< "$(stat3 "${cold_fs[@]}")"
read -r CFP CFP_MIN CFP_MAX <<< "$(stat3 "${cold_fp[@]}")"
read -r COLD_OWN _ _ <<< "$(stat3 "${cold_own[@]}")"
read -r COLD_RATIO _ _ <<< "$(stat3 "${cold_r[@]}")"

# --- 3. Warm: one JVM, FreeTTS and flite interleaved round by round ---------------------------------------------------
mkdir -p "$WORK/disk"
PARENTS="$WORK/disk"
if [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(stat -f -c %T /dev/shm)" = tmpfs ]; then
  SHM=$(mktemp -d /dev/shm/earshot-bench.XXXXXX)
  PARENTS="$PARENTS,$SHM"
fi
log "warm: $WARMUP unrecorded + $RUNS recorded rounds in one JVM"
java -cp "$CP" "$BENCH" synth "$CONTENT" "$WORK/scripts" "$WORK/wavs" "$FLITE" "$PARENTS" "$WARMUP" "$RUNS" > "$WORK/synth.out"
w() { key "$1" "$WORK/synth.out"; }
DISK_FS=$(df -T "$WORK/disk" | awk 'NR == 2 { print $2 }')
FT_AUDIO=$(w freetts_audio_seconds)
FT_PAGE_AUDIO=$(w freetts_page_wav_seconds)
FL_AUDIO=$(for f in "$WORK"/wavs/[0-9][0-9]-*.wav; do soxi -D "$f"; done | awk '{ s += $1 } END { printf "%.3f", s }')
FL_PAGE_AUDIO=$(soxi -D "$WORK/wavs/page.wav" | awk '{ printf "%.3f", $1 }')

# --- 4. Cache hits over HTTP: the app as 'serve' wires it, on 127.0.0.1, over the cache the last cold round filled ---
java -cp "$CP" "$BENCH" serve "$CONTENT" "$WORK/cold-cache" 0 > "$WORK/server.out" 2> "$WORK/server.err" &
SERVER_PID=$!
for ((i = 0; i < 300; i++)); do
  grep -q '^listening=' "$WORK/server.out" 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { log "narration.sh: server died:"; cat "$WORK/server.err" >&2; exit 1; }
  sleep 0.1
done
ADDR=$(key listening "$WORK/server.out")
[ -n "$ADDR" ] || { log "narration.sh: server did not start in 30 s"; exit 1; }
CLIP_URL="http://$ADDR/audio/$PAGE/$CLIP_SECTION.wav"
HTML_URL="http://$ADDR/$PAGE"
CLIP_BYTES=$(curl -fsS -o "$WORK/clip.wav" -w '%{size_download}' "$CLIP_URL")
CLIP_AUDIO=$(soxi -D "$WORK/clip.wav" | awk '{ printf "%.2f", $1 }')
HTML_BYTES=$(curl -fsS -o /dev/null -w '%{size_download}' "$HTML_URL")
# wrk prints latencies as 812.00us, 1.23ms or 1.01s; give milliseconds.
wrk_ms() { awk -v p="$1%" '$1 == p { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
  f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1; printf "%.2f", v * f }' "$2"; }
wrk_rps() { awk '$1 == "Requests/sec:" { printf "%.0f", $2 }' "$1"; }
for what in clip html; do
  url=$CLIP_URL; [ "$what" = html ] && url=$HTML_URL
  "$WRK" -t1 -c1 -d2s "$url" > /dev/null                       # JIT and connection warm-up, not recorded
  "$WRK" -t1 -c1 -d"${WRK_SECONDS}s" --latency "$url" > "$WORK/wrk-$what.txt"
  if grep -q 'Non-2xx' "$WORK/wrk-$what.txt"; then log "narration.sh: errors from $url:"; cat "$WORK/wrk-$what.txt" >&2; exit 1; fi
done
METRICS=$(curl -fsS "http://$ADDR/metrics")
SYNTH_DURING=$(awk '$1 == "earshot_syntheses_total" { print $2 }' <<< "$METRICS")
MISSES_DURING=$(awk '$1 == "earshot_audio_cache_misses_total" { print $2 }' <<< "$METRICS")
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=

# --- 5. Report ---------------------------------------------------------------------------------------------------------
row() { # label median min max audio_seconds ref_sections ref_page
  printf '| %s | %.3f | %.3f–%.3f | %.1f | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$5" "$(div "$5" "$2" '%.0fx')" \
    "$(div "$2" "$6" '%.2fx')" "$(div "$2" "$7" '%.2fx')"
}
WFS=$(w flite_sections_median); WFP=$(w flite_page_median); WF1=$(w flite_one_word_median)
FLITE_SYNTH_ONLY=$(awk -v p="$WFP" -v o="$WF1" 'BEGIN { printf "%.4f", p - o }')
DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)
JAVA=$(java -version 2>&1 | head -n1)
FLITE_V=$({ "$FLITE" --version 2>&1 || true; } | awk '/version:/ { print $2; exit }')   # exits 1 after printing
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
NARRATOR_ROWS=$(
  row "FreeTTS warm, narrator path into a fresh cache on $DISK_FS (synthesis + WAV + captions + fsync'd writes + page WAV)" \
    "$(w freetts_narrator_1_median)" "$(w freetts_narrator_1_min)" "$(w freetts_narrator_1_max)" "$FT_PAGE_AUDIO" "$WFS" "$WFP"
  if [ -n "$SHM" ]; then
    row "FreeTTS warm, same narrator path, cache on tmpfs (fsync costs nothing)" \
      "$(w freetts_narrator_2_median)" "$(w freetts_narrator_2_min)" "$(w freetts_narrator_2_max)" "$FT_PAGE_AUDIO" "$WFS" "$WFP"
  fi
)

SECTION_MD=$(cat <<EOF
## Narration

Whole-page synthesis of \`$PAGE\` ($SECTIONS sections, $WORDS spoken words, the exact scripts FreeTTS is given)
beside \`flite -voice kal16\` speaking the same scripts in the same run, and cache-hit latency for one clip.

- Command: \`bench/narration.sh\` (COLD_RUNS=$COLD_RUNS WARMUP=$WARMUP RUNS=$RUNS WRK_SECONDS=$WRK_SECONDS), commit $COMMIT
- Date: $DATE; machine: $(nproc) cores ($CPU), $MEM RAM, load average (1/5/15 min) $LOAD_START at start, $LOAD_END at end
- $JAVA; FreeTTS 1.2.2 kevin16 at the site's rate and pitch; flite $FLITE_V; wrk 4.1.0

### Whole page: FreeTTS beside flite

Times are wall seconds for the whole page; "× flite" divides by the flite rows measured in the same rounds
(cold rows by the cold rounds' flite, warm rows by the warm rounds' flite). x-realtime = audio seconds ÷ wall seconds.

| What (whole page) | median s | min–max s | audio s | x-realtime | × flite, 11 processes | × flite, 1 process |
|---|---:|---:|---:|---:|---:|---:|
$(row "FreeTTS cold: \`java -jar earshot.jar warm\`, empty cache (JVM + voice + 11 sections + page WAV), $COLD_RUNS rounds" "$COLD" "$COLD_MIN" "$COLD_MAX" "$FT_PAGE_AUDIO" "$CFS" "$CFP")
$(row "flite kal16, one process per section (cold rounds, from bash)" "$CFS" "$CFS_MIN" "$CFS_MAX" "$FL_AUDIO" "$CFS" "$CFP")
$(row "flite kal16, one process for the whole page (cold rounds, from bash)" "$CFP" "$CFP_MIN" "$CFP_MAX" "$FL_PAGE_AUDIO" "$CFS" "$CFP")
$(row "**FreeTTS warm: synthesizer alone, 11 section scripts, $RUNS rounds**" "$(w freetts_synth_median)" "$(w freetts_synth_min)" "$(w freetts_synth_max)" "$FT_AUDIO" "$WFS" "$WFP")
$NARRATOR_ROWS
$(row "flite kal16, one process per section (warm rounds, from the JVM)" "$WFS" "$(w flite_sections_min)" "$(w flite_sections_max)" "$FL_AUDIO" "$WFS" "$WFP")
$(row "flite kal16, one process for the whole page (warm rounds, from the JVM)" "$WFP" "$(w flite_page_min)" "$(w flite_page_max)" "$FL_PAGE_AUDIO" "$WFS" "$WFP")
| flite kal16, one process for one word ("Ready."): its start-up | $(printf '%.3f' "$WF1") | $(printf '%.3f–%.3f' "$(w flite_one_word_min)" "$(w flite_one_word_max)") | – | – | – | – |

Target "FreeTTS at or under 1.0x flite once warm": FreeTTS synthesizer alone takes
**$(div "$(w freetts_synth_median)" "$WFP")x** flite's single-process time for the page,
**$(div "$(w freetts_synth_median)" "$WFS")x** its one-process-per-section time, and
**$(div "$(w freetts_synth_median)" "$FLITE_SYNTH_ONLY")x** flite's synthesis alone (one-process time minus the one-word start-up,
$(printf '%.3f' "$FLITE_SYNTH_ONLY") s). Taken round by round (both timed back to back, so under the same load), the median
ratios are $(printf '%.2f' "$(w ratio_synth_over_flite_page)")x (one process) and $(printf '%.2f' "$(w ratio_synth_over_flite_sections)")x (per section).
Cold, Earshot's \`warm\` command takes $(div "$COLD" "$CFS")x flite's one-process-per-section time (round by round:
$(printf '%.2f' "$COLD_RATIO")x) and $(div "$COLD" "$CFP")x its one-process time; of its $(printf '%.3f' "$COLD") s, $(printf '%.1f' "$COLD_OWN") s (median) pass
after the JVM is up and the content loaded (voice load, synthesis, fsync'd cache writes, page WAV) by the command's own timer.

FreeTTS audio: $FT_AUDIO s over the 11 clips (with 0.4 s between paragraphs), $FT_PAGE_AUDIO s for the page WAV
(0.8 s between sections); flite: $FL_AUDIO s over 11 files, $FL_PAGE_AUDIO s as one file. Both 16 kHz 16-bit mono.

### Cache hit: one clip over HTTP

\`wrk -t1 -c1 -d${WRK_SECONDS}s --latency\` (one connection, keep-alive, after a 2 s warm-up) on 127.0.0.1 against
\`NarrationBench serve\`: the app wired as \`serve\` wires it, bound to loopback, no background warmer, over the cache
the last cold round filled. During the runs the server synthesized ${SYNTH_DURING:-?} clips and missed the cache
${MISSES_DURING:-?} times.

| GET | bytes | p50 ms | p99 ms | requests/s |
|---|---:|---:|---:|---:|
| \`/audio/$PAGE/$CLIP_SECTION.wav\` ($CLIP_AUDIO s of audio), cache hit | $CLIP_BYTES | $(wrk_ms 50 "$WORK/wrk-clip.txt") | $(wrk_ms 99 "$WORK/wrk-clip.txt") | $(wrk_rps "$WORK/wrk-clip.txt") |
| \`/$PAGE\` (HTML, for reference) | $HTML_BYTES | $(wrk_ms 50 "$WORK/wrk-html.txt") | $(wrk_ms 99 "$WORK/wrk-html.txt") | $(wrk_rps "$WORK/wrk-html.txt") |
EOF
)

printf '%s\n' "$SECTION_MD"

# --- 6. BENCHMARKS.md: create with a header if missing; replace "## Narration" up to the next "## " heading ------------
if [ ! -f BENCHMARKS.md ]; then
  cat > BENCHMARKS.md <<EOF
# Benchmarks

Speed targets live here, never in timed unit tests. Each section is produced by a script under \`bench/\` that
measures Earshot beside a reference (flite, nginx, ...) in the same run and reports the ratio; rerun the script
to refresh its section. Each section states its machine, date and exact command.

First written on $(nproc) cores ($CPU), $MEM RAM, $DATE, by \`bench/narration.sh\`. Numbers from a shared 2-core
machine are noisy: other jobs steal CPU between and during runs, so compare ratios from the same run rather than
absolute times across runs, and read min–max as well as the median.

EOF
fi
printf '%s\n' "$SECTION_MD" > "$WORK/section.md"
awk -v file="$WORK/section.md" '
  function emit() { while ((getline line < file) > 0) print line; close(file); done = 1 }
  /^## / { if (skip) { skip = 0; print "" } }
  /^## Narration[[:space:]]*$/ { emit(); skip = 1; next }
  !skip { print }
  END { if (!done) { print ""; emit() } }' BENCHMARKS.md > "$WORK/BENCHMARKS.md"
cat -s "$WORK/BENCHMARKS.md" > BENCHMARKS.md
log "wrote the Narration section of BENCHMARKS.md"
