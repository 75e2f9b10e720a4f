#!/bin/bash
# two replicas on one schema; counts index scans of entries per scenario
set -u
JAR=${JAR:-/tmp/jars/main.jar}; OUT=/tmp/res/x2/out; rm -rf $OUT; mkdir -p $OUT/logs
LOAD=/work/main/src/bench/load
SCHEMA=x2_$(date +%H%M%S); PSQL=postgresql://postgres@127.0.0.1:5432/test
psql -q $PSQL -c "CREATE SCHEMA $SCHEMA"
URL="jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=$SCHEMA"
for n in 1 2; do
  mkdir -p $OUT/cwd$n; (cd $OUT/cwd$n && exec java -XX:+UseParallelGC -Xmx256m ${JVM_EXTRA:-} -jar $JAR --server.port=1900$n --cache.data-dir=$OUT/d$n \
     --spring.datasource.url="$URL" --cache.compression.dictionary.interval=PT20S ${SERVER_EXTRA:-}) > $OUT/logs/pg$n.log 2>&1 &
done
for n in 1 2; do until curl -sf -o /dev/null localhost:1900$n/actuator/health/readiness; do sleep 1; done; done
python3 $LOAD/benchdata.py preload http://127.0.0.1:19001 2000 $OUT/keys.txt
python3 $LOAD/benchdata.py json $OUT/result.json; export BENCH_LUA_DIR=$LOAD/lua BENCH_KEYS=$OUT/keys.txt BENCH_RESULT=$OUT/result.json
stats() { psql -t -A $PSQL -c "SELECT '$1', relname, heap_blks_hit+coalesce(idx_blks_hit,0)+coalesce(toast_blks_hit,0) FROM pg_statio_user_tables WHERE schemaname='$SCHEMA' ORDER BY relname" >> /tmp/res/x2/statio.txt; psql -t -A $PSQL -c "SELECT '$1', relname, n_tup_upd, n_tup_hot_upd, n_dead_tup, seq_scan, seq_tup_read, idx_scan FROM pg_stat_user_tables WHERE schemaname='$SCHEMA' ORDER BY relname" >> /tmp/res/x2/tables.txt; psql -t -A $PSQL -c "SELECT '$1', (SELECT sum(idx_scan) FROM pg_stat_user_indexes WHERE schemaname='$SCHEMA' AND relname='entries'), (SELECT sum(idx_scan) FROM pg_stat_user_indexes WHERE schemaname='$SCHEMA' AND relname='entry_results'), (SELECT n_tup_ins FROM pg_stat_user_tables WHERE schemaname='$SCHEMA' AND relname='entries'), (SELECT n_tup_upd FROM pg_stat_user_tables WHERE schemaname='$SCHEMA' AND relname='entries'), (SELECT xact_commit FROM pg_stat_database WHERE datname='test')"; }
run() { # name script addrs secs
  BENCH_NONCE=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n') BENCH_ADDRS=$3 wrk -t2 -c64 -d${4}s --timeout 10s -s $LOAD/lua/$2.lua http://127.0.0.1:19001/ 2>&1 | grep -E "Requests/sec|Non-2xx" | tr '\n' ' '; echo " <- $1"; }
A=127.0.0.1:19001,127.0.0.1:19002
(./c2sample.sh > /tmp/res/x2/c2.txt &)
echo "$(date +%T) warm-mix" >&2
run warm-mix mix $A 45 >/dev/null; run warm-hit get-hit $A 20 >/dev/null; sleep 6
echo "$(date +%T) x2-hit" >&2; stats before-hit; run x2-hit get-hit $A 10; stats after-hit; sleep 6
echo "$(date +%T) x2-mix" >&2; stats before-mix; run x2-mix mix $A 20; stats after-mix; sleep 6
echo "$(date +%T) x1-mix" >&2; stats before-mix1; run x1-mix mix "" 10; stats after-mix1
pkill -f c2sample.sh; pkill -f jit.sh; kill $(jobs -p) 2>/dev/null; wait; psql -q $PSQL -c "DROP SCHEMA $SCHEMA CASCADE"
