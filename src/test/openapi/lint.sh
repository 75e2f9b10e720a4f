#!/usr/bin/env bash
# Lints openapi.yaml with Spectral's spectral:oas ruleset and Redocly's recommended one, both from the
# npm registry at pinned versions, installed on first use under target/openapi-lint. Zero errors is
# the bar for both (warnings are printed, not fatal). Run from anywhere: src/test/openapi/lint.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."

SPECTRAL_VERSION=6.16.3
REDOCLY_VERSION=2.77.0
tools=target/openapi-lint

if [ ! -x "$tools/node_modules/.bin/spectral" ] || [ ! -x "$tools/node_modules/.bin/redocly" ]; then
  echo "installing @stoplight/spectral-cli@$SPECTRAL_VERSION and @redocly/cli@$REDOCLY_VERSION into $tools"
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error \
    "@stoplight/spectral-cli@$SPECTRAL_VERSION" "@redocly/cli@$REDOCLY_VERSION" >/dev/null
fi

echo "== Spectral (spectral:oas)"
"$tools/node_modules/.bin/spectral" lint openapi.yaml --ruleset src/test/openapi/spectral.yaml --fail-severity error

echo "== Redocly (recommended)"
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$tools/node_modules/.bin/redocly" lint openapi.yaml --extends recommended --format stylish
