#!/usr/bin/env bash
# What SQLite itself spends on a store's rows, and how much of it the statistics trigger takes.
#
#   src/bench/storage/insert-cost.sh [stores=20000] [group=64]
#
# Starts the packaged jar once on a fresh data directory (so that Flyway makes today's schema), stops
# it, then, with Python's sqlite3 on copies of that database (WAL, synchronous=FULL as the server runs):
# inserts `stores` entries with their results in transactions of `group` (a group commit's size at 64
# connections), and prints the CPU per store of the entry's insert, the result's insert and the commit:
# with the trigger that keeps type_stats and model_stats and without it; then each store under a
# savepoint of its own, as the server's group commit runs them, with the savepoints' journals in
# temporary files (SQLite's default) and in memory (temp_store=MEMORY, the server's writer since change
# 19). Each variant twice, in turn. SQLite's own cost only: the server's JDBC and Spring layers come on
# top (docs/performance.md, changes 15-19).
# Builds target/llm-cache-server.jar first when it is missing (./mvnw -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/../../.."

stores=${1:-20000}
group=${2:-64}
jar=target/llm-cache-server.jar
work=$(mktemp -d /tmp/llmcache-insert-cost.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [[ ! -f $jar ]]; then
    ./mvnw -q -DskipTests package
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/cwd"
(cd "$work/cwd" && exec java -jar "$OLDPWD/$jar" --server.port="$port" --cache.data-dir="$work/data") > "$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness" && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
    sleep 1
done
kill "$pid"; wait "$pid" 2>/dev/null || true

python3 - "$work/data/cache.db" "$stores" "$group" <<'PY'
import os, random, shutil, sqlite3, sys, time

source, stores, group = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
INSERT = """INSERT INTO entries (namespace_id, cache_key, cache_type_id, repo_path_id, file_path, file_hash,
    provider_id, model_id, prompt_hash, schema_version, tokens_used, input_tokens, output_tokens, cost_nanos,
    file_size, result_bytes, stored_bytes, result_etag, created_at, last_accessed_at, eviction_priority)
    VALUES (1, ?, 2, 3, ?, ?, 4, 5, '', 1, 1000, 500, 500, 12345, 2000, 2048, 900, ?, ?, ?, 0.5)
    ON CONFLICT (namespace_id, cache_key) DO NOTHING RETURNING id"""

def run(trigger, savepoints=False, memory=False):
    path = source + ".copy"
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    shutil.copy(source, path)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    if not trigger:
        db.execute("DROP TRIGGER entries_stats_insert")
    if memory:
        db.execute("PRAGMA temp_store = MEMORY")
    rnd = random.Random(1)
    entry = result = commit = 0.0
    done = 0
    while done < stores:
        db.execute("BEGIN IMMEDIATE")
        for k in range(group):
            t = time.process_time()
            if savepoints:
                db.execute("SAVEPOINT s%d" % k)
            row = db.execute(INSERT, (rnd.randbytes(32), "src/f%d.rs" % done, rnd.randbytes(32), rnd.randbytes(16),
                                      1700000000000 + done, 1700000000000 + done)).fetchone()[0]
            u = time.process_time()
            db.execute("INSERT INTO entry_results (entry_id, result) VALUES (?, ?)", (row, rnd.randbytes(900)))
            if savepoints:
                db.execute("RELEASE s%d" % k)
            result += time.process_time() - u
            entry += u - t
            done += 1
        t = time.process_time()
        db.execute("COMMIT")
        commit += time.process_time() - t
    db.close()
    name = ("savepoints, " + ("journals in memory" if memory else "journals in files")) if savepoints \
        else ("with the trigger" if trigger else "without the trigger")
    print("%-33s entry %5.1f us   result %5.1f us   commit %5.1f us   (CPU per store, %d stores in groups of %d)"
          % (name, 1e6 * entry / stores, 1e6 * result / stores, 1e6 * commit / stores, stores, group))

for _ in range(2):
    run(True)
    run(False)
for _ in range(2):
    run(True, savepoints=True)
    run(True, savepoints=True, memory=True)
PY
