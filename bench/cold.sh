#!/usr/bin/env bash
# Cold clip benchmark (issue 23): what the first request for a clip not yet made costs, beside what its synthesis
# costs. Builds a library with distinct text on every page (bench/library.py), then each round starts
# `bin/earshot serve --no-warm` (as the README runs it, with background warming off) on an empty cache and asks, one
# request at a time, for every section's two first clips: the section MP3 the page's player plays
# (/audio/{slug}/{id}.mp3) and the telephone clip (/telephony/{slug}/{id}.wav, u-law). Which of the two is asked first
# alternates by section and by round, so each kind is measured both cold (it pays for the synthesis) and second (the
# 16 kHz clip is already made). Per request it reads the server's process CPU time (/proc/PID/stat, user + system, all
# threads: JIT and GC included) before and after, and the voice's own CPU from the server's stage timer
# (earshot_synthesis_cpu_seconds_total in /metrics: CPU of the threads inside FreeTTS). Prints, per kind, the sum of
# process CPU over the sum of synthesis CPU of the cold requests (goal: at most 1.5x), the median per-request ratio,
# and the same without the round's first page (the JIT's first compilations fall there); and what the second kind
# costs, as a share of the synthesis it did not need.
# KINDS picks the clips asked per section (default "mp3 phone"; "wav" is the 16 kHz section WAV, /audio/{slug}/{id}.wav):
# each section's kinds are asked in an order rotated by section and round, so each kind is asked first (cold) in turn.
# STEADY (default: half the sections) adds, beside those figures, the same for the cold requests after the server has
# already made that many sections' clips in the round: nearer a server that has been running a while (its JIT warm).
# EARSHOT names the launcher (default bin/earshot): a copy of another build's bin/ and target/ lets two builds
# alternate within one period, e.g. for a before/after comparison on a loaded machine.
#   bench/cold.sh                      # 4 pages, 3 rounds
#   PAGES=8 ROUNDS=5 bench/cold.sh
#   KINDS="wav phone" EARSHOT=/tmp/before/bin/earshot bench/cold.sh
# Needs java 17, mvn, curl, python3. Loopback only; temporary files only. Not a test: nothing here can fail a build.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${PAGES:-4}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18234}
KINDS=${KINDS:-mp3 phone}
EARSHOT=${EARSHOT:-bin/earshot}
STEADY=${STEADY:-}
export JAVA_OPTS=${JAVA_OPTS:-}
for tool in java curl python3; do
  command -v "$tool" >/dev/null || { echo "bench/cold.sh needs $tool" >&2; exit 2; }
done
[[ $ROUNDS =~ ^[0-9]+$ ]] && [ "$ROUNDS" -ge 1 ] || { echo "bench/cold.sh: ROUNDS must be a positive number" >&2; exit 2; }
work=$(mktemp -d /tmp/earshot-cold.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
for kind in $KINDS; do
  case $kind in mp3|phone|wav) ;; *) echo "bench/cold.sh: KINDS are mp3, phone and wav, not $kind" >&2; exit 2 ;; esac
done
if [ "$EARSHOT" = bin/earshot ] && { [ ! -f target/earshot.jar ] || [ -n "$(find src/main pom.xml -newer target/earshot.jar -print -quit)" ]; }; then
  mvn -q -B -ntp -DskipTests package
fi

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD 2>/dev/null || echo '?'), launcher $EARSHOT, kinds $KINDS"
python3 bench/library.py "$work/content" "$PAGES" > /dev/null

start_server() { # $1 = cache folder
  "$EARSHOT" serve --no-warm --port "$PORT" --content "$work/content" --audio-cache "$1" > "$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && return 0; sleep 0.5; done
  echo "bench/cold.sh: the server did not start: $(cat "$work/server.log")" >&2; exit 1
}
stop_server() {
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

# The sections, from the API of a throwaway server (the API may queue background work; the measured servers never
# see an API request).
start_server "$work/api-cache"
curl -sf "http://127.0.0.1:$PORT/api/pages.json" | python3 -c '
import json, sys, urllib.request
with open(sys.argv[1], "w") as out:
    for page in json.load(sys.stdin)["pages"]:
        detail = json.load(urllib.request.urlopen(page["href"]))
        for s in detail["sections"]:
            out.write("%s %s %d\n" % (page["slug"], s["id"], len(s["spokenText"].split())))
' "$work/sections.txt"
stop_server
[ -n "$STEADY" ] || STEADY=$(( $(wc -l < "$work/sections.txt") / 2 ))
[[ $STEADY =~ ^[0-9]+$ ]] || { echo "bench/cold.sh: STEADY must be a number" >&2; exit 2; }
echo "== $PAGES pages, $(wc -l < "$work/sections.txt") sections, $(awk '{w += $3} END {print w}' "$work/sections.txt") spoken words"

for round in $(seq 1 "$ROUNDS"); do
  rm -rf "$work/cache"
  start_server "$work/cache"
  python3 - "$PORT" "$server_pid" "$round" "$work/sections.txt" "$KINDS" >> "$work/requests.tsv" <<'EOF'
import os, re, sys, time, urllib.error, urllib.request
port, pid, rnd, sections, chosen = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5].split()
tick = os.sysconf("SC_CLK_TCK")
base = "http://127.0.0.1:%d" % port

