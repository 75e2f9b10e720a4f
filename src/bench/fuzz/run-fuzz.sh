#!/usr/bin/env bash
# Runs the hostile-input fuzzer against the packaged jar, end to end:
#   builds target/llm-cache-server.jar when it is missing or older than the sources, starts it on a
#   free loopback port with a fresh data directory, runs src/bench/fuzz/fuzz.py (arguments are passed
#   on: --requests N, --seed S, ...), stops the server, and reads its log: ERROR lines and stack
#   traces are counted ("errors cost little": a refused request logs at most one DEBUG/WARN line).
# Exit status: non-zero when the fuzzer found a failure or the log has an ERROR line.
#
#   src/bench/fuzz/run-fuzz.sh                    # 5,000 requests, seed 1
#   src/bench/fuzz/run-fuzz.sh --requests 20000 --seed 7
#
# Needs Java 17+ and Python 3 (standard library only). The server log and the fuzzer's output are
# kept in target/fuzz/.
set -euo pipefail

cd "$(dirname "$0")/../../.."
root=$(pwd)
jar="$root/target/llm-cache-server.jar"
out="$root/target/fuzz"
mkdir -p "$out"

if [[ ! -f "$jar" ]] || [[ -n "$(find src/main pom.xml config -newer "$jar" -type f 2>/dev/null | head -1)" ]]; then
  echo "building $jar ..."
  ./mvnw -B -q -DskipTests package
fi

work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# A small legacy cache inside the allowed roots, so that some migrations really run.
mkdir -p "$work/legacy"
cp -r src/test/resources/legacy/centralized "$work/legacy/"

java -Xmx512m -jar "$jar" --server.address=127.0.0.1 --server.port="$port" --cache.data-dir="$work/data" \
  --cache.migration.allowed-roots="$work/legacy" > "$out/server.log" 2>&1 &
server=$!
stop() {
  if kill -0 "$server" 2>/dev/null; then
    kill "$server"
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop EXIT

for _ in $(seq 1 120); do
  if curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health"; then
    break
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    echo "the server did not start; see $out/server.log" >&2
    exit 2
  fi
  sleep 1
done

status=0
python3 src/bench/fuzz/fuzz.py --url "http://127.0.0.1:$port" --migration-source "$work/legacy/centralized" "$@" \
  | tee "$out/fuzz.txt" || status=$?
stop
trap - EXIT

log="$out/server.log"
errors=$(grep -ac ' ERROR ' "$log" || true)
warnings=$(grep -ac ' WARN ' "$log" || true)
traces=$(grep -acE '^\s+at [a-zA-Z]' "$log" || true)
echo
echo "server log: $log ($(wc -c < "$log") bytes): $errors ERROR lines, $warnings WARN lines, $traces stack-trace lines"
if [[ "$errors" -gt 0 ]]; then
  echo "exceptions behind the ERROR lines:"
  grep -a -A2 ' ERROR ' "$log" | grep -aoE '^[a-zA-Z_.$]+(Exception|Error)[^ ]*( [^(]{0,100})?' | sort | uniq -c | sort -rn
  status=1
fi
exit "$status"
