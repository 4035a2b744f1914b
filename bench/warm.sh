#!/usr/bin/env bash
# Warm benchmark (issue 23): CPU per spoken word of `bin/earshot warm` beside the native tools doing the same job.
# Builds an 8-page library with distinct text on every page (bench/library.py), reads the very scripts the voice is
# given from the running server's API (/api/pages/{slug}.json, each section's spokenText), then, alternating the
# sides' order each round (ROUNDS, default 3):
#   earshot: `bin/earshot warm` of the library into an empty cache (section WAV, captions, section MP3, page WAV, MP3);
#   native:  per section script `flite -voice kal16` -> `sox in out gain -n -3` -> `lame -m m -b 48` (issue 23's
#            reference: LAME's default quality 3, ReplayGain analysis on);
#   native with Earshot's encoding: the same, but `lame` driven as Earshot's audio/Mp3 drives LAME (mono, ABR 40
#            kbit/s, low-pass 8 kHz, the voice's 16 kHz, quality 7, no ReplayGain): the same encoder work as Earshot's.
# Prints CPU s (user + system, children included) per 1,000 spoken words for each, Earshot's ratio to both per round
# and the median (min-max), and Earshot's wall/CPU (0.5 = both cores busy on 2 cores). Not a test: nothing here can
# fail a build. EARSHOT names the launcher (default bin/earshot); BASELINE names a second build's launcher (a copy of
# its bin/ and target/), run in every round beside EARSHOT, for a before/after CPU ratio on a loaded machine.
#   bench/warm.sh                    # 8 pages, 3 rounds
#   PAGES=4 ROUNDS=5 bench/warm.sh
#   BASELINE=/tmp/before/bin/earshot bench/warm.sh
# Needs java 17, mvn, curl, python3, flite, sox, lame, GNU time (/usr/bin/time). Loopback only; temporary files only.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${PAGES:-8}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18233}
EARSHOT=${EARSHOT:-bin/earshot}
BASELINE=${BASELINE:-}
export JAVA_OPTS=${JAVA_OPTS:-}
for tool in java curl python3 flite sox lame /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/warm.sh needs $tool" >&2; exit 2; }
done
[[ $ROUNDS =~ ^[0-9]+$ ]] && [ "$ROUNDS" -ge 1 ] || { echo "bench/warm.sh: ROUNDS must be a positive number" >&2; exit 2; }
work=$(mktemp -d /tmp/earshot-warm.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
[ "$EARSHOT" != bin/earshot ] || [ -f target/earshot.jar ] || mvn -q -DskipTests package

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD 2>/dev/null || echo '?'), launcher $EARSHOT${BASELINE:+, baseline $BASELINE}"
python3 bench/library.py "$work/content" "$PAGES" > /dev/null

# The scripts, as the server says the voice is given them. Its own background warming goes to a throwaway cache.
"$EARSHOT" serve --port "$PORT" --content "$work/content" --audio-cache "$work/api-cache" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/api/pages.json" && break; sleep 0.5; done
mkdir -p "$work/scripts"
curl -sf "http://127.0.0.1:$PORT/api/pages.json" | python3 -c '
import json, sys, urllib.request
out = sys.argv[1]
for page in json.load(sys.stdin)["pages"]:
    detail = json.load(urllib.request.urlopen(page["href"]))
    for s in detail["sections"]:
        with open("%s/%s--%03d.txt" % (out, page["slug"], s["order"]), "w") as f:
            f.write(s["spokenText"])
