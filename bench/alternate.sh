#!/usr/bin/env bash
# Serving throughput of one or two Earshot builds against nginx, alternating sides round by round (issue 9):
# each round runs every side on each URL back to back, in a rotating order, so a job that starts on this shared
# machine hurts all sides alike. Reports per side and URL the median requests/s with min-max, and each build's
# median ratio to nginx (ratios taken round by round). Loopback only. Needs wrk, nginx, curl, python3.
#   bench/alternate.sh                                   # target/earshot.jar against nginx
#   BEFORE=/tmp/old.jar bench/alternate.sh               # an older build, this build and nginx in one run
#   ROUNDS=5 DURATION=10 bench/alternate.sh
#   PAGE_WAV=1 bench/alternate.sh                        # also the 9 MB page WAV, whole and a 64 KiB Range of it
# A URL may carry one request header after a '|' (e.g. a Range), sent by wrk -H on every request.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-8}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-64}
AFTER=${AFTER:-target/earshot.jar}
BEFORE=${BEFORE:-}
JAVA_OPTS=${JAVA_OPTS:--Xmx128m -XX:+UseSerialGC}
work=$(mktemp -d /tmp/earshot-alt.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

page=what-is-ketamine
urls=("/$page" "/audio/$page/fda-breakthrough-status.wav")
# Reads from disk, each 64 KiB piece checked against its record before it is sent (issue 19): the page WAV whole, and
# a 64 KiB Range in its middle (one piece, or two where the range straddles a boundary: here it is aligned).
if [ -n "${PAGE_WAV:-}" ]; then urls+=("/audio/$page.wav" "/audio/$page.wav|Range: bytes=4194304-4259839"); fi
java -jar "$AFTER" warm --audio-cache "$work/cache-after" > /dev/null
java -jar "$AFTER" export "$work/export" --audio-cache "$work/cache-after" > /dev/null 2>&1

declare -A port
start() { # name jar cache
  local p; p=$(free_port)
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$2" serve --port "$p" --audio-cache "$3" > "$work/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$p${urls[1]}" && break; sleep 0.05; done
  port[$1]=$p
}
sides=(after)
start after "$AFTER" "$work/cache-after"
if [ -n "$BEFORE" ]; then
  java -jar "$BEFORE" warm --audio-cache "$work/cache-before" > /dev/null
  start before "$BEFORE" "$work/cache-before"; sides=(before after)
fi
nport=$(free_port)
cat > "$work/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  sendfile on; tcp_nopush on; access_log off; keepalive_requests 1000000;
  server { listen 127.0.0.1:$nport; root $work/export; location / { try_files \$uri \$uri/index.html =404; } }
}
NGINX
chmod -R a+rX "$work"
nginx -c "$work/nginx.conf"; sleep 0.5
port[nginx]=$nport
sides+=(nginx)
sleep 3 # background warming finds everything cached
fetch() { # side url[|header] seconds
  local path=${2%%|*} header=()
  [ "$path" != "$2" ] && header=(-H "${2#*|}")
  wrk -t2 -c"$CONNECTIONS" -d"$3" "${header[@]}" "http://127.0.0.1:${port[$1]}$path"
}
for s in "${sides[@]}"; do for u in "${urls[@]}"; do fetch "$s" "$u" 2s > /dev/null; done; done
: > "$work/results"
for r in $(seq 1 "$ROUNDS"); do
  for u in "${urls[@]}"; do
    n=${#sides[@]}
    for i in $(seq 0 $((n - 1))); do
      s=${sides[$(( (i + r) % n ))]}
      rps=$(fetch "$s" "$u" "${DURATION}s" | awk '/Non-2xx/ {print "non-2xx: " $0 > "/dev/stderr"} /Requests\/sec/ {print $2}')
      echo "$r $s ${u// /_} $rps" | tee -a "$work/results"
    done
  done
done
python3 - "$work/results" <<'PY'
import sys, statistics, collections
rows = [l.split() for l in open(sys.argv[1])]
by = collections.defaultdict(dict)
for r, side, url, rps in rows: by[(url, side)][r] = float(rps)
urls = sorted({u for _, _, u, _ in rows}, key=lambda u: (u.startswith("/audio"), u))
sides = [s for s in ("before", "after", "nginx") if any(k[1] == s for k in by)]
print("| URL | " + " | ".join(f"{s} req/s median (min-max)" for s in sides) + " | " + " | ".join(f"{s} / nginx median (min-max)" for s in sides if s != "nginx") + " |")
print("|---" * (len(sides) * 2) + "|")
for u in urls:
    cells = []
    for s in sides:
        v = list(by[(u, s)].values()); cells.append(f"{statistics.median(v):,.0f} ({min(v):,.0f}-{max(v):,.0f})")
    for s in sides:
        if s == "nginx": continue
        ratios = [by[(u, s)][r] / by[(u, "nginx")][r] for r in by[(u, s)]]
        cells.append(f"{statistics.median(ratios):.2f}x ({min(ratios):.2f}-{max(ratios):.2f})")
    print(f"| `{u}` | " + " | ".join(cells) + " |")
PY
