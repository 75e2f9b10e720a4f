#!/bin/bash
# JIT over time under GET-hit load: per 30 s slice, req/s and CPU of compiler threads vs all.
# Usage: [JAR=...] [WORK=dir] jit-over-time.sh   (port 18080; about 9 minutes)
ROOT=$(cd "$(dirname "$0")/../../../../.." && pwd)
WORK=${WORK:-/tmp/jit}; mkdir -p "$WORK"; cd "$WORK"
java -Xmx256m -XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=$WORK/comp.log -jar "${JAR:-$ROOT/target/llm-cache-server.jar}" --server.port=18080 --cache.data-dir=$WORK/data --cache.compression.dictionary.interval=PT20S > server.log 2>&1 &
PID=$!
until curl -sf -o /dev/null http://127.0.0.1:18080/actuator/health/readiness; do sleep 0.5; done
python3 $ROOT/src/bench/load/benchdata.py preload http://127.0.0.1:18080 2000 $WORK/keys.txt
export BENCH_LUA_DIR=$ROOT/src/bench/load/lua BENCH_KEYS=$WORK/keys.txt
cpu() { # total and compiler-thread ticks
  local tot=0 jit=0
  for t in /proc/$PID/task/*; do
    read -r name < $t/comm
    s=$(awk '{print $14+$15}' $t/stat)
    tot=$((tot+s)); [[ $name == C[12]\ Compiler* ]] && jit=$((jit+s))
  done; echo "$tot $jit"
}
read t0 j0 < <(cpu)
for i in $(seq 1 16); do
  r=$(wrk -t2 -c64 -d30s -s $BENCH_LUA_DIR/get-hit.lua http://127.0.0.1:18080 | awk '/Requests\/sec/ {print $2}')
  read t1 j1 < <(cpu)
  echo "slice $i: $r req/s, server cpu ticks $((t1-t0)), jit ticks $((j1-j0)), jit share $(( 100*(j1-j0)/(t1-t0) ))%, cpu us/req $(awk -v c=$((t1-t0)) -v r=$r 'BEGIN{printf "%.0f", c*10000/(r*30)}')"
  t0=$t1; j0=$j1
done
kill $PID
