#!/bin/bash
cd /tmp/jit; JAR=${1:-/tmp/jars/main.jar}; OUTP=${2:-hit}; LUA=${3:-get-hit.lua}
rm -rf data
java -Xmx256m -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -jar $JAR --server.port=18080 --cache.data-dir=/tmp/jit/data --cache.compression.dictionary.interval=PT20S > server.log 2>&1 &
PID=$!
until curl -sf -o /dev/null http://127.0.0.1:18080/actuator/health/readiness; do sleep 0.5; done
python3 /work/main/src/bench/load/benchdata.py preload http://127.0.0.1:18080 2000 /tmp/jit/keys.txt
export BENCH_LUA_DIR=/work/main/src/bench/load/lua BENCH_KEYS=/tmp/jit/keys.txt BENCH_RESULT=/tmp/jit/result.json BENCH_NONCE=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
wrk -t2 -c64 -d150s -s $BENCH_LUA_DIR/$LUA http://127.0.0.1:18080${URLPATH:-} | grep Requests/sec
LIB=/tmp/jit/libasyncProfiler.so
[[ -f $LIB ]] || { (cd /work/main && ./mvnw -B -q dependency:get -Dartifact=tools.profiler:async-profiler:4.1); unzip -p ~/.m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1.jar linux-x64/libasyncProfiler.so > $LIB; }
java /work/main/src/bench/load/AsyncProfilerAttach.java $PID $LIB start,event=cpu,interval=1ms
wrk -t2 -c64 -d20s -s $BENCH_LUA_DIR/$LUA http://127.0.0.1:18080${URLPATH:-} | grep -E "Requests/sec"
java /work/main/src/bench/load/AsyncProfilerAttach.java $PID $LIB stop,collapsed,file=/tmp/jit/$OUTP.collapsed
kill $PID
