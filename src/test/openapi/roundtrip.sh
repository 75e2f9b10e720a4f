#!/usr/bin/env bash
# Starts the packaged jar (target/llm-cache-server.jar, built by ./mvnw verify or package) on a free
# loopback port with a temporary data directory, then runs the generated-client round trip of
# src/test/openapi/client-roundtrip against it, and stops the server.
set -euo pipefail
cd "$(dirname "$0")/../../.."

jar=target/llm-cache-server.jar
[ -f "$jar" ] || { echo "no $jar: build it first with ./mvnw -B package -DskipTests" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/llmcache-roundtrip.XXXXXX")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -jar "$jar" --server.address=127.0.0.1 --server.port="$port" --cache.data-dir="$tmp/data" >"$tmp/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$tmp"' EXIT
deadline=$((SECONDS + 180))
until curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$port/actuator/health" 2>/dev/null; do
  if ! kill -0 "$server" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
    echo "the server did not start; its log:" >&2
    tail -n 40 "$tmp/server.log" >&2
    exit 1
  fi
  sleep 0.5
done
./mvnw -B -f src/test/openapi/client-roundtrip/pom.xml verify -Dllmcache.url="http://127.0.0.1:$port"
