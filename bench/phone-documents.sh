#!/usr/bin/env bash
# Sizes of every VoiceXML document and grammar a phone line reaches, from a running server.
# Usage: bench/phone-documents.sh [base-url] [start-document]   (defaults: http://localhost:7070 /ivr.vxml)
# Follows every root-relative .vxml and .grxml named in next="..." or src="..." (not audio); prints bytes and path.
set -euo pipefail
base=${1:-http://localhost:7070}
queue=("${2:-/ivr.vxml}")
declare -A seen
total=0
while ((${#queue[@]})); do
  path=${queue[0]}; queue=("${queue[@]:1}")
  [[ -n ${seen[$path]:-} ]] && continue
  seen[$path]=1
  body=$(curl -fsS "$base$path")
  bytes=$(printf '%s' "$body" | wc -c)
  total=$((total + bytes))
  printf '%8d  %s\n' "$bytes" "$path"
  for next in $(printf '%s' "$body" | grep -oE '(next|src|expr)="[^"#?]*\.(vxml|grxml)' | sed -E 's/^[a-z]+="//'); do
    [[ $next == /* ]] || next="/ivr/$next"
    [[ -z ${seen[$next]:-} ]] && queue+=("$next")
  done
  for next in $(printf '%s' "$body" | grep -oE ":'/[^'#]*\.vxml" | sed -E "s/^:'//"); do
    [[ -z ${seen[$next]:-} ]] && queue+=("$next")
  done
done
echo "total ${total} bytes in ${#seen[@]} files"
