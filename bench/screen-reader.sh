#!/bin/bash
# What Orca says on Earshot's pages, counted. Starts Earshot from JAR (default target/earshot.jar) twice, on the
# bundled content, on the test fixture src/test/resources/listening and on the bilingual fixture src/test/resources/site-es
# (its Spanish page), runs the shared Orca transcript
# (../shared/tools/screen-reader/orca-transcript.sh: Orca 43 + Chromium under Xvfb, about 5 minutes a page) on one
# page of each, and prints the counts as a Markdown table (for the end of BENCHMARKS.md):
#   - utterances before the content: browse-mode lines (Ctrl+Home, Down) before the first words of the first section;
#   - "clickable": browse lines that say "clickable" on text, and lines that are only "clickable";
#   - names said twice: a heading whose words were already said in the two lines before it (a region, then its
#     heading), and say-all lines of 40+ characters said again within the next three lines (the lead paragraph);
#   - generic control names: Chromium's own media-control names ("play push button", "volume ... slider", ...).
#   bench/screen-reader.sh [JAR] [OUT_DIR]         root, Debian 12; one run at a time (the transcript uses X :99)
#   bench/screen-reader.sh --count DIR MARKER      counts an existing transcript folder only
#   ONLY=bundled|fixture|spanish bench/screen-reader.sh     runs one of the three pages
set -u
here=$(cd "$(dirname "$0")" && pwd)
home=$(dirname "$here")
tool=${ORCA_TRANSCRIPT:-$home/../../shared/tools/screen-reader/orca-transcript.sh}
[ -x "$tool" ] || tool=/work/shared/tools/screen-reader/orca-transcript.sh

count() { # DIR MARKER -> one table row's cells
  python3 - "$1" "$2" <<'PY'
import re, sys, pathlib
d, marker = pathlib.Path(sys.argv[1]), sys.argv[2].lower()
def lines(name):
    p = d / name
    return [l.strip() for l in p.read_text(errors="replace").splitlines() if l.strip()] if p.exists() else []
browse, sayall = lines("browse.txt"), lines("sayall.txt")
before = next((i for i, l in enumerate(browse) if marker in l.lower()), len(browse))
clickable = sum(1 for l in browse if re.search(r"\bclickable\b", l, re.I))
bare = sum(1 for l in browse if re.fullmatch(r"(?i)[\s\W]*clickable[\s\W]*", l))
def words(s):
    s = re.sub(r"(?i)\b(heading level \d|region|landmark|link|visited|clickable|navigation|list with \d+ items?)\b", " ", s)
    return " ".join(re.findall(r"[a-z0-9]+", s.lower()))
twice = 0
for i, l in enumerate(browse):
    if re.search(r"(?i)heading level \d", l):
        w = words(l)
        if len(w) > 3 and any(w in words(p) for p in browse[max(0, i - 2):i]):
            twice += 1
repeat = sum(1 for i, l in enumerate(sayall) if len(l) >= 40 and l in sayall[i + 1:i + 4])
generic = re.compile(r"(?i)\b(play|pause|mute|unmute) push button|time scrubber|volume .*slider|show more media controls|enter full screen")
gen = sum(1 for l in browse if generic.search(l))
print(f"{len(browse)} | {before} | {clickable} | {bare} | {twice} | {repeat} | {gen}")
PY
}

if [ "${1:-}" = --count ]; then count "$2" "$3"; exit; fi

jar=${1:-$home/target/earshot.jar}
out=${2:-$(mktemp -d /tmp/screen-reader.XXXXXX)}
mkdir -p "$out"
pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; }
trap stop EXIT
serve() { # PORT CONTENT
  java -Xmx160m -jar "$jar" serve --port "$1" --content "$2" --audio-cache "$out/cache-$1" > "$out/server-$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 60); do curl -sf -o /dev/null "http://127.0.0.1:$1/healthz" && return; sleep 1; done
  echo "screen-reader: server on $1 did not start" >&2; exit 1
}
serve 7181 "$home/content"
serve 7182 "$home/src/test/resources/listening"
serve 7183 "$home/src/test/resources/site-es"
sleep 20   # let warming make the page audio, so the player is the one a visitor meets
transcript() { # URL DIR
  "$tool" "$1" "$2" > "$2.log" 2>&1
  # Orca sometimes outlives its SIGTERM, and a second Orca then refuses to start: stop the one this run started.
  orca=$(awk '$1 == "orca" { print $2 }' "$2/pids.txt" 2>/dev/null)
  if [ -n "$orca" ] && kill -0 "$orca" 2>/dev/null; then kill -KILL "$orca" 2>/dev/null; sleep 2; fi
}
if [ -z "${ONLY:-}" ] || [ "$ONLY" = bundled ]; then transcript http://127.0.0.1:7181/what-is-ketamine "$out/bundled"; fi
if [ -z "${ONLY:-}" ] || [ "$ONLY" = fixture ]; then transcript http://127.0.0.1:7182/sleep-well "$out/fixture"; fi
if [ -z "${ONLY:-}" ] || [ "$ONLY" = spanish ]; then transcript http://127.0.0.1:7183/acerca-de-la-ketamina "$out/spanish"; fi
echo "| Page | browse lines | before the content | \"clickable\" | only \"clickable\" | headings said twice | say-all lines repeated | generic control names |"
echo "|---|---|---|---|---|---|---|---|"
echo "| bundled /what-is-ketamine | $(count "$out/bundled" "Ketamine therapy represents")"
echo "| fixture /sleep-well | $(count "$out/fixture" "This section shares its heading")"
echo "| Spanish /acerca-de-la-ketamina | $(count "$out/spanish" "La terapia con ketamina puede aliviar")"
echo "screen-reader: transcripts in $out" >&2
