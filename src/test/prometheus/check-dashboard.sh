#!/usr/bin/env bash
# Proves the shipped Grafana dashboard works against a running llm-cache-server:
#   1. `promtool check metrics` on the server's /actuator/prometheus output: no error, no lint
#      (before and, with --traffic, also after the traffic);
#   2. a real Prometheus (Debian's binary, loopback, free port, temporary data dir, 1 s scrape)
#      scrapes the server and evaluates the shipped alert rules;
#   3. every `expr` of the dashboard, with its template variables filled in, returns data, and
#      every {{label}} its legend names is on every series.
# Prometheus is stopped on exit, whatever happens.
#
# Usage: check-dashboard.sh [options] BASE_URL          e.g. http://127.0.0.1:8080
#   --dashboard FILE     dashboard JSON (default: config/grafana/dashboards/llm-cache.json)
#   --rules FILE         alert rules to load and check for evaluation errors
#                        (default: config/prometheus/alerts.yml; --rules '' for none)
#   --metrics-path PATH  scrape path (default: /actuator/prometheus)
#   --var NAME=VALUE     value of a template variable, e.g. --var namespace=default (default:
#                        the first value the variable's label_values query returns); may repeat
#   --scrapes N          successful scrapes to wait for before querying (default: 5)
#   --traffic CMD        run `bash -c CMD` once the first scrape succeeded, then wait N more
#                        scrapes, so that rates and quantiles see the traffic
#   --strict             also fail an expression whose values are all NaN or Inf
#   --timeout SECONDS    limit for each wait (default: 60)
#   --keep               keep the temporary directory (Prometheus log and data)
# Exit status: 0 all checks passed; 1 a check failed (each failure is listed); 2 usage error or
# a missing tool; 3 Prometheus itself could not be started.
# Needs: bash, curl, python3, and prometheus + promtool (.ci/install-prometheus installs them).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
helper="$here/dashboard_check.py"

dashboard="$repo/config/grafana/dashboards/llm-cache.json"
rules="$repo/config/prometheus/alerts.yml"
metrics_path=/actuator/prometheus
scrapes=5
traffic=""
strict=()
timeout=60
keep=false
vars=()
base_url=""
job=llm-cache-server

usage() { sed -n '2,/^# Needs:/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
need_value() { [ $# -ge 2 ] || { echo "check-dashboard: $1 needs a value" >&2; exit 2; }; }

while [ $# -gt 0 ]; do
  case "$1" in
    --dashboard) need_value "$@"; dashboard=$2; shift 2 ;;
    --rules) need_value "$@"; rules=$2; shift 2 ;;
    --metrics-path) need_value "$@"; metrics_path=$2; shift 2 ;;
    --var) need_value "$@"; vars+=(--var "$2"); shift 2 ;;
    --scrapes) need_value "$@"; scrapes=$2; shift 2 ;;
    --traffic) need_value "$@"; traffic=$2; shift 2 ;;
    --strict) strict=(--strict); shift ;;
    --timeout) need_value "$@"; timeout=$2; shift 2 ;;
    --keep) keep=true; shift ;;
    -h|--help) usage ;;
    -*) echo "check-dashboard: unknown option $1" >&2; usage ;;
    *) [ -z "$base_url" ] || usage; base_url=$1; shift ;;
  esac
done
[ -n "$base_url" ] || usage
[[ "$scrapes" =~ ^[1-9][0-9]*$ && "$timeout" =~ ^[1-9][0-9]*$ ]] || { echo "check-dashboard: --scrapes and --timeout take positive integers" >&2; exit 2; }
[ -f "$dashboard" ] || { echo "check-dashboard: no dashboard at $dashboard" >&2; exit 2; }
[ -z "$rules" ] || [ -f "$rules" ] || { echo "check-dashboard: no rules at $rules" >&2; exit 2; }
for tool in curl python3 prometheus promtool; do
  command -v "$tool" >/dev/null || { echo "check-dashboard: $tool not found (run .ci/install-prometheus)" >&2; exit 2; }
done
base_url=${base_url%/}

