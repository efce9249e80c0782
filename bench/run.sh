#!/usr/bin/env bash
# The benchmark, one command: bench/run.sh
#
# Generates synthetic use cases with a fixed seed (bench/Bench.java), then measures on this machine:
#   - cold start: JVM start to the result for one fact file (compiled-rules cache warm, and cache off)
#   - end to end: advise --format jsonl on N cases, 1 and 2 threads (wall time, cases/s, peak RSS)
#   - the same output for 1 and 2 threads (sha256 of both outputs)
#   - the floor: the same JSONL merely parsed and re-written with Jackson, in the same run
#   - the engine alone: use cases parsed up front, then only evaluated
#   - BIG cases with -Xmx128m, and its peak RSS against N cases with -Xmx128m
#   - the HTML portfolio report (totals first, rows spooled) on N cases with -Xmx128m
#   - whole-space verification: advisor verify on the default space, and advisor diff --space (identical rules, and a
#     copy with minLabeledExamples 1000 -> 2000): wall time, evaluations and evaluations/s
#
# Settings (environment): N=100000 BIG=1000000 SEED=42 THREADS=2 OUT=target/bench; PARTS=all (or advise, or space:
# only the advise runs, or only the whole-space runs). Needs GNU time
# (/usr/bin/time, Debian package "time") for peak RSS. Outputs go to /dev/null except for the sha256 check.
# Results: printed, and written to $OUT/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-100000}
BIG=${BIG:-1000000}
SEED=${SEED:-42}
THREADS=${THREADS:-2}
OUT=${OUT:-target/bench}
PARTS=${PARTS:-all}
JAR=target/advisor.jar
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }

mkdir -p "$OUT"
RESULTS="$OUT/results.txt"
: > "$RESULTS"
say() { echo "$*" | tee -a "$RESULTS"; }

mvn -q -B -DskipTests package
# compiled once, so that no run below pays for compiling it
mkdir -p "$OUT/classes"
javac -d "$OUT/classes" -cp "$JAR" bench/Bench.java
BENCH=(java -cp "$JAR:$OUT/classes" Bench)
say "finetune-advisor benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
say "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
say "java: $(java -version 2>&1 | head -1); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
say "settings: N=$N BIG=$BIG SEED=$SEED THREADS=$THREADS PARTS=$PARTS"

if [ "$PARTS" != space ]; then
gen() {
  local n=$1 file="$OUT/cases-$1-seed$SEED.jsonl"
  [ -s "$file" ] || "${BENCH[@]}" generate "$n" "$SEED" "$file"
  echo "$file"
}
SMALL=$(gen "$N")
LARGE=$(gen "$BIG")

# runs a command with output to /dev/null; sets WALL (s), RSS (KiB) and CODE (exit status)
measure() {
  set +e
  "$TIME" -f "%e %M" -o "$OUT/time.txt" "$@" > /dev/null 2> "$OUT/stderr.txt"
  CODE=$?
  set -e
  read -r WALL RSS < <(tail -1 "$OUT/time.txt")
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }

# cold start: the first run fills the compiled-rules cache, then 5 runs take it from there
ONE=facts/content-moderation-500k.yaml
export FINETUNE_ADVISOR_CACHE="$OUT/cache"
rm -rf "$FINETUNE_ADVISOR_CACHE"
measure java -jar "$JAR" advise --format json "$ONE"
say "cold start, one file, rules compiled (cache empty): ${WALL} s wall, peak RSS $((RSS / 1024)) MiB"
walls=()
for _ in 1 2 3 4 5; do
  measure java -jar "$JAR" advise --format json "$ONE"
  walls+=("$WALL")
done
say "cold start, one file, rules from the cache: ${walls[*]} s wall (5 runs), median $(printf '%s\n' "${walls[@]}" | sort -n | sed -n 3p) s"

# end to end, and the floor
for t in 1 "$THREADS"; do
  measure java -jar "$JAR" advise --format jsonl --threads "$t" "$SMALL"
  say "end to end, $N cases, --threads $t: ${WALL} s wall, $(rate "$N" "$WALL") cases/s, peak RSS $((RSS / 1024)) MiB, exit code $CODE"
  [ "$t" = "$THREADS" ] && E2E=$WALL