' "$work/scripts"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
scripts=$(ls "$work/scripts" | wc -l)
words=$(cat "$work"/scripts/*.txt | wc -w)
echo "== $PAGES pages, $scripts section scripts, $words spoken words (wc -w of the API's spokenText)"

cat > "$work/native.sh" <<'NATIVE'
#!/usr/bin/env bash
set -euo pipefail
scripts=$1; out=$2; shift 2
for s in "$scripts"/*.txt; do
  b=$out/$(basename "$s" .txt)
  flite -voice kal16 -f "$s" -o "$b.raw.wav"
  sox "$b.raw.wav" "$b.wav" gain -n -3
  lame --quiet "$@" "$b.wav" "$b.mp3"
done
NATIVE
chmod +x "$work/native.sh"

run_earshot() { # $1 = launcher; prints "wall cpu"
  rm -rf "$work/cache"
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$1" warm --content "$work/content" --audio-cache "$work/cache" > "$work/warm.log"
  read -r wall user sys < "$work/time"
  echo "$wall $(echo "$user + $sys" | bc)"
}
run_native() { # $@ = lame's options; prints "wall cpu"
  rm -rf "$work/native"; mkdir -p "$work/native"
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$work/native.sh" "$work/scripts" "$work/native" "$@"
  read -r wall user sys < "$work/time"
  echo "$wall $(echo "$user + $sys" | bc)"
}
ISSUE_LAME=(-m m -b 48)
SAME_LAME=(-m m --abr 40 --lowpass 8 --resample 16 -q 7 --noreplaygain)
per() { echo "scale=3; $1 * 1000 / $words" | bc; }

ratios=(); same_ratios=(); e_per=(); n_per=(); s_per=(); occupancy=(); b_per=(); b_ratios=()
for round in $(seq 1 "$ROUNDS"); do
  b=""
  if [ $((round % 2)) -eq 1 ]; then
    e=$(run_earshot "$EARSHOT"); elog=$(tail -1 "$work/warm.log")
    if [ -n "$BASELINE" ]; then b=$(run_earshot "$BASELINE"); blog=$(tail -1 "$work/warm.log"); fi
    n=$(run_native "${ISSUE_LAME[@]}"); s=$(run_native "${SAME_LAME[@]}")
  else
    s=$(run_native "${SAME_LAME[@]}"); n=$(run_native "${ISSUE_LAME[@]}")
    if [ -n "$BASELINE" ]; then b=$(run_earshot "$BASELINE"); blog=$(tail -1 "$work/warm.log"); fi
    e=$(run_earshot "$EARSHOT"); elog=$(tail -1 "$work/warm.log")
  fi
  read -r ew ec <<< "$e"; read -r nw nc <<< "$n"; read -r sw sc <<< "$s"
  ratio=$(echo "scale=2; $ec / $nc" | bc); same=$(echo "scale=2; $ec / $sc" | bc); occ=$(echo "scale=2; $ew / $ec" | bc)
  ratios+=("$ratio"); same_ratios+=("$same"); occupancy+=("$occ")
  e_per+=("$(per "$ec")"); n_per+=("$(per "$nc")"); s_per+=("$(per "$sc")")
  echo "round $round: earshot ${ec} s CPU, ${ew} s wall (wall/CPU $occ); native ${nc} s CPU, ${nw} s wall;" \
    "native with Earshot's encoding ${sc} s CPU, ${sw} s wall; per 1,000 words earshot $(per "$ec") s, native" \
    "$(per "$nc") s, native with Earshot's encoding $(per "$sc") s; ratios ${ratio}x and ${same}x  [$elog]"
  if [ -n "$b" ]; then
    read -r bw bcpu <<< "$b"
    b_per+=("$(per "$bcpu")"); b_ratios+=("$(echo "scale=3; $ec / $bcpu" | bc)")
    echo "round $round: baseline ${bcpu} s CPU, ${bw} s wall (wall/CPU $(echo "scale=2; $bw / $bcpu" | bc));" \
      "earshot/baseline CPU $(echo "scale=3; $ec / $bcpu" | bc)  [$blog]"
  fi
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
range() { printf '%s\n' "$@" | sort -n | awk 'NR==1 {lo=$1} {hi=$1} END {print lo "-" hi}'; }
echo "== CPU s per 1,000 spoken words: earshot $(median "${e_per[@]}") ($(range "${e_per[@]}")), native $(median "${n_per[@]}") ($(range "${n_per[@]}")), native with Earshot's encoding $(median "${s_per[@]}") ($(range "${s_per[@]}"))"
echo "== ratio earshot/native: $(median "${ratios[@]}")x ($(range "${ratios[@]}")); earshot/native with Earshot's encoding: $(median "${same_ratios[@]}")x ($(range "${same_ratios[@]}")); earshot wall/CPU $(median "${occupancy[@]}") ($(range "${occupancy[@]}"))"
if [ -n "$BASELINE" ]; then
  echo "== baseline CPU s per 1,000 spoken words $(median "${b_per[@]}") ($(range "${b_per[@]}")); earshot/baseline CPU $(median "${b_ratios[@]}") ($(range "${b_ratios[@]}"))"
fi
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