failed=0
fail() { echo "FAIL $*"; failed=1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-dashboard.XXXXXX")
prom_pid=""
cleanup() {
  if [ -n "$prom_pid" ] && kill -0 "$prom_pid" 2>/dev/null; then
    kill "$prom_pid" 2>/dev/null
    wait "$prom_pid" 2>/dev/null
  fi
  if $keep; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. The exposition itself, now and (with --traffic) again after the traffic, when the metrics
#    that only exist once something happened (lookups, spend, latency buckets) are there too.
#    Ask for the classic text format: promtool does not read OpenMetrics.
lint_metrics() {
  local when=$1 file="$tmp/metrics-$1.txt"
  echo "== promtool check metrics on $base_url$metrics_path ($when)"
  if ! curl -fsS --max-time 10 -H 'Accept: text/plain;version=0.0.4;q=1,*/*;q=0.1' \
       -o "$file" "$base_url$metrics_path"; then
    fail "could not fetch $base_url$metrics_path"
  elif [ ! -s "$file" ]; then
    fail "$base_url$metrics_path answered with an empty body"
  else
    promtool check metrics <"$file" >"$tmp/promtool.out" 2>&1
    local status=$?
    if [ $status -ne 0 ] || [ -s "$tmp/promtool.out" ]; then
      fail "promtool check metrics (exit $status):"
      sed 's/^/       /' "$tmp/promtool.out"
    else
      echo "ok   $(grep -c '^# TYPE ' "$file") metric families, no problem found"
    fi
  fi
}
lint_metrics before

# 2. A real Prometheus scraping the server.
port=$(python3 "$helper" free-port)
prom="http://127.0.0.1:$port"
rule_args=()
[ -z "$rules" ] || { cp "$rules" "$tmp/rules.yml"; rule_args=(--rules "$tmp/rules.yml"); }
python3 "$helper" scrape-config "$base_url" --metrics-path "$metrics_path" --job "$job" \
  "${rule_args[@]}" >"$tmp/prometheus.yml" || exit 2
promtool check config "$tmp/prometheus.yml" >"$tmp/check-config.out" 2>&1 \
  || { cat "$tmp/check-config.out"; exit 2; }

echo "== Prometheus on $prom scraping $base_url$metrics_path every second"
prometheus --config.file="$tmp/prometheus.yml" --storage.tsdb.path="$tmp/data" \
  --web.listen-address="127.0.0.1:$port" --storage.tsdb.retention.time=1h \
  --log.level=warn >"$tmp/prometheus.log" 2>&1 &
prom_pid=$!

deadline=$((SECONDS + timeout))
until curl -fsS --max-time 2 -o /dev/null "$prom/-/ready" 2>/dev/null; do
  if ! kill -0 "$prom_pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
    echo "Prometheus did not become ready; its log:" >&2
    sed 's/^/    /' "$tmp/prometheus.log" >&2
    exit 3
  fi
  sleep 0.5
done

# Waits until the job has at least $1 successful scrapes; returns 1 on timeout.
wait_scrapes() {
  local want=$1 deadline=$((SECONDS + timeout))
  while [ "$(python3 "$helper" scrapes "$prom" --job "$job")" -lt "$want" ]; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.5
  done
}

if ! wait_scrapes 1; then
  fail "Prometheus could not scrape the server within ${timeout}s:"
  python3 "$helper" target-error "$prom" | sed 's/^/       /'
  echo "check-dashboard: FAILED"
  exit 1
fi
target=$scrapes
if [ -n "$traffic" ]; then
  echo "== traffic: $traffic"
  bash -c "$traffic" || fail "the traffic command failed (exit $?)"
  target=$(( $(python3 "$helper" scrapes "$prom" --job "$job") + scrapes ))
fi
wait_scrapes "$target" || fail "fewer than $target successful scrapes within ${timeout}s"
echo "ok   $(python3 "$helper" scrapes "$prom" --job "$job") successful scrapes"
[ -z "$traffic" ] || lint_metrics after-traffic

if [ -n "$rules" ]; then
  echo "== alert rules evaluated against the scraped data"
  python3 "$helper" rules "$prom" || failed=1
fi

# 3. Every expression of the dashboard.
echo "== dashboard queries: $dashboard"
python3 "$helper" queries "$prom" --dashboard "$dashboard" "${vars[@]}" "${strict[@]}" || failed=1

if [ $failed -ne 0 ]; then
  echo "check-dashboard: FAILED"
  exit 1
fi
echo "check-dashboard: all checks passed"
