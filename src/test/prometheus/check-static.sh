#!/usr/bin/env bash
# Checks the monitoring and deployment files without a server: Prometheus configuration and
# alert rules (promtool, including the rule unit tests), the Grafana dashboard's layout,
# datasource and metric names, and the YAML syntax of the Grafana provisioning and compose files.
# Usage: check-static.sh      Exit status: 0 when every check passed, 1 otherwise, 2 when a
# tool is missing (prometheus/promtool: run .ci/install-prometheus).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
cd "$repo" || exit 2
for tool in promtool python3; do
  command -v "$tool" >/dev/null || { echo "check-static: $tool not found (run .ci/install-prometheus)" >&2; exit 2; }
done

passed=0
failed=0
skipped=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
run() {
  local name=$1
  shift
  if "$@" >"$log" 2>&1; then
    echo "ok   $name"
    passed=$((passed + 1))
  else
    echo "FAIL $name:"
    sed 's/^/       /' "$log"
    failed=$((failed + 1))
  fi
}

run "promtool check config config/prometheus/prometheus.yml" \
  promtool check config config/prometheus/prometheus.yml
run "promtool check rules config/prometheus/alerts.yml" \
  promtool check rules config/prometheus/alerts.yml
run "promtool test rules src/test/prometheus/alerts-test.yml" \
  promtool test rules src/test/prometheus/alerts-test.yml
run "promtool check metrics src/test/prometheus/fake-exposition.txt" \
  bash -c 'out=$(promtool check metrics <src/test/prometheus/fake-exposition.txt 2>&1); s=$?; echo "$out"; [ $s -eq 0 ] && [ -z "$out" ]'
run "dashboard lint config/grafana/dashboards/llm-cache.json" \
  python3 "$here/dashboard_check.py" lint --dashboard config/grafana/dashboards/llm-cache.json \
    --datasources config/grafana/provisioning/datasources/prometheus.yml

# YAML syntax. PyYAML is not part of a bare python3; say so instead of passing silently.
yaml_files=(config/grafana/provisioning/datasources/prometheus.yml
            config/grafana/provisioning/dashboards/dashboards.yml docker/compose.yaml)
if python3 -c 'import yaml' 2>/dev/null; then
  for f in "${yaml_files[@]}"; do
    run "YAML syntax of $f" python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$f"
  done
else
  echo "SKIP YAML syntax of ${yaml_files[*]}: python3 has no yaml module"
  skipped=${#yaml_files[@]}
fi

echo "static: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
