#!/usr/bin/env bash
# advisor serve under load, one command: bench/serve.sh (after mvn -DskipTests package; it builds nothing)
#
# Starts `java -jar target/advisor.jar serve` on loopback, waits for /health, warms it up, then drives it with wrk
# (Debian package "wrk"; bench/advise.lua POSTs one fact file per request) and reports, for each run, requests/s,
# the p50/p99 latency, and the CPU time per request of the server (from /proc) and of wrk (GNU time): what each
# costs, whatever else the machine is doing; 2 cores / their sum is what the machine could answer on its own),
# and how many cores the machine's other processes used during the run:
#   1. POST /v1/advise?counterfactuals=false   one use case as JSON: verdict, gates, costs (the goal: >= 2,000 req/s,
#                                              p99 <= 5 ms)
#   2. the same with a YAML body               the fact file as it is written
#   3. POST /v1/advise                         JSON, with the counterfactual search (the API's default)
#   4. POST /v1/advise?counterfactuals=false   JSON, on a second server started with --decision-log
# The JSON body is the fact file as the advisor reads it (the "input" of its decision-log line, via jq).
# Server and wrk share this machine: the load average before each run is printed, and what else was running.
# wrk holds CONNECTIONS requests in flight, so the mean latency is CONNECTIONS / throughput (4 at 2,000 req/s:
# 2 ms): the connections set where a run sits between throughput and latency.
#
# The JIT needs tens of seconds of load to settle on a busy 2-core machine: each server is warmed up with the first
# run's requests, 5 s at a time, until two rounds in a row agree within 10% (at most WARMUP_ROUNDS rounds), then with
# 5 s of each other kind.
#
# Settings (environment): PORT=18080 DURATION=5s WARMUP_ROUNDS=12 THREADS=2 CONNECTIONS=4
# FACT=facts/kyc-document-field-extraction-400-examples.yaml OUT=target/bench-serve JAVA_OPTS= (the server's JVM)
# Results: printed, and written to $OUT/results.txt; each run's wrk output in $OUT/<run>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18080}
DURATION=${DURATION:-5s}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-12}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-4}
FACT=${FACT:-facts/kyc-document-field-extraction-400-examples.yaml}
OUT=${OUT:-target/bench-serve}
JAR=target/advisor.jar
URL="http://127.0.0.1:$PORT"