def cpu():  # the server's user + system CPU seconds, all threads
    with open("/proc/%s/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick

def synthesis():
    text = urllib.request.urlopen(base + "/metrics").read().decode()
    return float(re.search(r"(?m)^earshot_synthesis_cpu_seconds_total (\S+)$", text).group(1))

busy = 0

def ask(path):  # a 503 (the server shed the request) is asked again after its Retry-After, its CPU counted
    global busy
    before_syn = synthesis()
    before = cpu()
    while True:
        try:
            with urllib.request.urlopen(base + path) as r:
                body = r.read()
                assert r.status == 200 and len(body) > 1000, (path, r.status, len(body))
            break
        except urllib.error.HTTPError as e:
            if e.code != 503: raise
            busy += 1
            print("503 for %s: %s" % (path, e.read().decode(errors="replace")[:300]), file=sys.stderr)
            time.sleep(int(e.headers.get("Retry-After", "1")))
    after = cpu()
    return after - before, synthesis() - before_syn, len(body)

pages = []
for i, line in enumerate(open(sections)):
    slug, sid, words = line.split()
    if slug not in pages: pages.append(slug)
    paths = {"mp3": "/audio/%s/%s.mp3", "phone": "/telephony/%s/%s.wav", "wav": "/audio/%s/%s.wav"}
    kinds = [(k, paths[k] % (slug, sid)) for k in chosen]
    turn = (i + rnd) % len(kinds)
    kinds = kinds[turn:] + kinds[:turn]
    syn_first = None
    for order, (kind, path) in enumerate(kinds):
        spent, syn, size = ask(path)
        if order == 0: syn_first = syn
        print("%d\t%d\t%s\t%s\t%s\t%d\t%.3f\t%.4f\t%.4f\t%d\t%d" % (rnd, len(pages), slug, sid, kind, order, spent, syn, syn_first, size, i))
EOF
  stop_server
  echo "round $round done (load average $(cut -d' ' -f1-3 /proc/loadavg))"
done

python3 - "$work/requests.tsv" "$STEADY" <<'EOF'
import statistics, sys
steady = int(sys.argv[2])
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
rows = [dict(round=int(r[0]), page=int(r[1]), kind=r[4], order=int(r[5]), cpu=float(r[6]), syn=float(r[7]),
             syn_section=float(r[8]), made=int(r[10])) for r in rows]
def summary(label, chosen):
    cold = [r for r in chosen if r["order"] == 0 and r["syn"] > 0]
    if not cold: return
    per_round = []
    for rnd in sorted(set(r["round"] for r in cold)):
        rr = [r for r in cold if r["round"] == rnd]
        per_round.append(sum(r["cpu"] for r in rr) / sum(r["syn"] for r in rr))
    ratios = sorted(r["cpu"] / r["syn"] for r in cold)
    print("%-34s %3d requests: process CPU %.2f s, synthesis CPU %.2f s; ratio sum/sum per round %s; median per request %.2fx"
          % (label, len(cold), sum(r["cpu"] for r in cold), sum(r["syn"] for r in cold),
             " ".join("%.2fx" % x for x in per_round), statistics.median(ratios)))
kinds = sorted(set(r["kind"] for r in rows))
for kind in kinds:
    summary("cold %s (all pages)" % kind, [r for r in rows if r["kind"] == kind])
    summary("cold %s (after each round's page 1)" % kind, [r for r in rows if r["kind"] == kind and r["page"] > 1])
    summary("cold %s (after %d sections made)" % (kind, steady), [r for r in rows if r["kind"] == kind and r["made"] >= steady])
for kind in kinds:
    second = [r for r in rows if r["kind"] == kind and r["order"] > 0 and r["page"] > 1]
    if second:
        print("later %-5s (16 kHz clip already made, after page 1): %3d requests, process CPU %.2f s = %.2fx the synthesis they did not need"
              % (kind, len(second), sum(r["cpu"] for r in second), sum(r["cpu"] for r in second) / sum(r["syn_section"] for r in second)))
for kind in kinds:
    second = [r for r in rows if r["kind"] == kind and r["order"] > 0 and r["made"] >= steady]
    if second:
        print("later %-5s (16 kHz clip already made, after %d sections made): %3d requests, process CPU %.2f s = %.2fx the synthesis they did not need"
              % (kind, steady, len(second), sum(r["cpu"] for r in second), sum(r["cpu"] for r in second) / sum(r["syn_section"] for r in second)))
EOF
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
