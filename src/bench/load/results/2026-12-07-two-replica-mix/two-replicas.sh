#!/bin/bash
# Sourced by harness.sh and long.sh: two replicas of $JAR on a fresh schema (ports 19001, 19002), 2,000 entries
# preloaded, run() to drive wrk, finish() to stop them and drop the schema. APP_EXTRA: more server arguments,
# JVM_EXTRA: more JVM options.
set -u; mkdir -p /tmp/res/x2
JAR=${JAR:-/tmp/jars/main.jar}; OUT=/tmp/res/x2/out; rm -rf $OUT; mkdir -p $OUT/logs
LOAD=/work/main/src/bench/load
SCHEMA=x2_$(date +%H%M%S); PSQL=postgresql://postgres@127.0.0.1:5432/test
psql -q $PSQL -c "CREATE SCHEMA $SCHEMA"
URL="jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=$SCHEMA"
for n in 1 2; do
  mkdir -p $OUT/cwd$n; (cd $OUT/cwd$n && exec java -XX:+UseParallelGC -Xmx256m ${JVM_EXTRA:-} -jar $JAR --server.port=1900$n --cache.data-dir=$OUT/d$n \
     --spring.datasource.url="$URL" --cache.compression.dictionary.interval=PT20S ${APP_EXTRA:-}) > $OUT/logs/pg$n.log 2>&1 &
done
for n in 1 2; do until curl -sf -o /dev/null localhost:1900$n/actuator/health/readiness; do sleep 1; done; done
python3 $LOAD/benchdata.py preload http://127.0.0.1:19001 2000 $OUT/keys.txt
python3 $LOAD/benchdata.py json $OUT/result.json; export BENCH_LUA_DIR=$LOAD/lua BENCH_KEYS=$OUT/keys.txt BENCH_RESULT=$OUT/result.json
A=127.0.0.1:19001,127.0.0.1:19002
run() { # name script addrs seconds: wrk's rate (and non-2xx count), the time and the name
  BENCH_NONCE=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n') BENCH_ADDRS=$3 wrk -t2 -c64 -d${4}s --timeout 10s -s $LOAD/lua/$2.lua http://127.0.0.1:19001/ 2>&1 | grep -E "Requests/sec|Non-2xx" | tr '\n' ' '; echo " <- $(date +%T) $1"; }
finish() { pkill -f c2sample.sh; kill $(jobs -p) 2>/dev/null; wait; psql -q $PSQL -c "DROP SCHEMA $SCHEMA CASCADE" 2>/dev/null; }
