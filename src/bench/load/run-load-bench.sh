#!/usr/bin/env bash
# The load benchmark of issue 12: nginx (one worker, a static 2 kB JSON file), a trivial Spring Boot
# app (src/bench/trivial-app) and the packaged server, side by side in one run, each driven by
# wrk with 64 connections on loopback. Prints a table (requests/s, p50, p99, ratios to nginx and to
# the trivial app), saves it as CSV, and stops everything it started. See src/bench/README.md.
#
#   src/bench/load/run-load-bench.sh [options]
#     --warmup S       seconds of load per JVM target before its first measurement, spread over its
#                      scenarios (default 90: with 40, JIT compilation still took 13 % of the
#                      server's CPU in the first measurement on the loaded 2-core machine)
#     --settle S       seconds of the same scenario, unmeasured, right before each measurement (5)
#     --duration S     seconds measured per scenario (20)
#     --rounds N       measure every target N times, interleaved, and report each row's median (1);
#                      with --before-jar the two builds take turns at being measured first
#     --connections N  wrk connections (64), over 2 wrk threads
#     --entries N      entries preloaded (2000); above 20000 they are written by the generator
#                      (dev.llmcache.bench.LoadBenchFill, through the import path) into a SQLite
#                      file kept in $BENCH_CACHE (default /tmp/llmcache-bench-fill) and copied
#     --postgres       also a server on the local PostgreSQL (a fresh schema, dropped at the end)
#     --replicas 2     also two PostgreSQL replicas on that schema, driven together (implies --postgres)
#     --scenarios L    comma list of: nginx trivial hit head miss lookup batch pricing mix store (all)
#     --xmx SIZE       -Xmx of every JVM (256m)
#     --jvm-opts "A B" more options for every JVM, the trivial app's too (e.g. -XX:+UseParallelGC)
#     --server-jvm-opts "A B"  more JVM options for the servers of --jar only (not the trivial app's,
#                      not the "before" servers'): with --before-jvm-opts, two JVM settings compared
#     --before-jvm-opts "A B"  more JVM options for the "before" server(s) only: with --before-jar the
#                      same jar, one JVM setting compared
#     --arenas N       MALLOC_ARENA_MAX=N for every JVM (default: glibc's, 8 per core): fewer malloc
#                      arenas for SQLite's and zstd's native memory (docs/operations.md, "Memory")
#     --trivial-reuse-context  the trivial app keeps a zstd context per thread (a stricter floor)
#                      instead of Zstd.decompress's context per call (issue 12's trivial app)
#     --token          configure an ADMIN token on the servers and send it (default: anonymous)
#     --profile        after the measurements of the trivial app and of each scenario on SQLite and
#                      on one PostgreSQL replica (of --scenarios; the database's own processes are
#                      not profiled), one more run of the same length under async-profiler (and
#                      for the store also a wall-clock one): flame graphs, collapsed stacks and
#                      summaries of the top frames in the output directory
#     --out DIR        output directory (default: a new /tmp/llmcache-load.XXXXXX)
#     --keep           keep the data directories
#     --jar JAR        run the server from JAR instead of building target/llm-cache-server.jar
#     --before-jar JAR also a SQLite server run from JAR (an earlier build of the server), preloaded and
#                      measured the same way in the same rounds (target "before"); with --postgres
#                      also PostgreSQL server(s) from JAR on a schema of their own ("postgres before",
#                      "postgres x2 before"): before/after
#                      figures of a change side by side in one run
#     --server-args "A B"  extra arguments for every server (Spring properties: --cache.x=y ...)
#     --before-args "A B"  extra arguments for the "before" server only: with --before-jar the same
#                      jar, one setting compared (e.g. --cache.compression.dictionary.enabled=false)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
LOAD=$ROOT/src/bench/load
WARMUP=90 SETTLE=5 DURATION=20 ROUNDS=1 CONNECTIONS=64 ENTRIES=2000 POSTGRES=0 REPLICAS=1 PROFILE=0 XMX=256m
SCENARIOS="nginx,trivial,hit,head,miss,lookup,batch,pricing,mix,store" TOKEN_MODE=0 OUT="" KEEP=0 TRIVIAL_REUSE=false BEFORE_JAR="" SERVER_JAR=""
EXTRA_ARGS="" BEFORE_ARGS="" ARENAS=""
PG_BASE=${BENCH_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
ARGS="$*"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --warmup) WARMUP=$2; shift 2 ;;
    --settle) SETTLE=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --entries) ENTRIES=$2; shift 2 ;;
    --postgres) POSTGRES=1; shift ;;
    --replicas) REPLICAS=$2; POSTGRES=1; shift 2 ;;
    --scenarios) SCENARIOS=$2; shift 2 ;;
    --xmx) XMX=$2; shift 2 ;;
    --jvm-opts) JVM_EXTRA=$2; shift 2 ;;
    --server-jvm-opts) SERVER_JVM_EXTRA=$2; shift 2 ;;
    --before-jvm-opts) BEFORE_JVM_EXTRA=$2; shift 2 ;;
    --arenas) ARENAS=$2; shift 2 ;;
    --token) TOKEN_MODE=1; shift ;;
    --trivial-reuse-context) TRIVIAL_REUSE=true; shift ;;
    --profile) PROFILE=1; shift ;;
    --out) OUT=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --before-jar) BEFORE_JAR=$(realpath "$2"); shift 2 ;;
    --jar) SERVER_JAR=$(realpath "$2"); shift 2 ;;
    --server-args) EXTRA_ARGS=$2; shift 2 ;;
    --before-args) BEFORE_ARGS=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ $REPLICAS == 1 || $REPLICAS == 2 ]] || { echo "--replicas takes 1 or 2" >&2; exit 2; }