done
measure "${BENCH[@]}" floor "$SMALL" /dev/null
FLOOR=$WALL
say "floor (Jackson parse + re-write, one process), $N cases: ${FLOOR} s wall, $(rate "$N" "$FLOOR") lines/s"
say "end to end / floor: $(awk -v a="$E2E" -v b="$FLOOR" 'BEGIN { printf "%.1fx", a / b }') (target: at most 3x)"

a=$(java -jar "$JAR" advise --format jsonl --threads 1 "$SMALL" 2>/dev/null | sha256sum | cut -c1-16)
b=$(java -jar "$JAR" advise --format jsonl --threads "$THREADS" "$SMALL" 2>/dev/null | sha256sum | cut -c1-16)
say "same output for 1 and $THREADS threads: $([ "$a" = "$b" ] && echo yes || echo NO) (sha256 $a / $b)"

"${BENCH[@]}" engine "$SMALL" 1 2>/dev/null | sed 's/^/engine only: /' | tee -a "$RESULTS"
"${BENCH[@]}" engine "$SMALL" "$THREADS" 2>/dev/null | sed 's/^/engine only: /' | tee -a "$RESULTS"

# memory: flat whatever the input size
measure java -Xmx128m -jar "$JAR" advise --format jsonl --threads "$THREADS" "$SMALL"
RSS_SMALL=$RSS
say "-Xmx128m, $N cases: ${WALL} s wall, peak RSS $((RSS / 1024)) MiB"
measure java -Xmx128m -jar "$JAR" advise --format jsonl --threads "$THREADS" "$LARGE"
say "-Xmx128m, $BIG cases: ${WALL} s wall, $(rate "$BIG" "$WALL") cases/s, peak RSS $((RSS / 1024)) MiB, exit code $CODE"
say "peak RSS $BIG vs $N cases: $(awk -v a="$RSS" -v b="$RSS_SMALL" 'BEGIN { printf "%+.1f%%", 100 * (a - b) / b }') (target: within 10%)"
measure java -Xmx128m -jar "$JAR" advise --format html --threads "$THREADS" "$SMALL"
say "html report, -Xmx128m, $N cases: ${WALL} s wall, peak RSS $((RSS / 1024)) MiB, exit code $CODE"
fi

# whole-space verification: the default space; the times and evaluations come from the JSON's timing object
if [ "$PARTS" != advise ]; then
timing() { tr -d ' \n' < "$1" | sed -n 's/.*"timing":{"evaluations":\([0-9]*\),"evaluationsPerSecond":\([0-9]*\),"millis":\([0-9]*\)}.*/\1 evaluations, \2 a second, \3 ms in the command/p'; }
measure_json() { local file=$1; shift; set +e; "$TIME" -f "%e %M" -o "$OUT/time.txt" "$@" > "$file" 2> "$OUT/stderr.txt"; CODE=$?; set -e
  read -r WALL RSS < <(tail -1 "$OUT/time.txt"); }
measure_json "$OUT/verify.json" java -jar "$JAR" verify --threads "$THREADS" --format json
say "verify, default space (t = 3, pairs on the backgrounds, 1,000 random): ${WALL} s wall, $(timing "$OUT/verify.json"), peak RSS $((RSS / 1024)) MiB, exit code $CODE"
measure_json "$OUT/verify-quick.json" java -jar "$JAR" verify --threads "$THREADS" --quick --format json
say "verify --quick (the test suite's space): ${WALL} s wall, $(timing "$OUT/verify-quick.json"), exit code $CODE"
measure_json "$OUT/diff-space-same.json" java -jar "$JAR" diff --space --threads "$THREADS" --base-rules rules --format json
say "diff --space, identical rules: ${WALL} s wall, $(timing "$OUT/diff-space-same.json"), exit code $CODE"
rm -rf "$OUT/rules-2000" && cp -r rules "$OUT/rules-2000"
sed -i '0,/value: 1000/s//value: 2000/' "$OUT/rules-2000/assumptions.yaml"   # the first value is minLabeledExamples
measure_json "$OUT/diff-space-2000.json" java -jar "$JAR" diff --space --threads "$THREADS" --rules "$OUT/rules-2000" --base-rules rules --format json
say "diff --space, minLabeledExamples 1000 -> 2000: ${WALL} s wall, $(timing "$OUT/diff-space-2000.json"), exit code $CODE"
fi
say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
