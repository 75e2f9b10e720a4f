#!/usr/bin/env bash
# Soak test (not in CI): the packaged server under the 90 % hit / 10 % store mix for a fixed time,
# with its heap after a full GC, resident memory, open files and threads sampled into a CSV at a
# fixed interval; at the end a summary and a trend check (src/bench/soak/trend.py): exit status 1
# when a figure rises beyond the noise over the second half of the run.
#
#   src/bench/soak/run-soak.sh                              # 30 minutes, a sample a minute
#   src/bench/soak/run-soak.sh --duration 3m --interval 20s # a short check
#
# Options: --duration D (30m), --interval I (60s; s/m/h suffixes), --keys N (entries stored before
# the run and hit, 2000), --connections C (8), --threads T (2), --rate R (requests/s over all
# connections, 0 = as fast as the server answers; default 400), --heap H (-Xmx of the server, 512m),
# --out FILE (target/soak/soak-<time>.csv). Needs Java 17+ (jcmd), Python 3 and wrk (installed
# with apt-get when missing).
set -euo pipefail

duration=30m interval=60s keys=2000 connections=8 threads=2 rate=400 heap=512m out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --interval) interval=$2; shift 2 ;;
    --keys) keys=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --heap) heap=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
seconds() {
  local value=$1
  case "$value" in
    *h) echo $(( ${value%h} * 3600 )) ;;
    *m) echo $(( ${value%m} * 60 )) ;;
    *s) echo "${value%s}" ;;
    *) echo "$value" ;;
  esac
}
total=$(seconds "$duration")
step=$(seconds "$interval")

cd "$(dirname "$0")/../../.."
root=$(pwd)
jar="$root/target/llm-cache-server.jar"
mkdir -p "$root/target/soak"
out=${out:-$root/target/soak/soak-$(date -u +%Y%m%dT%H%M%SZ).csv}

if ! command -v wrk > /dev/null; then
  apt-get update -qq && apt-get install -y -qq wrk
fi
if [[ ! -f "$jar" ]] || [[ -n "$(find src/main pom.xml config -newer "$jar" -type f 2>/dev/null | head -1)" ]]; then
  echo "building $jar ..."
  ./mvnw -B -q -DskipTests package
fi

work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java "-Xmx$heap" -jar "$jar" --server.address=127.0.0.1 --server.port="$port" --cache.data-dir="$work/data" \
  > "$work/server.log" 2>&1 &
server=$!
loader=""
cleanup() {
  [[ -n "$loader" ]] && kill "$loader" 2>/dev/null || true
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  cp "$work/server.log" "${out%.csv}.server.log" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "$base/actuator/health" && break
  sleep 1
done

echo "storing $keys entries to hit ..."
python3 - "$base" "$keys" > "$work/keys.txt" <<'PY'
import http.client, json, sys, urllib.parse
url, count = urllib.parse.urlsplit(sys.argv[1]), int(sys.argv[2])
connection = http.client.HTTPConnection(url.hostname, url.port)
for i in range(count):
    body = json.dumps({"cacheType": "refactor", "repoPath": "/soak", "filePath": "src/k%d.rs" % i,
                       "content": "fn k() { %d }" % i, "provider": "xai", "model": "grok-beta", "tokensUsed": 1000,
                       "result": {"score": i % 100, "notes": ["soak", "x" * (i % 2000)]}})
    connection.request("POST", "/api/v1/entries", body, {"Content-Type": "application/json", "X-Cache-Namespace": "soak"})
    response = connection.getresponse()
    print(json.loads(response.read())["cacheKey"])
PY

# Warm-up is part of the run: the trend check judges the second half only.
KEYS_FILE="$work/keys.txt" RATE="$rate" CONNECTIONS="$connections" \
  wrk -t"$threads" -c"$connections" -d"$((total + 5))s" --timeout 10s -s src/bench/soak/mix.lua --latency "$base" \
  > "$work/wrk.txt" 2>&1 &
loader=$!

echo "time,elapsed_s,heap_used_after_gc_kb,rss_kb,open_fds,threads,requests" > "$out"
requests() {
  curl -fs "$base/actuator/prometheus" | awk '/^http_server_requests_seconds_count/ { sum += $NF } END { printf "%d", sum }'
}
sample() {
  jcmd "$server" GC.run > /dev/null
  local heap rss fds threads
  heap=$(jcmd "$server" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+')
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$server/status")
  threads=$(awk '/^Threads:/ { print $2 }' "/proc/$server/status")
  fds=$(ls "/proc/$server/fd" | wc -l)
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ),$1,$heap,$rss,$fds,$threads,$(requests)" | tee -a "$out"
}
echo "soak: $duration at ${rate:-max} requests/s ($connections connections), a sample every ${step}s into $out"
start=$(date +%s)
elapsed=0
while (( elapsed <= total )); do
  sample "$elapsed"
  sleep "$step"
  elapsed=$(( $(date +%s) - start ))
done

wait "$loader" || true
loader=""
echo
cat "$work/wrk.txt"
echo
errors=$(grep -ac ' ERROR ' "$work/server.log" || true)
echo "server log: $errors ERROR lines"
python3 src/bench/soak/trend.py "$out"
