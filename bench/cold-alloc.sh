#!/usr/bin/env bash
# Cold clip allocation (issue 23): per cold request, the bytes every server thread allocated, the process CPU and the
# collections, in a server wired as `earshot serve` wires it, under the launcher's JVM settings for a small site (C1
# only, serial collector, 72 MB), for each build's jar given, alternating ROUNDS times; and whether every body was the
# same bytes in every build (SHA-256 per request). src/test/java/app/earshot/bench/ColdAllocationBench.java is
# compiled against each jar.
#   bench/cold-alloc.sh target/earshot.jar /tmp/before/target/earshot.jar
#   PAGES=2 KINDS=wav,mp3,phone ROUNDS=1 JFR=1 bench/cold-alloc.sh target/earshot.jar    # JFR=1 keeps a recording per run
# Needs java 17, javac and python3. Not a test: nothing here can fail a build.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-1}
PAGES=${PAGES:-2}
KINDS=${KINDS:-wav,mp3}
[ $# -ge 1 ] || { echo "usage: bench/cold-alloc.sh JAR [JAR...]" >&2; exit 2; }
work=$(mktemp -d /tmp/earshot-alloc.XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ), kinds $KINDS, $PAGES pages"
python3 bench/library.py "$work/content" "$PAGES" > /dev/null
n=0
for round in $(seq 1 "$ROUNDS"); do
  for jar in "$@"; do
    n=$((n + 1))
    out="$work/classes$(echo "$jar" | tr / _)"
    [ -d "$out" ] || { mkdir -p "$out"; javac -nowarn -cp "$jar" -d "$out" src/test/java/app/earshot/bench/ColdAllocationBench.java; }
    jfr=""
    [ -z "${JFR:-}" ] || jfr="-XX:StartFlightRecording=settings=profile,filename=$work/run$n.jfr"
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms32m -Xmx72m -Xss512k $jfr -cp "$jar:$out" \
      app.earshot.bench.ColdAllocationBench "$work/content" "$work/cache$n" "$KINDS" 2>/dev/null | grep -v "INFO\|^\[" > "$work/run$n.tsv"
    echo "$jar" > "$work/run$n.jar"
    echo "-- $jar, round $round (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  done
done
python3 - "$work" "$n" <<'PY'
import statistics, sys
work, n = sys.argv[1], int(sys.argv[2])
bodies = {}
for i in range(1, n + 1):
    jar = open("%s/run%d.jar" % (work, i)).read().strip()
    rows = [l.rstrip("\n").split("\t") for l in open("%s/run%d.tsv" % (work, i))][1:]
    rows = [dict(page=int(r[0]), kind=r[1], order=int(r[2]), alloc=int(r[3]), cpu=float(r[4]), young=int(r[5]),
                 full=int(r[6]), sha=r[7], syn=float(r[8])) for r in rows]
    bodies.setdefault(jar, []).append([r["sha"] for r in rows])
    for kind in sorted(set(r["kind"] for r in rows)):
        for order, label in ((0, "cold"), (1, "second")):
            rr = [r for r in rows if r["kind"] == kind and r["order"] == order and r["page"] > 1]
            if not rr: continue
            ratio = ""
            if order == 0 and all(r["syn"] > 0 for r in rr):
                ratio = "; CPU / synthesis: median %.2fx, sum over sum %.2fx" % (
                    statistics.median(r["cpu"] / r["syn"] for r in rr), sum(r["cpu"] for r in rr) / sum(r["syn"] for r in rr))
            print("%-40s %-5s %-6s %3d requests after page 1: allocated median %6.2f MB, mean %6.2f MB; CPU median %.3f s; collections young %d, full %d%s"
                  % (jar, kind, label, len(rr), statistics.median(r["alloc"] for r in rr) / 1e6,
                     statistics.mean(r["alloc"] for r in rr) / 1e6, statistics.median(r["cpu"] for r in rr),
                     sum(r["young"] for r in rr), sum(r["full"] for r in rr), ratio))
    print("%-40s all %d requests: young %d, full %d collections" % (jar, len(rows), sum(r["young"] for r in rows), sum(r["full"] for r in rows)))
runs = [s for v in bodies.values() for s in v]
print("== every body the same bytes in every run: %s (%d requests a run)" % (all(r == runs[0] for r in runs), len(runs[0])))
PY
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
