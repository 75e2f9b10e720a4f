#!/usr/bin/env bash
# How long the dictionary job takes to re-compress an upgraded cache: every frame stored without a
# dictionary, as a cache made before dictionaries (or with them off) holds.
#
#   src/bench/storage/recompress.sh [entries=40000] [jar=target/llm-cache-server.jar] [workDir=/tmp/llmcache-recompress]
#
# Generates the legacy corpus of footprint.sh (LegacyCacheGenerator, seed 42, results of 512-2048
# bytes, 20 repositories, one namespace, four cache types), migrates it offline with dictionaries
# off, then starts the server on that data directory with the job every 5 s and waits until the job
# says it has re-compressed every kind (the log's "Re-compressed N frames ... in T ms" lines; at most
# 20 minutes). Prints those lines, the frames re-compressed and the time from the first training to
# the last kind done, then stops the server. Two jars side by side: run it once with each.
set -euo pipefail
cd "$(dirname "$0")/../../.."

entries=${1:-40000}
jar=${2:-target/llm-cache-server.jar}
work=${3:-/tmp/llmcache-recompress}

if [[ ! -f $jar ]]; then
    ./mvnw -q -DskipTests package
fi
if [[ ! -f $work/legacy-$entries.done ]]; then
    rm -rf "$work"
    mkdir -p "$work"
    ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=dev.llmcache.migration.bench.LegacyCacheGenerator \
        -Dbench.args="$work/legacy $entries 42 512-2048 20"
    touch "$work/legacy-$entries.done"
fi
rm -rf "$work/data" "$work/server.log"
echo "migrating $entries legacy entries with dictionaries off"
java -Xmx1g -jar "$jar" migrate --source "$work/legacy" --cache.data-dir="$work/data" --logging.level.root=WARN \
    --cache.compression.dictionary.enabled=false | grep -E "Migrated|Failed" || true

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "starting $jar on port $port, the dictionary job every 5 s"
java -Xmx256m -jar "$jar" --server.port="$port" --cache.data-dir="$work/data" \
    --cache.compression.dictionary.interval=PT5S > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT

kinds=4
deadline=$((SECONDS + 1200))
while (( SECONDS < deadline )); do
    done_kinds=$(grep -s -c "Re-compressed .* frames of .*dictionary in [0-9]* ms" "$work/server.log" || true)
    if (( done_kinds >= kinds )); then break; fi
    if ! kill -0 $server 2>/dev/null; then echo "the server stopped:"; tail -20 "$work/server.log"; exit 1; fi
    sleep 2
done
grep -E "Trained zstd dictionary|Re-compressed" "$work/server.log" | sed -E 's/^([^ ]+) .*DictionaryJob *: /\1 /'
python3 - "$work/server.log" <<'EOF'
import re, sys
from datetime import datetime
first = last = None
frames = 0
for line in open(sys.argv[1]):
    stamp = line.split(' ', 1)[0]
    if 'Trained zstd dictionary' in line and first is None:
        first = datetime.fromisoformat(stamp.replace('Z', '+00:00'))
    m = re.search(r'Re-compressed (\d+) frames .* in (\d+) ms', line)
    if m:
        frames += int(m.group(1))
        last = datetime.fromisoformat(stamp.replace('Z', '+00:00'))
if first and last:
    seconds = (last - first).total_seconds()
    print(f"re-compressed {frames} frames in {seconds:.1f} s from the first training to the last kind done "
          f"({frames / max(seconds, 0.001):.0f} frames/s)")
else:
    print("the job did not finish in time")
EOF
