#!/usr/bin/env bash
# What the cache takes on disk after an offline migration of a legacy corpus, against the corpus's JSON.
#
#   src/bench/storage/footprint.sh [entries=40000] [resultBytes=512-2048] [repos=20] [workDir=/tmp/llmcache-footprint]
#
# Generates the corpus with the repository's LegacyCacheGenerator (seed 42: the same corpus every time),
# migrates it with the packaged jar's `migrate` command into a fresh SQLite data directory (and, when
# FOOTPRINT_POSTGRES_URL is set, into a fresh schema of that PostgreSQL database too), then prints the
# JSON's bytes beside `du` of the data directory (the server has stopped: the WAL is checkpointed away)
# and, for PostgreSQL, the schema's relations with their indices and TOAST.
# The command compacts a first import by default (the database rewritten tightly packed after the import), so the
# fresh data directory is compacted; FOOTPRINT_COMPACT=0 migrates with `migrate --no-compact` (the import as written),
# FOOTPRINT_COMPACT=1 with `migrate --compact` (for jars built before 7 December 2026, which compacted only when asked).
# FOOTPRINT_JAR=path migrates with that jar (to size two builds side by side on one corpus); FOOTPRINT_LEGACY=dir
# takes the corpus already generated there (by an earlier run: <workDir>/legacy) instead of generating it.
# Builds target/llm-cache-server.jar first when it is missing and no jar is given (./mvnw -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/../../.."

entries=${1:-40000}
results=${2:-512-2048}
repos=${3:-20}
work=${4:-/tmp/llmcache-footprint}
jar=${FOOTPRINT_JAR:-target/llm-cache-server.jar}
compact=()
case ${FOOTPRINT_COMPACT:-} in
    0) compact=(--no-compact) ;;
    1) compact=(--compact) ;;
esac

if [[ ! -f $jar ]]; then
    ./mvnw -q -DskipTests package
fi
rm -rf "$work"
mkdir -p "$work"
legacy=${FOOTPRINT_LEGACY:-$work/legacy}
if [[ -z ${FOOTPRINT_LEGACY:-} ]]; then
    ./mvnw -q -Pbench test-compile exec:exec -Dbench.main=dev.llmcache.migration.bench.LegacyCacheGenerator \
        -Dbench.args="$legacy $entries 42 $results $repos"
fi

json=$(find "$legacy" -type f -name '*.json' -printf '%s\n' | awk '{s += $1} END {print s}')
legacy_du=$(du -s --block-size=1 "$legacy" | cut -f1)

echo
echo "== SQLite =="
java -Xmx1g -jar "$jar" migrate --source "$legacy" "${compact[@]}" --cache.data-dir="$work/data" --logging.level.root=WARN \
    | grep -E "Source size|Destination size|Space saved|Migrated|Failed"
data_apparent=$(du -s --apparent-size --block-size=1 "$work/data" | cut -f1)
data_blocks=$(du -s --block-size=1 "$work/data" | cut -f1)

report() { # label bytes
    awk -v label="$1" -v bytes="$2" -v json="$json" \
        'BEGIN {printf "%-44s %12d bytes %8.1f MiB %6.1f %% of the JSON\n", label, bytes, bytes / 1048576, 100 * bytes / json}'
}
echo
report "legacy JSON files (sum of sizes)" "$json"
report "legacy directory, du" "$legacy_du"
report "SQLite data directory, du --apparent-size" "$data_apparent"
report "SQLite data directory, du (blocks)" "$data_blocks"
ls -l "$work/data"

if [[ -n ${FOOTPRINT_POSTGRES_URL:-} ]]; then
    echo
    echo "== PostgreSQL =="
    schema="footprint_$(date +%s)"
    psql_url=${FOOTPRINT_PSQL:-postgresql://postgres@127.0.0.1:5432/test}
    psql -q "$psql_url" -c "CREATE SCHEMA $schema"
    sep='?'; [[ $FOOTPRINT_POSTGRES_URL == *\?* ]] && sep='&'
    java -Xmx1g -jar "$jar" migrate --source "$legacy" "${compact[@]}" --cache.data-dir="$work/pgdata" \
        --spring.datasource.url="$FOOTPRINT_POSTGRES_URL${sep}currentSchema=$schema" \
        --spring.flyway.schemas="$schema" --spring.flyway.default-schema="$schema" --logging.level.root=WARN \
        | grep -E "Source size|Destination size|Space saved|Migrated|Failed"
    psql -q "$psql_url" -c "CHECKPOINT" 2>/dev/null || true
    pg=$(psql -qtA "$psql_url" -c "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c
        WHERE c.relkind = 'r' AND c.relnamespace = '$schema'::regnamespace")
    report "PostgreSQL schema (tables, indices, TOAST)" "$pg"
    psql -q "$psql_url" -c "SELECT c.relname, pg_size_pretty(pg_total_relation_size(c.oid)) AS total,
        pg_size_pretty(pg_indexes_size(c.oid)) AS indices FROM pg_class c
        WHERE c.relkind = 'r' AND c.relnamespace = '$schema'::regnamespace ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 6"
    if [[ -z ${FOOTPRINT_KEEP:-} ]]; then
        psql -q "$psql_url" -c "DROP SCHEMA $schema CASCADE"
    fi
fi
