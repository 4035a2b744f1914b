#!/usr/bin/env bash
# Where a cold clip's CPU goes in a server that has run a while (issue 23): builds a library with distinct text on every
# page (bench/library.py), starts `bin/earshot serve --no-warm` (as the README runs it) on an empty cache, asks for the
# first SPLIT sections' clips of one KIND, then reads every thread's CPU (/proc/PID/task/*/schedstat, nanoseconds),
# asks for the rest of the sections' clips one at a time, and prints each thread group's CPU over the voice's own CPU
# in that second part (earshot_synthesis_cpu_seconds_total in /metrics): request threads, compiler, collector.
# Unlike bench/cold.sh (a short run, every request timed alone), this shows the server's steady cost per cold clip.
#   bench/cold-threads.sh                          # 40 pages (440 sections), SPLIT=100, KIND=wav
#   KIND=mp3 bench/cold-threads.sh                 # mp3, phone or wav
#   JAVA_OPTS=-XX:TieredStopAtLevel=4 bench/cold-threads.sh
#   SERVE=1 bench/cold-threads.sh                  # then restarts the server on the cache just filled and asks for
#                                                  # the same clips again: what serving a stored clip the first time
#                                                  # costs (read, checked, sent), against the synthesis it took
# Needs java 17, mvn, curl, python3. Loopback only; temporary files only. Not a test: nothing here can fail a build.
set -euo pipefail
cd "$(dirname "$0")/.."
PAGES=${PAGES:-40}
SPLIT=${SPLIT:-100}
KIND=${KIND:-wav}
PORT=${PORT:-18235}
export JAVA_OPTS=${JAVA_OPTS:-}
case $KIND in mp3|phone|wav) ;; *) echo "bench/cold-threads.sh: KIND is mp3, phone or wav, not $KIND" >&2; exit 2 ;; esac
for tool in java curl python3; do
  command -v "$tool" >/dev/null || { echo "bench/cold-threads.sh needs $tool" >&2; exit 2; }
done
work=$(mktemp -d /tmp/earshot-threads.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
if [ ! -f target/earshot.jar ] || [ -n "$(find src/main pom.xml -newer target/earshot.jar -print -quit)" ]; then
  mvn -q -B -ntp -DskipTests package
fi
python3 bench/library.py "$work/content" "$PAGES" > /dev/null
start_server() { # $1 = cache folder
  bin/earshot serve --no-warm --port "$PORT" --content "$work/content" --audio-cache "$1" > "$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && return 0; sleep 0.5; done
  echo "bench/cold-threads.sh: the server did not start: $(cat "$work/server.log")" >&2; exit 1
}
# The sections, from a throwaway server (its API may queue background work the measured server must not do).
start_server "$work/api-cache"
curl -sf "http://127.0.0.1:$PORT/api/pages.json" | python3 -c '
import json, sys, urllib.request
for page in json.load(sys.stdin)["pages"]:
    for s in json.load(urllib.request.urlopen(page["href"]))["sections"]: print(page["slug"], s["id"])' > "$work/sections.txt"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
start_server "$work/cache"
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ), $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $PAGES pages, $(wc -l < "$work/sections.txt") sections, KIND=$KIND SPLIT=$SPLIT JAVA_OPTS='$JAVA_OPTS'"
python3 - "$PORT" "$server_pid" "$SPLIT" "$KIND" "$work/sections.txt" <<'PY'
import collections, os, re, sys, time, urllib.request
port, pid, split, kind, sections = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
base = "http://127.0.0.1:%d" % port
path = {"wav": "/audio/%s/%s.wav", "mp3": "/audio/%s/%s.mp3", "phone": "/telephony/%s/%s.wav"}[kind]
sections = [tuple(line.split()) for line in open(sections)]
def threads():  # CPU seconds per thread group (digits in names folded), every live thread
    out = collections.Counter()
    for t in os.listdir("/proc/%s/task" % pid):
        try:
            name = open("/proc/%s/task/%s/comm" % (pid, t)).read().strip()
            ns = int(open("/proc/%s/task/%s/schedstat" % (pid, t)).read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            continue
        out[re.sub(r"\d+", "#", name)] += ns / 1e9
    return out
def process():  # the whole process, threads that ended included: (user + system, system) seconds
    fields = open("/proc/%s/stat" % pid).read().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / tick, int(fields[12]) / tick
def synthesis():
    text = urllib.request.urlopen(base + "/metrics").read().decode()
    return float(re.search(r"(?m)^earshot_synthesis_cpu_seconds_total (\S+)$", text).group(1))
for slug, sid in sections[:split]: urllib.request.urlopen(base + path % (slug, sid)).read()
time.sleep(1)
a, p0, s0 = threads(), process(), synthesis()
for slug, sid in sections[split:]: urllib.request.urlopen(base + path % (slug, sid)).read()
time.sleep(1)
b, p1, s1 = threads(), process(), synthesis()
syn = s1 - s0
print("%d cold %s requests after %d: synthesis %.2f s, process %.2f s = %.2fx the synthesis (of which system %.2f s = %.2fx)"
      % (len(sections) - split, kind, split, syn, p1[0] - p0[0], (p1[0] - p0[0]) / syn, p1[1] - p0[1], (p1[1] - p0[1]) / syn))
for name in sorted(b, key=lambda n: -(b[n] - a.get(n, 0))):
    d = b[name] - a.get(name, 0)
    if d >= 0.01: print("  %-24s %7.2f s  %.2fx" % (name, d, d / syn))
open(os.path.join(os.path.dirname(sys.argv[5]), "synthesis.txt"), "w").write("%f" % syn)
PY
if [ -n "${SERVE:-}" ]; then
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
  start_server "$work/cache"
  python3 - "$PORT" "$server_pid" "$SPLIT" "$KIND" "$work/sections.txt" "$(cat "$work/synthesis.txt")" <<'PY'
import os, sys, time, urllib.request
port, pid, split, kind, sections, syn = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], float(sys.argv[6])
base = "http://127.0.0.1:%d" % port
path = {"wav": "/audio/%s/%s.wav", "mp3": "/audio/%s/%s.mp3", "phone": "/telephony/%s/%s.wav"}[kind]
sections = [tuple(line.split()) for line in open(sections)]
def process():
    fields = open("/proc/%s/stat" % pid).read().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / tick, int(fields[12]) / tick
for slug, sid in sections[:split]: urllib.request.urlopen(base + path % (slug, sid)).read()
time.sleep(1)
p0 = process()
for slug, sid in sections[split:]: urllib.request.urlopen(base + path % (slug, sid)).read()
time.sleep(1)
p1 = process()
for slug, sid in sections[split:]: urllib.request.urlopen(base + path % (slug, sid)).read()
time.sleep(1)
p2 = process()
print("the same %d %s clips served from their stored files by a new server (after %d): process %.2f s = %.2fx the synthesis they took (system %.2f s)"
      % (len(sections) - split, kind, split, p1[0] - p0[0], (p1[0] - p0[0]) / syn, p1[1] - p0[1]))
print("and asked again (answered from memory by the fast path): process %.2f s = %.2fx (system %.2f s)"
      % (p2[0] - p1[0], (p2[0] - p1[0]) / syn, p2[1] - p1[1]))
PY
fi
