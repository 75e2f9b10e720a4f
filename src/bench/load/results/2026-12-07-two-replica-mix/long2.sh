#!/bin/bash
# two replicas: the mix for 16 x 20 s in a row, then one replica's mix 3 x 20 s; C2 sampled throughout
set -u
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
run() { BENCH_NONCE=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n') BENCH_ADDRS=$3 wrk -t2 -c64 -d${4}s --timeout 10s -s $LOAD/lua/$2.lua http://127.0.0.1:19001/ 2>&1 | grep -E "Requests/sec" | tr '\n' ' '; echo " <- $(date +%T) $1"; }
(./c2sample.sh > /tmp/res/x2/c2-long2.txt &)
A=127.0.0.1:19001,127.0.0.1:19002
for i in $(seq 1 7); do run x2-mix-warm-$i mix $A 20; done; for i in 1 2 3; do run x2-mix-$i mix $A 20; done
for i in 1 2 3; do run x1-mix-$i mix "" 20; done

pkill -f c2sample.sh; kill $(jobs -p) 2>/dev/null; wait; psql -q $PSQL -c "DROP SCHEMA $SCHEMA CASCADE" 2>/dev/null
