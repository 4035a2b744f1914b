#!/usr/bin/env bash
# How long test classes take, each run alone from an empty shared audio cache and without the npm tools the web tests
# install under target/ (spectral, partytime), as on a clean clone, one line each:
#   bench/test-times.sh TelephonyRoutesTest ReloadSnapshotTest
# prints the class time surefire records, the wall time of the Maven run, and the load average when it finished.
# The machine's load changes these figures several times over: compare runs made under the same load.
set -uo pipefail
cd "$(dirname "$0")/.."
for c in "$@"; do
  rm -rf target/test-audio-cache target/spectral target/partytime
  start=$(date +%s)
  mvn -B -ntp -q test -Dtest="$c" > "target/test-times-$c.log" 2>&1
  rc=$?
  end=$(date +%s)
  report=$(ls target/surefire-reports/TEST-*."$c".xml 2>/dev/null | head -1)
  seconds=$(grep -o '<testsuite [^>]*' "$report" 2>/dev/null | grep -o ' time="[^"]*"' | head -1 | tr -dc '0-9.')
  echo "$c: exit $rc, class ${seconds:-?} s, wall $((end - start)) s, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%H:%M) UTC"
done
