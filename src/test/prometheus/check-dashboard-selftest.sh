#!/usr/bin/env bash
# Tests check-dashboard.sh against a fake server: fake-exposition.txt (every contract metric, as
# Micrometer writes them) served by python3's http.server at /actuator/prometheus. The checker
# must pass on the fixture and fail, naming the cause, when the fixture is broken.
# Usage: check-dashboard-selftest.sh      Exit status: 0 when every case behaved as expected.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
check="$here/check-dashboard.sh"
fixture="$here/fake-exposition.txt"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-dashboard-selftest.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$tmp/www/actuator"
served="$tmp/www/actuator/prometheus"
port=$(python3 "$here/dashboard_check.py" free-port)
base="http://127.0.0.1:$port"
python3 -m http.server --bind 127.0.0.1 --directory "$tmp/www" "$port" >"$tmp/http.log" 2>&1 &
server_pid=$!
cp "$fixture" "$served"
for _ in $(seq 1 50); do curl -fsS -o /dev/null "$base/actuator/prometheus" 2>/dev/null && break; sleep 0.2; done

passed=0
failed=0
# expect NAME WANTED_EXIT PATTERN_IN_OUTPUT -- checker arguments...
expect() {
  local name=$1 want=$2 pattern=$3
  shift 4
  "$check" "$@" >"$tmp/out.txt" 2>&1
  local got=$?
  if [ "$got" -eq "$want" ] && grep -qE -- "$pattern" "$tmp/out.txt"; then
    echo "ok   $name (exit $got)"
    passed=$((passed + 1))
  else
    echo "FAIL $name: wanted exit $want and output matching /$pattern/, got exit $got:"
    sed 's/^/       /' "$tmp/out.txt"
    failed=$((failed + 1))
  fi
}
serve() { cp "$1" "$served"; }

# Adds to every counter, histogram bucket, count and sum: traffic as Prometheus would see it.
bump="python3 - '$served' <<'PY'
import re, sys
path = sys.argv[1]
out = []
for line in open(path):
    m = re.match(r'^([a-z_]+)(\{[^}]*\})? (\S+)$', line.strip())
    if m and re.search(r'_(total|bucket|count|sum)$', m.group(1)):
        step = 0.05 if m.group(1).endswith('_sum') else 10
        line = f'{m.group(1)}{m.group(2) or \"\"} {float(m.group(3)) + step}\n'
    out.append(line)
open(path, 'w').writelines(out)
PY"

expect "fixture passes" 0 "dashboard: [0-9]+ passed, 0 failed" -- "$base"

expect "NaN-only results fail with --strict when nothing moved" 1 "only NaN/Inf values" -- \
  --strict --scrapes 2 "$base"

serve "$fixture"
expect "--strict passes once traffic moved the counters" 0 "dashboard: [0-9]+ passed, 0 failed" -- \
  --strict --scrapes 3 --traffic "$bump" "$base"

grep -v 'llmcache_evicted_bytes_total' "$fixture" >"$tmp/no-evicted-bytes.txt"
serve "$tmp/no-evicted-bytes.txt"
expect "a missing metric fails its expression" 1 \
  "FAIL \[Evicted bytes per minute\] .*llmcache_evicted_bytes_total" -- --scrapes 2 "$base"

grep -v '^# HELP llmcache_entries' "$fixture" >"$tmp/no-help.txt"
serve "$tmp/no-help.txt"
expect "a promtool lint warning fails" 1 "llmcache_entries no help text" -- --scrapes 2 "$base"

sed 's/^llmcache_evictions_total{policy=/llmcache_evictions_total{eviction_policy=/' "$fixture" >"$tmp/renamed-label.txt"
serve "$tmp/renamed-label.txt"
expect "a renamed label fails the legend that uses it" 1 "legend uses \{\{policy\}\}" -- --scrapes 2 "$base"

sed 's/^llmcache_entries{\(.*\),namespace="[^"]*"}/llmcache_entries{\1}/' "$fixture" >"$tmp/no-namespace.txt"
serve "$tmp/no-namespace.txt"
expect "a template variable without values fails" 1 "variable \\\$namespace: .* returned no values" -- \
  --scrapes 2 "$base"

serve "$fixture"
expect "--var picks the namespace" 0 'llmcache_budget_used_ratio\{namespace=~"team-a"\}' -- \
  --scrapes 2 --var namespace=team-a "$base"

dead_port=$(python3 "$here/dashboard_check.py" free-port)
expect "an unreachable server fails" 1 "could not fetch" -- --scrapes 2 --timeout 5 "http://127.0.0.1:$dead_port"

expect "a bad option is a usage error" 2 "unknown option" -- --no-such-option "$base"

echo "selftest: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
