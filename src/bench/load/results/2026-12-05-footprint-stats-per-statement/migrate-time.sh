#!/bin/bash
# time of an offline migrate of the 40,000-entry corpus into a fresh PostgreSQL schema, per jar
jar=$1; schema="pgmig_$(date +%s%N | cut -c1-13)"
psql -q postgresql://postgres@127.0.0.1:5432/test -c "CREATE SCHEMA $schema"
rm -rf /tmp/pgmig-data
s=$(date +%s.%N)
java -Xmx1g -jar "$jar" migrate --source /tmp/fp-after/legacy --cache.data-dir=/tmp/pgmig-data \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=$schema" \
  --spring.flyway.schemas="$schema" --spring.flyway.default-schema="$schema" --logging.level.root=WARN | grep -E "Migrated|Failed" | tr '\n' ' '
e=$(date +%s.%N); echo "$(basename $jar): $(echo "$e - $s" | bc) s"
psql -q postgresql://postgres@127.0.0.1:5432/test -c "DROP SCHEMA $schema CASCADE" 2>/dev/null