has() { [[ ",$SCENARIOS," == *",$1,"* ]]; }

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---------------------------------------------------------------- tools
install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v ab >/dev/null || missing+=(apache2-utils)
  [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
  command -v curl >/dev/null || missing+=(curl)
  command -v python3 >/dev/null || missing+=(python3)
  if [[ $POSTGRES == 1 ]] && ! command -v psql >/dev/null; then missing+=(postgresql-client); fi
  if [[ ${#missing[@]} -gt 0 ]]; then
    log "installing ${missing[*]} (apt-get)"
    # Debian's nginx package starts a daemon on port 80 when installed: forbid service starts
    # during the install (the usual policy-rc.d), unless a policy is already there.
    local policy=0
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; policy=1
    fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    if [[ $policy == 1 ]]; then rm -f /usr/sbin/policy-rc.d; fi
  fi
}

# ---------------------------------------------------------------- processes we start
PIDS=()          # everything to stop at exit
SAMPLERS=()
PG_SCHEMA=""
PG_SCHEMA_BEFORE=""
DATA_DIRS=()
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${SAMPLERS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  for schema in $PG_SCHEMA $PG_SCHEMA_BEFORE; do
    for _ in 1 2 3 4 5 6; do
      psql -q "$PSQL_URL" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 && break
      sleep 10
    done
  done
  if [[ $KEEP == 0 ]]; then for d in "${DATA_DIRS[@]}"; do rm -rf "$d"; done; fi
  [[ -n ${OUT:-} ]] && log "output in $OUT"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_http() { # url pid what
  for _ in $(seq 1 300); do
    kill -0 "$2" 2>/dev/null || { log "$3 exited during start-up; its log:"; tail -40 "$OUT/logs/$3.log" >&2; exit 1; }
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.5
  done
  log "$3 did not answer $1 in 150 s"; exit 1
}

# Samples the resident set of a process once a second; the kernel's own peak (VmHWM) is read at the end.
sample_rss() { # name pid
  ( while kill -0 "$2" 2>/dev/null; do
      awk -v t="$(date +%s)" '/^VmRSS/ {print t, $2}' "/proc/$2/status" 2>/dev/null || true
      sleep 1
    done ) >> "$OUT/rss-$1.txt" &
  SAMPLERS+=($!)
}

JVM_OPTS=(-Xmx"$XMX")
read -r -a jvm_extra <<< "${JVM_EXTRA:-}"
JVM_OPTS+=("${jvm_extra[@]}")
# Read by glibc in the JVMs started below (and harmlessly by nginx and wrk).
[[ -n $ARENAS ]] && export MALLOC_ARENA_MAX=$ARENAS
[[ $PROFILE == 1 ]] && JVM_OPTS+=(-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints)

# ---------------------------------------------------------------- build
build() {
  local jar=$ROOT/target/llm-cache-server.jar
  if [[ -n $SERVER_JAR ]]; then
    :
  elif [[ ! -f $jar ]] || [[ -n $(find "$ROOT/src/main" "$ROOT/pom.xml" "$ROOT/config" -newer "$jar" -print -quit) ]]; then
    log "building the server jar (./mvnw -B -q -DskipTests package)"
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package)
  fi
  local trivial=$ROOT/src/bench/trivial-app/target/trivial-app.jar
  if [[ ! -f $trivial ]] || [[ -n $(find "$ROOT/src/bench/trivial-app/src" "$ROOT/src/bench/trivial-app/pom.xml" -newer "$trivial" -print -quit) ]]; then
    log "building the trivial app"
    (cd "$ROOT" && ./mvnw -B -q -f src/bench/trivial-app/pom.xml -DskipTests package)
  fi
}

# ---------------------------------------------------------------- targets
start_nginx() {
  NGINX_PORT=$(free_port)
  mkdir -p "$OUT/nginx/www" "$OUT/nginx/tmp"
  cp "$OUT/result.json" "$OUT/nginx/www/result.json"
  # run by root, nginx's worker runs as nobody: it must be able to reach the file (mktemp -d makes 0700)
  chmod a+rx "$OUT" "$OUT/nginx" "$OUT/nginx/www"; chmod a+r "$OUT/nginx/www/result.json"
  cat > "$OUT/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $OUT/nginx/nginx.pid;
error_log $OUT/logs/nginx.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $OUT/nginx/tmp/body;
  proxy_temp_path $OUT/nginx/tmp/proxy;
  fastcgi_temp_path $OUT/nginx/tmp/fastcgi;
  uwsgi_temp_path $OUT/nginx/tmp/uwsgi;
  scgi_temp_path $OUT/nginx/tmp/scgi;
  types { application/json json; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $OUT/nginx/www;
  }
}
EOF
  /usr/sbin/nginx -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf" >> "$OUT/logs/nginx.log" 2>&1 &
  NGINX_PID=$!; PIDS+=("$NGINX_PID")
  wait_http "http://127.0.0.1:$NGINX_PORT/result.json" "$NGINX_PID" nginx
}

start_trivial() {
  TRIVIAL_PORT=$(free_port)
  (cd "$OUT" && exec java "${JVM_OPTS[@]}" -jar "$ROOT/src/bench/trivial-app/target/trivial-app.jar" \
      --server.port="$TRIVIAL_PORT" --server.address=127.0.0.1 --trivial.json="$OUT/result.json" \
      --trivial.reuse-context="$TRIVIAL_REUSE") \
      > "$OUT/logs/trivial.log" 2>&1 &
  TRIVIAL_PID=$!; PIDS+=("$TRIVIAL_PID")
  wait_http "http://127.0.0.1:$TRIVIAL_PORT/result" "$TRIVIAL_PID" trivial
  sample_rss trivial "$TRIVIAL_PID"
}

SERVER_ARGS=()
if [[ $TOKEN_MODE == 1 ]]; then
  BENCH_TOKEN=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  SERVER_ARGS+=(--cache.security.tokens[0].name=bench
                --cache.security.tokens[0].sha256="$(printf '%s' "$BENCH_TOKEN" | sha256sum | cut -d' ' -f1)"
                --cache.security.tokens[0].role=ADMIN --cache.security.tokens[0].namespaces='*')
  export BENCH_TOKEN
fi
# The dictionary job every 20 s rather than every 5 minutes: its first training (on the preload) and
# the re-compression of the preload then happen before any measurement, and every store of the warm-up
# is compressed with a dictionary, as in a cache that has run for a while. At 5 minutes the first run
# fell on whichever scenario was measured then and re-compressed every store of the warm-up under it
# (256,806 frames, 37 s of one core, in the run of 5 December 00:40).
if [[ $EXTRA_ARGS != *dictionary.interval* ]]; then
  SERVER_ARGS+=(--cache.compression.dictionary.interval=PT20S)
fi
read -r -a EXTRA <<< "$EXTRA_ARGS"
SERVER_ARGS+=("${EXTRA[@]}")

start_server() { # name data-dir [extra args...]; sets PORT_<name> and PID_<name>
  local name=$1 dir=$2; shift 2
  local port pid attempt jar=${SERVER_JAR:-$ROOT/target/llm-cache-server.jar}
  local extra=() jvm=("${JVM_OPTS[@]}") more_jvm=()
  if [[ $name == before* ]]; then
    jar=$BEFORE_JAR
    read -r -a extra <<< "$BEFORE_ARGS"
    read -r -a more_jvm <<< "${BEFORE_JVM_EXTRA:-}"
  else
    read -r -a more_jvm <<< "${SERVER_JVM_EXTRA:-}"
  fi
  jvm+=("${more_jvm[@]}")
  mkdir -p "$OUT/cwd-$name" "$dir"
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    # A directory of its own as the working directory: no config/application.yml of the repo is read.
    (cd "$OUT/cwd-$name" && exec java "${jvm[@]}" -jar "$jar" \
        --server.port="$port" --cache.data-dir="$dir" "${SERVER_ARGS[@]}" "${extra[@]}" "$@") > "$OUT/logs/$name.log" 2>&1 &
    pid=$!
    # The shared PostgreSQL may be out of connections for a moment (other test suites): try again.
    local waited=0
    while kill -0 "$pid" 2>/dev/null && ! curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; do
      sleep 0.5; waited=$((waited + 1))
      [[ $waited -lt 600 ]] || { log "$name did not become ready in 300 s"; kill "$pid"; exit 1; }
    done
    kill -0 "$pid" 2>/dev/null && break
    if grep -q "too many clients" "$OUT/logs/$name.log" && [[ $attempt -lt 5 ]]; then
      log "$name: PostgreSQL has no free connection (too many clients); trying again in 30 s"
      sleep 30
    else
      log "$name exited during start-up; its log:"; grep -E "^Caused by|ERROR|APPLICATION FAILED" "$OUT/logs/$name.log" | tail -8 >&2
      exit 1
    fi
  done
  PIDS+=("$pid")
  printf -v "PORT_$name" '%s' "$port"; printf -v "PID_$name" '%s' "$pid"
  local health; health=$(curl -s "http://127.0.0.1:$port/actuator/health")
  [[ $health == *'"status":"UP"}' ]] || log "$name: /actuator/health is not UP: ${health:0:400}"
  sample_rss "$name" "$pid"
  log "$name up on port $port (pid $pid)"
}

# ---------------------------------------------------------------- preload
preload() { # name url
  if [[ $ENTRIES -le 20000 ]]; then
    local start=$SECONDS
    python3 "$LOAD/benchdata.py" preload "$2" "$ENTRIES" "$OUT/keys.txt"
    log "$1: preloaded $ENTRIES entries through POST /api/v1/entries in $((SECONDS - start)) s"
  fi
}

# Above 20,000 entries: the generator fills a SQLite file once (kept under $BENCH_CACHE, keyed by
# the schema and the generator), and each run copies it.
generated_sqlite() { # data-dir
  local cache=${BENCH_CACHE:-/tmp/llmcache-bench-fill}
  local hash; hash=$(cat "$ROOT"/src/main/resources/db/migration/sqlite/*.sql "$LOAD/benchdata.py" \
      "$ROOT/src/bench/java/dev/llmcache/bench/LoadBenchFill.java" | sha256sum | cut -c1-12)
  local dir=$cache/sqlite-$ENTRIES-$hash
  if [[ ! -f $dir/done ]]; then
    rm -rf "$dir"; mkdir -p "$dir"
    log "generating $ENTRIES entries into $dir (once; later runs copy it)"
    fill "$dir" ""
    touch "$dir/done"
  fi
  cp "$dir/keys.txt" "$OUT/keys.txt"
  mkdir -p "$1"; cp "$dir"/data/cache.db* "$1"/
}

fill() { # data-dir extra-app-args
  python3 "$LOAD/benchdata.py" template "$OUT/template.json"
  (cd "$ROOT" && ./mvnw -B -q -Pbench test-compile exec:exec -Dbench.jvm=-Xmx1g \
      -Dbench.main=dev.llmcache.bench.LoadBenchFill \
      -Dbench.args="$1/data $ENTRIES $1/keys.txt $OUT/template.json $2")
}

# ---------------------------------------------------------------- driving
RESULTS=""
DB_PROCESS=""
declare -A LABEL=([nginx]="nginx static" [trivial]="trivial app" [hit]="GET hit" [head]="HEAD hit, one key (ab)"
  [headref]="GET hit, one key (ab)" [miss]="GET miss" [lookup]="POST /lookup hit" [batch]="POST /lookup/batch x100"
  [pricing]="GET /pricing" [mix]="mix 90% hit 10% store" [store]="POST store")
declare -A SCRIPT=([nginx]=plain [trivial]=plain [hit]=get-hit [miss]=get-miss
  [lookup]=lookup [batch]=batch [pricing]=plain [mix]=mix [store]=store)
declare -A PATHS=([nginx]=/result.json [trivial]=/result [pricing]=/api/v1/pricing)
# head, headref: driven by ab, not wrk (see drive)
declare -A EXPECT=([miss]=404)
declare -A PER_REQUEST=([batch]=100)

export BENCH_LUA_DIR=$LOAD/lua BENCH_RESULT BENCH_KEYS

# drive SCENARIO PORT SECONDS PIDS [ADDRS] -> prints the WRK_RESULT line
drive() {
  local scenario=$1 port=$2 seconds=$3 pids=$4 addrs=${5:-}
  local nonce; nonce=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
  if [[ $scenario == head || $scenario == headref ]]; then
    # wrk cannot tell that an answer to HEAD has no body, and HEAD carries GET's Content-Length: ab can.
    # ab drives one URL (the first preloaded key); GET of the same key by ab is HEAD's yardstick.
    local method=GET; [[ $scenario == head ]] && method=HEAD
    BENCH_DB_PROCESS=$DB_PROCESS python3 "$LOAD/benchdata.py" ab "$pids" "$seconds" "$CONNECTIONS" "$method" \
      "http://127.0.0.1:$port/api/v1/entries/$(head -1 "$BENCH_KEYS" | cut -d' ' -f1)" 2>> "$OUT/logs/wrk.log"
    return
  fi
  BENCH_NONCE=$nonce BENCH_ADDRS=$addrs BENCH_DB_PROCESS=$DB_PROCESS python3 "$LOAD/benchdata.py" wrk "$pids" \
    -t2 -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "$LOAD/lua/${SCRIPT[$scenario]}.lua" \
    "http://127.0.0.1:$port${PATHS[$scenario]:-/}" 2>> "$OUT/logs/wrk.log"
}

warm() { # target port pids addrs scenarios...
  local target=$1 port=$2 pids=$3 addrs=$4; shift 4
  DB_PROCESS=""
  [[ $# -eq 0 || $WARMUP -le 0 ]] && return 0
  local each=$(( WARMUP / $# )); [[ $each -lt 3 ]] && each=3
  log "$target: warm-up, ${each} s of each of: $*"
  for s in "$@"; do drive "$s" "$port" "$each" "$pids" "$addrs" > /dev/null; done
}

measure() { # target scenario port pids [addrs]
  local target=$1 scenario=$2 port=$3 pids=$4 addrs=${5:-}
  # on PostgreSQL, the database's own processes are measured apart (DB CPU per request)
  DB_PROCESS=""; [[ $target == postgres* ]] && DB_PROCESS=postgres
  [[ $SETTLE -gt 0 ]] && drive "$scenario" "$port" "$SETTLE" "$pids" "$addrs" > /dev/null
  local line; line=$(drive "$scenario" "$port" "$DURATION" "$pids" "$addrs")
  echo "$ROUND|$target|${LABEL[$scenario]}|${EXPECT[$scenario]:-2xx}|${PER_REQUEST[$scenario]:-1}|$line" >> "$RESULTS"
  log "$target ${LABEL[$scenario]}: $(echo "$line" | cut -d' ' -f2-5)"
  if [[ $PROFILE == 1 && $ROUND == 1 && ( $target == trivial || $target == sqlite || $target == postgres ) ]]; then
    profile "$target" "$scenario" "$port" "$pids" cpu
    # a store mostly waits (for the single writer, for fsync): where the wall-clock time goes
    if [[ $scenario == store ]]; then profile "$target" "$scenario" "$port" "$pids" wall; fi
  fi
}

# One scenario on the current build and, when a "before" target is named, on the earlier build, back
# to back, the order turned every round (new then before, before then new, ...): with an even number
# of rounds neither build is always measured first. Two servers of one jar still differ by up to 8 %
# (docs/performance.md, "How to read the figures").
measure_both() { # scenario target port pids addrs [before-target before-port before-pids before-addrs]
  local scenario=$1 target=$2 port=$3 pids=$4 addrs=$5 before=${6:-} before_port=${7:-} before_pids=${8:-} before_addrs=${9:-}
  if [[ -n $before ]] && (( ROUND % 2 == 0 )); then measure "$before" "$scenario" "$before_port" "$before_pids" "$before_addrs"; fi
  measure "$target" "$scenario" "$port" "$pids" "$addrs"
  if [[ -n $before ]] && (( ROUND % 2 == 1 )); then measure "$before" "$scenario" "$before_port" "$before_pids" "$before_addrs"; fi
}

# async-profiler from Maven Central (tools.profiler:async-profiler ships the native library in its jar),
# attached to the running server with jcmd for one more run of the scenario.
ASYNC_PROFILER_VERSION=4.1
# cpu: perf_events where the kernel allows them, else async-profiler falls back to a timer itself.
PROFILE_EVENT=${BENCH_PROFILE_EVENT:-cpu} PROFILE_INTERVAL=${BENCH_PROFILE_INTERVAL:-1ms}
profiler_lib() {
  local jar=$HOME/.m2/repository/tools/profiler/async-profiler/$ASYNC_PROFILER_VERSION/async-profiler-$ASYNC_PROFILER_VERSION.jar
  if [[ ! -f $jar ]]; then
    (cd "$ROOT" && ./mvnw -B -q dependency:get -Dartifact=tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION)
  fi
  local lib=$OUT/profiles/libasyncProfiler.so
  if [[ ! -f $lib ]]; then
    mkdir -p "$OUT/profiles"
    unzip -p "$jar" linux-x64/libasyncProfiler.so > "$lib"
  fi
  echo "$lib"
}

profile() { # target scenario port pids cpu|wall
  local target=$1 scenario=$2 port=$3 pids=$4 mode=$5
  local lib; lib=$(profiler_lib)
  local pid; pid=${pids%%,*}
  local base=$OUT/profiles/$target-$scenario; [[ $mode == wall ]] && base=$base-wall
  local attach=(java "$LOAD/AsyncProfilerAttach.java" "$pid" "$lib")
  local start="start,event=$PROFILE_EVENT,interval=$PROFILE_INTERVAL"
  # wall clock: every thread sampled, running or not; the summary keeps the request threads
  [[ $mode == wall ]] && start="start,event=wall,interval=5ms"
  "${attach[@]}" "$start" >> "$OUT/logs/profiler.log" 2>&1
  drive "$scenario" "$port" "$DURATION" "$pids" > "$base.wrk.txt"
  "${attach[@]}" "stop,collapsed,file=$base.collapsed" >> "$OUT/logs/profiler.log" 2>&1
  "${attach[@]}" "dump,flamegraph,file=$base.html" >> "$OUT/logs/profiler.log" 2>&1 || true
  python3 "$LOAD/benchdata.py" profile "$base.collapsed" > "$base.summary.txt"
  log "profile of $target ${LABEL[$scenario]}: $base.html, $base.collapsed, $base.summary.txt"
}

server_scenarios() {
  local list=()
  for s in hit head miss lookup batch pricing mix store; do
    if has "$s"; then list+=("$s"); fi
    if [[ $s == head ]] && has head; then list+=(headref); fi
  done
  echo "${list[@]}"
}

peak_rss() { # name pid -> "sampled-peak-MB kernel-peak-MB"
  local sampled; sampled=$(awk 'BEGIN{m=0} {if ($2>m) m=$2} END{printf "%.0f", m/1024}' "$OUT/rss-$1.txt" 2>/dev/null || echo 0)
  local hwm; hwm=$(awk '/^VmHWM/ {printf "%.0f", $2/1024}' "/proc/$2/status" 2>/dev/null || echo "?")
  echo "$1: peak RSS sampled ${sampled} MB, kernel VmHWM ${hwm} MB (-Xmx$XMX)"
}

# ---------------------------------------------------------------- main
install_tools
OUT=${OUT:-$(mktemp -d /tmp/llmcache-load.XXXXXX)}
mkdir -p "$OUT/logs"
RESULTS=$OUT/results.txt; : > "$RESULTS"
BENCH_RESULT=$OUT/result.json
BENCH_KEYS=$OUT/keys.txt
python3 "$LOAD/benchdata.py" json "$BENCH_RESULT"
build
log "output in $OUT; warm-up ${WARMUP} s per JVM target, settle ${SETTLE} s, ${DURATION} s measured, $ROUNDS round(s), $CONNECTIONS connections, -Xmx$XMX"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "command: src/bench/load/run-load-bench.sh $ARGS"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "git: $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- src/main || echo ' (src/main modified)')"
  [[ -n $SERVER_JAR ]] && echo "server jar: $SERVER_JAR"
  [[ -n $BEFORE_JAR ]] && echo "before: $BEFORE_JAR (target \"before\")"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "settings: warm-up ${WARMUP} s per JVM target, settle ${SETTLE} s, ${DURATION} s measured, $ROUNDS round(s), wrk -t2 -c$CONNECTIONS, entries $ENTRIES, -Xmx$XMX, MALLOC_ARENA_MAX ${ARENAS:-unset}, token $TOKEN_MODE, trivial app reuses its zstd context: $TRIVIAL_REUSE, JVM options ${JVM_EXTRA:-none} (servers: ${SERVER_JVM_EXTRA:-none} more; before servers: ${BEFORE_JVM_EXTRA:-none} more)"
} > "$OUT/summary.txt"

has nginx && start_nginx
has trivial && start_trivial

# SQLite server
SQLITE_DIR=$OUT/data-sqlite; DATA_DIRS+=("$SQLITE_DIR")
if [[ $ENTRIES -gt 20000 ]]; then generated_sqlite "$SQLITE_DIR"; fi
start_server sqlite "$SQLITE_DIR"
preload sqlite "http://127.0.0.1:$PORT_sqlite"
if [[ -n $BEFORE_JAR ]]; then
  # the preload and the generator are deterministic: the same keys as the SQLite server's
  BEFORE_DIR=$OUT/data-before; DATA_DIRS+=("$BEFORE_DIR")
  if [[ $ENTRIES -gt 20000 ]]; then generated_sqlite "$BEFORE_DIR"; fi
  start_server before "$BEFORE_DIR"
  preload before "http://127.0.0.1:$PORT_before"
fi

if [[ $POSTGRES == 1 ]]; then
  PSQL_URL="postgresql://postgres@127.0.0.1:5432/test"
  PG_SCHEMA="bench_$(date +%Y%m%d_%H%M%S)_$$"
  for attempt in 1 2 3 4 5 6; do
    psql -q "$PSQL_URL" -c "CREATE SCHEMA $PG_SCHEMA" >/dev/null && break
    [[ $attempt -lt 6 ]] || { log "cannot create schema $PG_SCHEMA"; exit 1; }
    log "PostgreSQL refused (too many clients?); trying again in 20 s"; sleep 20
  done
  PG_URL="$PG_BASE&currentSchema=$PG_SCHEMA"
  DATA_DIRS+=("$OUT/data-pg1" "$OUT/data-pg2")
  if [[ $ENTRIES -gt 20000 ]]; then fill "$OUT/pg-fill" "--spring.datasource.url=$PG_URL"; cp "$OUT/pg-fill/keys.txt" "$OUT/keys.txt"; fi
  start_server pg1 "$OUT/data-pg1" --spring.datasource.url="$PG_URL"
  [[ $ENTRIES -le 20000 ]] && preload pg1 "http://127.0.0.1:$PORT_pg1"
  if [[ $REPLICAS == 2 ]]; then start_server pg2 "$OUT/data-pg2" --spring.datasource.url="$PG_URL"; fi
  if [[ -n $BEFORE_JAR ]]; then
    PG_SCHEMA_BEFORE="${PG_SCHEMA}_before"
    psql -q "$PSQL_URL" -c "CREATE SCHEMA $PG_SCHEMA_BEFORE" >/dev/null || { log "cannot create schema $PG_SCHEMA_BEFORE"; exit 1; }
    PG_URL_BEFORE="$PG_BASE&currentSchema=$PG_SCHEMA_BEFORE"
    DATA_DIRS+=("$OUT/data-beforepg1" "$OUT/data-beforepg2")
    if [[ $ENTRIES -gt 20000 ]]; then fill "$OUT/pg-fill-before" "--spring.datasource.url=$PG_URL_BEFORE"; fi
    start_server beforepg1 "$OUT/data-beforepg1" --spring.datasource.url="$PG_URL_BEFORE"
    [[ $ENTRIES -le 20000 ]] && preload beforepg1 "http://127.0.0.1:$PORT_beforepg1"
    if [[ $REPLICAS == 2 ]]; then start_server beforepg2 "$OUT/data-beforepg2" --spring.datasource.url="$PG_URL_BEFORE"; fi
  fi
fi

read -r -a LIST <<< "$(server_scenarios)"
REPLICA_LIST=()
for s in hit mix store; do if has "$s"; then REPLICA_LIST+=("$s"); fi; done
ADDRS=""
[[ $REPLICAS == 2 ]] && ADDRS="127.0.0.1:$PORT_pg1,127.0.0.1:$PORT_pg2"
[[ $REPLICAS == 2 && -n $PG_SCHEMA_BEFORE ]] && ADDRS_BEFORE="127.0.0.1:$PORT_beforepg1,127.0.0.1:$PORT_beforepg2"
# Rounds: every target measured once per round, so that a burst of load from other processes on
# the shared machine hits all of them alike; the report takes each row's median over the rounds.
for ROUND in $(seq 1 "$ROUNDS"); do
  [[ $ROUNDS -gt 1 ]] && log "round $ROUND of $ROUNDS"
  if has nginx; then measure nginx nginx "$NGINX_PORT" "$NGINX_PID"; fi
  if has trivial; then
    [[ $ROUND == 1 ]] && warm trivial "$TRIVIAL_PORT" "$TRIVIAL_PID" "" trivial
    measure trivial trivial "$TRIVIAL_PORT" "$TRIVIAL_PID"
  fi
  [[ $ROUND == 1 ]] && warm sqlite "$PORT_sqlite" "$PID_sqlite" "" "${LIST[@]}"
  BEFORE=()
  if [[ -n $BEFORE_JAR ]]; then
    [[ $ROUND == 1 ]] && warm before "$PORT_before" "$PID_before" "" "${LIST[@]}"
    BEFORE=(before "$PORT_before" "$PID_before" "")
  fi
  for s in "${LIST[@]}"; do measure_both "$s" sqlite "$PORT_sqlite" "$PID_sqlite" "" "${BEFORE[@]}"; done
  if [[ $POSTGRES == 1 ]]; then
    BEFORE=() BEFORE_X2=()
    if [[ -n $PG_SCHEMA_BEFORE ]]; then
      BEFORE=("postgres before" "$PORT_beforepg1" "$PID_beforepg1" "")
      [[ $REPLICAS == 2 ]] && BEFORE_X2=("postgres x2 before" "$PORT_beforepg1" "$PID_beforepg1,$PID_beforepg2" "$ADDRS_BEFORE")
    fi
    [[ $ROUND == 1 ]] && warm postgres "$PORT_pg1" "$PID_pg1" "" "${LIST[@]}"
    [[ $ROUND == 1 && ${#BEFORE[@]} -gt 0 ]] && warm "${BEFORE[@]}" "${LIST[@]}"
    # The second replica gets the first one's warm-up too, alone: warmed only together, each JVM took half
    # the load while both compiled on the same two cores, and C2 was still a third of their CPU when the
    # two replicas were measured (docs/performance.md, "Two replicas' mix at its steady state").
    if [[ $ROUND == 1 && $REPLICAS == 2 ]]; then
      warm "postgres replica 2" "$PORT_pg2" "$PID_pg2" "" "${LIST[@]}"
      [[ -n $PG_SCHEMA_BEFORE ]] && warm "postgres before replica 2" "$PORT_beforepg2" "$PID_beforepg2" "" "${LIST[@]}"
    fi
    for s in "${LIST[@]}"; do measure_both "$s" postgres "$PORT_pg1" "$PID_pg1" "" "${BEFORE[@]}"; done
    if [[ $REPLICAS == 2 ]]; then
      [[ $ROUND == 1 ]] && warm "postgres x2" "$PORT_pg1" "$PID_pg1,$PID_pg2" "$ADDRS" "${REPLICA_LIST[@]}"
      [[ $ROUND == 1 && ${#BEFORE_X2[@]} -gt 0 ]] && warm "${BEFORE_X2[@]}" "${REPLICA_LIST[@]}"
      for s in "${REPLICA_LIST[@]}"; do measure_both "$s" "postgres x2" "$PORT_pg1" "$PID_pg1,$PID_pg2" "$ADDRS" "${BEFORE_X2[@]}"; done
    fi
  fi
done

{
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  [[ -n ${TRIVIAL_PID:-} ]] && peak_rss trivial "$TRIVIAL_PID"
  peak_rss sqlite "$PID_sqlite"
  [[ -n ${PID_before:-} ]] && peak_rss before "$PID_before"
  [[ -n ${PID_pg1:-} ]] && peak_rss pg1 "$PID_pg1"
  [[ -n ${PID_pg2:-} ]] && peak_rss pg2 "$PID_pg2"
  [[ -n ${PID_beforepg1:-} ]] && peak_rss beforepg1 "$PID_beforepg1"
  [[ -n ${PID_beforepg2:-} ]] && peak_rss beforepg2 "$PID_beforepg2"
  echo
  python3 "$LOAD/benchdata.py" report "$RESULTS" "$OUT/results.csv"
  echo
  echo "\"other CPU\": share of the $(nproc) cores used by processes other than the target and wrk during the measurement (noise)."
  echo "CSV: $OUT/results.csv"
  if [[ $PROFILE == 1 ]]; then echo "profiles: $OUT/profiles"; fi
} >> "$OUT/summary.txt"
cat "$OUT/summary.txt"
