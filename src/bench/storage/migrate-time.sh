#!/usr/bin/env bash
# How long the offline `migrate` of a legacy corpus takes, for one or more jars run in turn.
#
#   src/bench/storage/migrate-time.sh <legacyDir> <rounds> <jar> [<jar> ...]
#
# Each round migrates the corpus once with every jar, in the order given, into a fresh SQLite data
# directory (a temporary one, removed afterwards), and prints the wall time; at the end, each jar's
# median. Jars take turns so that a machine that gets busier or quieter affects them alike. Make the
# corpus with footprint.sh (its <workDir>/legacy) or LegacyCacheGenerator.
set -euo pipefail

if [[ $# -lt 3 ]]; then
    echo "usage: $0 <legacyDir> <rounds> <jar> [<jar> ...]" >&2
    exit 2
fi
legacy=$1
rounds=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
declare -A times
for ((round = 1; round <= rounds; round++)); do
    for jar in "$@"; do
        rm -rf "$work/data"
        started=$(date +%s.%N)
        java -Xmx1g -jar "$jar" migrate --source "$legacy" --cache.data-dir="$work/data" --logging.level.root=WARN \
            | grep -E "Migrated" | tr -s ' ' | tr '\n' ' '
        seconds=$(echo "$(date +%s.%N) - $started" | bc)
        printf 'round %d %s: %.1f s\n' "$round" "$(basename "$jar")" "$seconds"
        times[$jar]+="$seconds "
    done
done
for jar in "$@"; do
    printf '%s: median %s s of %d\n' "$(basename "$jar")" \
        "$(tr ' ' '\n' <<< "${times[$jar]}" | grep . | sort -n | awk '{a[NR] = $1} END {printf "%.1f", NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')" "$rounds"
done
