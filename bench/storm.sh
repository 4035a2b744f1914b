#!/usr/bin/env bash
# Cache-miss storm (issue 10): SECONDS (default 60) of CONCURRENCY (default 100) concurrent requests for audio that
# is not cached yet, over mixed formats and speeds (section and whole-page WAV/MP3/VTT at three speeds, telephone
# u-law/A-law, EPUB), against the server started as the README starts it, with an empty cache. Reports status
# counts, p50/p99 wait, 503s with Retry-After, page latency during the storm and peak resident memory (VmHWM).
# Loopback only. Needs python3 and curl.
#   bench/storm.sh                                    # the README's run command (bin/earshot serve)
#   SERVER="java -jar target/earshot.jar" bench/storm.sh   # any other way of starting it (gets "serve ..." appended)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_=${SECONDS_:-60}
CONCURRENCY=${CONCURRENCY:-100}
COPIES=${COPIES:-20}
PORT=${PORT:-18180}
SERVER=${SERVER:-bin/earshot}
work=$(mktemp -d /tmp/earshot-storm.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
[ -f target/earshot.jar ] || mvn -q -DskipTests package

# COPIES editions of the bundled page, each section's words changed, so every URL below is a cache miss.
mkdir -p "$work/content/pages"
cp content/site.yaml "$work/content/"
[ -f content/lexicon.pls ] && cp content/lexicon.pls "$work/content/"
for page in content/pages/*.md; do
  slug=$(basename "$page" .md)
  for n in $(seq 1 "$COPIES"); do
    awk -v n="$n" 'BEGIN{fm=0} /^---$/{fm++; print; if (fm==2) print "\nEdition " n "."; next}
      fm>=2 && /^## /{print; print ""; print "Edition " n " of this section."; next} {print}' "$page" > "$work/content/pages/$slug-$n.md"
  done
done

# shellcheck disable=SC2086
$SERVER serve --port "$PORT" --content "$work/content" --audio-cache "$work/cache" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done
# The launcher may exec java or run it as a child: measure the java process.
java_pid=$(pgrep -P "$server_pid" java || echo "$server_pid")

python3 - "$PORT" > "$work/urls.txt" <<'PY'
import random, re, sys, urllib.request
port = sys.argv[1]
home = urllib.request.urlopen(f"http://127.0.0.1:{port}/").read().decode()
slugs = sorted(set(re.findall(r'href="/([a-z0-9-]+)"', home)))
urls = []
for slug in slugs:
    html = urllib.request.urlopen(f"http://127.0.0.1:{port}/{slug}").read().decode()
    # Section ids: every /{slug}/{id} link but the page's transcript.
    ids = sorted(set(re.findall(rf'href="/{slug}/([a-z0-9-]+)"', html)) - {"transcript"})
    for speed in ("", ".slower", ".faster"):
        urls += [f"/audio/{slug}{speed}.mp3", f"/audio/{slug}{speed}.wav"]
        for i in ids:
            urls += [f"/audio/{slug}/{i}{speed}.{fmt}" for fmt in ("mp3", "wav", "vtt")]
    for i in ids:
        urls += [f"/telephony/{slug}/{i}.ulaw", f"/telephony/{slug}/{i}.alaw"]
    urls.append(f"/{slug}.epub")
random.seed(1)
random.shuffle(urls)
print("\n".join(urls))
PY
echo "storm: $(wc -l < "$work/urls.txt") distinct uncached URLs over $COPIES pages; server pid $java_pid; $SERVER" >&2
python3 bench/storm.py "$PORT" "$java_pid" "$work/urls.txt" "$SECONDS_" "$CONCURRENCY" "/"
grep -c " ERROR " "$work/server.log" | sed 's/^/server log ERROR lines: /' >&2 || true
grep -c "OutOfMemoryError" "$work/server.log" | sed 's/^/OutOfMemoryError mentions: /' >&2 || true