command -v wrk > /dev/null || { echo "bench: needs wrk (apt-get install wrk)" >&2; exit 2; }
command -v curl > /dev/null || { echo "bench: needs curl" >&2; exit 2; }
command -v jq > /dev/null || { echo "bench: needs jq" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
[ -f "$JAR" ] || { echo "bench: no $JAR; build it first: mvn -q -DskipTests package" >&2; exit 2; }
[ -f "$FACT" ] || { echo "bench: no fact file $FACT" >&2; exit 2; }

mkdir -p "$OUT"
RESULTS="$OUT/results.txt"
: > "$RESULTS"
say() { echo "$*" | tee -a "$RESULTS"; }

SERVER=
stop_server() {
  if [ -n "$SERVER" ]; then
    kill "$SERVER" 2> /dev/null || true
    wait "$SERVER" 2> /dev/null || true
    SERVER=
  fi
}
trap stop_server EXIT

# start_server [serve options...]: starts the server in the background and waits (at most 60 s) until /health answers
start_server() {
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  java ${JAVA_OPTS:-} -jar "$JAR" serve --bind 127.0.0.1 --port "$PORT" "$@" > "$OUT/server.out" 2> "$OUT/server.err" &
  SERVER=$!
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "$URL/health" 2> /dev/null; then
      return 0
    fi
    kill -0 "$SERVER" 2> /dev/null || { cat "$OUT/server.err" >&2; echo "bench: the server did not start" >&2; exit 1; }
    sleep 0.1
  done
  echo "bench: the server did not answer /health within 60 s" >&2
  exit 1
}

# cpu: the server's CPU time so far (user + system), in clock ticks; busy: the whole machine's, all processes
cpu() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
busy() { awk '$1 == "cpu" {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }

# drive NAME PATH BODY TYPE: one wrk run; prints requests/s, p50, p99, the server's CPU per request, the load before it
drive() {
  local name=$1 path=$2 body=$3 type=$4 load c0 c1
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  local b0 b1 t0 t1
  b0=$(busy)
  t0=$(date +%s.%N)
  c0=$(cpu)
  BODY="$body" TYPE="$type" /usr/bin/time -f "%U %S" -o "$OUT/wrk-time.txt" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/advise.lua "$URL$path" > "$OUT/$name.txt"
  c1=$(cpu)
  t1=$(date +%s.%N)
  b1=$(busy)
  local rps p50 p99 failed n per wrk others
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$OUT/$name.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$OUT/$name.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$OUT/$name.txt")
  n=$(awk '/requests in/ {print $1}' "$OUT/$name.txt")
  failed=$(awk '/^bench: answers not 200/ {print $NF}' "$OUT/$name.txt")
  per=$(awk -v t=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" -v n="$n" 'BEGIN { printf "%.2f", t * 1000 / hz / n }')
  wrk=$(awk -v n="$n" '{ printf "%.2f", ($1 + $2) * 1000 / n }' "$OUT/wrk-time.txt")
  # what the rest of the machine used meanwhile, in cores: all of it but the server and wrk
  others=$(awk -v b=$((b1 - b0)) -v c=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" -v w="$(awk '{print $1 + $2}' "$OUT/wrk-time.txt")" \
    -v s="$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" 'BEGIN { o = ((b - c) / hz - w) / s; printf "%.2f", o < 0 ? 0 : o }')
  say "$(printf '%-30s %8s req/s  p50 %8s  p99 %8s  CPU ms/req: server %s, wrk %s  others used %s cores  load before %s  failed %s' \
    "$name" "$rps" "$p50" "$p99" "$per" "$wrk" "$others" "$load" "$failed")"
  if [ "${failed:-1}" != 0 ]; then
    echo "bench: $name had answers that were not 200; see $OUT/$name.txt" >&2
    exit 1
  fi
}

# warm PATH BODY TYPE: 5 s of requests whose figures are not kept (the JIT compiles the hot path)
warm() {
  BODY="$2" TYPE="$3" wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s bench/advise.lua "$URL$1" | awk '/^Requests\/sec:/ {print int($2)}'
}

# settle PATH BODY TYPE: warm rounds until two in a row agree within 10%; says how many it took
settle() {
  local before=0 now rounds=0
  while [ "$rounds" -lt "$WARMUP_ROUNDS" ]; do
    now=$(warm "$@")
    rounds=$((rounds + 1))
    if [ "$before" -gt 0 ] && [ $((now * 10)) -ge $((before * 9)) ] && [ $((now * 10)) -le $((before * 11)) ]; then
      break
    fi
    before=$now
  done
  say "warm-up: $rounds rounds of 5 s (the last at $now req/s)"
}

say "advisor serve under load, $(date -u +%Y-%m-%dT%H:%MZ)"
say "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
say "java: $(java -version 2>&1 | head -1); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
say "settings: wrk -t$THREADS -c$CONNECTIONS -d$DURATION (warm-up: 5 s rounds until steady, at most $WARMUP_ROUNDS, then 5 s of each other body and route), one use case: $FACT, JAVA_OPTS=${JAVA_OPTS:-}"
say "load average before: $(cut -d' ' -f1-3 /proc/loadavg); busiest other processes (%CPU since they started):"
ps -eo pid=,pcpu=,etime=,args= --sort=-pcpu > "$OUT/ps.txt"
awk -v self=$$ '$1 != self && $4 !~ /^ps$/ && n++ < 5 {print "    " substr($0, 1, 120)}' "$OUT/ps.txt" | tee -a "$RESULTS"

# the fact file as JSON: as the advisor read it (the input of its decision-log line)
JSON="$OUT/body.json"
java -jar "$JAR" advise --format jsonl --decision-log "$OUT/body.log" "$FACT" > /dev/null
jq -c .input "$OUT/body.log" | tail -1 > "$JSON"
rm -f "$OUT/body.log"
YAML_TYPE=application/yaml
JSON_TYPE=application/json
PLAIN="/v1/advise?counterfactuals=false"

start_server
settle "$PLAIN" "$JSON" "$JSON_TYPE"
warm "$PLAIN" "$FACT" "$YAML_TYPE" > /dev/null
warm "/v1/advise" "$JSON" "$JSON_TYPE" > /dev/null
drive "advise, JSON" "$PLAIN" "$JSON" "$JSON_TYPE"
drive "advise, YAML" "$PLAIN" "$FACT" "$YAML_TYPE"
drive "advise, JSON, counterfactuals" "/v1/advise" "$JSON" "$JSON_TYPE"
stop_server

LOG="$OUT/decisions.jsonl"
rm -f "$LOG"
start_server --decision-log "$LOG"
settle "$PLAIN" "$JSON" "$JSON_TYPE"
drive "advise, JSON, --decision-log" "$PLAIN" "$JSON" "$JSON_TYPE"
stop_server
say "decision log: $(wc -l < "$LOG") decisions, $(du -h "$LOG" | cut -f1)"
rm -f "$LOG"
say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
