#!/usr/bin/env bash
# Performance of ciliac as ratios against floors, from one run (docs/performance.md):
#   1. compile of the 1,000-policy corpus vs a bare Jackson YAML parse + write of its output   <= 3x
#   2. scaling 100 -> 1,000 -> 10,000 policies (warm JVM): 10x input                     <= 11x time
#      and the per-stage table (thread CPU of each stage at 1,000 and 10,000 policies)
#   3. evaluator verdicts per second on one core, 1,000-policy corpus                   >= 2,000,000
#   4. `ciliac check` of one small file vs a hello-world JVM                                    <= 3x
#   1c. `ciliac diff` of two versions of the 1,000-policy corpus vs compiling one     <= 3x
#   2c. the same for the monorepo-shaped corpus, ~1,000 -> ~10,000 policies in 4 namespaces
#   5. the 10,000-policy corpus (and the monorepo corpus) compiles with -Xmx256m; peak heap shown
#   6. ciliac replay of a generated Hubble flow file, one core: records per second   >= 500,000
#   7. the same replay's peak heap, run with -Xmx256m                                  <= 256 MB
#   8. `ciliac lsp`: didChange -> publishDiagnostics, median warm, a 200-line file with imports
#      <= 50 ms; the same for a file of the 1,000-policy corpus workspace (for information)
# Usage: bench/run.sh [--no-build] [--runs N] [--jmh] [--only LINES] [--flows-mb N]
#   --no-build  use target/ciliac.jar and target/benchmarks.jar as they are
#   --runs N    process runs per command for ratios 1 and 4 (default 5 and 10); medians count
#   --jmh       afterwards, run the JMH stage benchmarks with short settings (adds ~5 minutes)
#   --only L    only the lines in the comma-separated list L (1, 2, 2c, 3, 4, 5, 6, 8), e.g. --only 2,2c
#   --flows-mb N size of the generated flow file for 6 and 7 (default 256; 1024 for the 1 GB case)
# Line 4b runs line 4 on JDK 25 (its AOT cache) when $JDK25 (default
# /usr/lib/jvm/temurin-25-jdk-amd64) holds one. The report names the load average at the start
# and the end: wall-time ratios mean little on a busy machine, thread-CPU ratios more.
# Exit status: 0 when every target holds, 1 when one fails, 2 when the script cannot run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

build=1
runs=5
jmh=0
only=",1,2,2c,3,4,5,6,8,"
flows_mb=256
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=0 ;;
    --runs) runs="$2"; shift ;;
    --jmh) jmh=1 ;;
    --only) only=",$2,"; shift ;;
    --flows-mb) flows_mb="$2"; shift ;;
    *) echo "usage: bench/run.sh [--no-build] [--runs N] [--jmh] [--only LINES] [--flows-mb N]" >&2; exit 2 ;;
  esac
  shift
done
wants() { [[ "$only" == *",$1,"* ]]; }
jdk25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
load_start="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

work="$(mktemp -d "${TMPDIR:-/tmp}/cilia-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
started=$(date +%s)

say() { printf '%s\n' "$*" >&2; }

if [[ $build -eq 1 ]]; then
  say "building target/ciliac.jar and target/benchmarks.jar…"
  ./mvnw -q -B -DskipTests package >&2
  ./mvnw -q -B -Pbench -DskipTests package >&2
fi
for jar in target/ciliac.jar target/benchmarks.jar; do
  [[ -f "$jar" ]] || { say "missing $jar: run without --no-build"; exit 2; }
done
bench_cp=target/benchmarks.jar

# Wall and CPU (user+sys) seconds of one command, output discarded: "WALL CPU".
TIMEFORMAT='%R %U %S'
measure() {
  local t
  t=$( { time "$@" >/dev/null 2>"$work/last.err"; } 2>&1 ) || {
    say "failed: $*"; cat "$work/last.err" >&2; print_results "failed after the lines above"; exit 2;
  }
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' <<<"$t"
}

# Median and best (smallest) of a column (1 = wall, 2 = CPU) of lines "WALL CPU".
median() {
  cut -d' ' -f"${2:-1}" "$1" | sort -n |
    awk '{ a[NR] = $1 } END { printf "%.3f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
best() { cut -d' ' -f"${2:-1}" "$1" | sort -n | head -1; }

verdict() { # value op target
  if awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { exit !((op == "<=") ? v <= t : v >= t) }'; then
    echo PASS
  else
    echo FAIL
  fi
}

# The report: the load average at the start and now, every line measured, the per-stage table.
print_results() {
  local elapsed=$(($(date +%s) - started))
  echo
  echo "ciliac benchmarks — $(java -version 2>&1 | head -1), $(nproc) cores, load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') at the end, ${elapsed}s${1:+ ($1)}"
  local line
  for line in "${results[@]}"; do
    echo "$line"
  done
  if [[ -n "${stage_table:-}" ]]; then
    echo
    echo "$stage_table"
  fi
}

results=()
record() { # name value target status note
  results+=("$(printf '%-44s %14s   target %-12s %s  %s' "$1" "$2" "$3" "$4" "$5")")
}

say "java: $(java -version 2>&1 | head -1); cores: $(nproc)"

# ---------------------------------------------------------------- corpora
sizes=()
if wants 1 || wants 3 || wants 8; then sizes+=(1000); fi
if wants 5; then sizes+=(10000); fi
if wants 2; then sizes=(100 1000 10000); fi
for n in "${sizes[@]}"; do
  say "generating and checking the $n-policy corpus…"
  java -cp "$bench_cp" dev.cilia.bench.Corpus "$work/corpus-$n" "$n" >&2
done
if wants 2c || wants 5; then
  for s in 83 833; do
    say "generating and checking the monorepo corpus with $s services per namespace…"
    java -cp "$bench_cp" dev.cilia.bench.Monorepo "$work/mono-$s" "$s" >&2
  done
fi

# ---------------------------------------------------------------- 1. compile vs YAML floor
if wants 1; then
say "1. ciliac compile of 1,000 policies vs the Jackson YAML floor ($runs runs each)…"
: >"$work/compile.times"
: >"$work/floor.times"
for ((i = 0; i < runs; i++)); do
  rm -rf "$work/out-1000"
  measure java -jar target/ciliac.jar compile -o "$work/out-1000" "$work/corpus-1000" >>"$work/compile.times"
  measure java -cp "$bench_cp" dev.cilia.bench.YamlFloor "$work/out-1000" >>"$work/floor.times"
done
documents=$(find "$work/out-1000" -name '*.yaml' | wc -l)
[[ "$documents" -eq 1000 ]] || { say "expected 1000 documents, found $documents"; exit 2; }
c=$(median "$work/compile.times"); f=$(median "$work/floor.times")
ratio1=$(awk -v a="$c" -v b="$f" 'BEGIN { printf "%.2f", a / b }')
cpu1=$(awk -v a="$(median "$work/compile.times" 2)" -v b="$(median "$work/floor.times" 2)" 'BEGIN { printf "%.2f", a / b }')
best1=$(awk -v a="$(best "$work/compile.times")" -v b="$(best "$work/floor.times")" 'BEGIN { printf "%.2f", a / b }')
record "1. compile 1,000 / YAML parse+write floor" "${ratio1}x" "<= 3x" "$(verdict "$ratio1" "<=" 3)" \
  "(median wall ${c}s vs ${f}s; CPU ${cpu1}x; best-run ratio ${best1}x)"

# The same compile through the ./ciliac wrapper (C1 only, serial GC, class-data archive): for
# information, the ratio that users of the wrapper see.
./ciliac check "$work/corpus-1000" >/dev/null 2>&1 # the wrapper's archive, made on first use
: >"$work/wrapper.times"
for ((i = 0; i < (runs + 1) / 2; i++)); do
  rm -rf "$work/out-wrapper"
  measure ./ciliac compile -o "$work/out-wrapper" "$work/corpus-1000" >>"$work/wrapper.times"
done
w=$(median "$work/wrapper.times")
ratio1b=$(awk -v a="$w" -v b="$f" 'BEGIN { printf "%.2f", a / b }')
record "1b. ./ciliac compile 1,000 / floor (info)" "${ratio1b}x" "-" "info" \
  "(median wall ${w}s vs ${f}s)"
fi

# ---------------------------------------------------------------- 2. scaling, warm JVM
get() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }
if wants 2; then
say "2. scaling 100 -> 1,000 -> 10,000 in one warm JVM…"
# A fixed heap, so that heap resizing does not favour one size; the JVM's default collector.
java -Xms2g -Xmx2g -cp "$bench_cp" dev.cilia.bench.Harness scaling \
  "$work/corpus-100" "$work/corpus-1000" "$work/corpus-10000" >"$work/scaling.out"
t100=$(get "$work/scaling.out" scaling.100.wall_ms)
t1000=$(get "$work/scaling.out" scaling.1000.wall_ms)
t10000=$(get "$work/scaling.out" scaling.10000.wall_ms)
r21=$(awk -v a="$t1000" -v b="$t100" 'BEGIN { printf "%.2f", a / b }')
r22=$(awk -v a="$t10000" -v b="$t1000" 'BEGIN { printf "%.2f", a / b }')
c21=$(awk -v a="$(get "$work/scaling.out" scaling.1000.cpu_ms)" -v b="$(get "$work/scaling.out" scaling.100.cpu_ms)" 'BEGIN { printf "%.2f", a / b }')
c22=$(awk -v a="$(get "$work/scaling.out" scaling.10000.cpu_ms)" -v b="$(get "$work/scaling.out" scaling.1000.cpu_ms)" 'BEGIN { printf "%.2f", a / b }')
g100=$(get "$work/scaling.out" scaling.100.gc_ms)
g1000=$(get "$work/scaling.out" scaling.1000.gc_ms)
g10000=$(get "$work/scaling.out" scaling.10000.gc_ms)
record "2a. time 1,000 / time 100 policies" "${r21}x" "<= 11x" "$(verdict "$r21" "<=" 11)" \
  "(mean ${t100} -> ${t1000} ms, GC ${g100} -> ${g1000} ms; CPU of the compiling threads ${c21}x)"
record "2b. time 10,000 / time 1,000 policies" "${r22}x" "<= 11x" "$(verdict "$r22" "<=" 11)" \
  "(mean ${t1000} -> ${t10000} ms, GC ${g1000} -> ${g10000} ms; CPU of the compiling threads ${c22}x)"
# The per-stage table: thread CPU of each stage for 1,000 and 10,000 policies, so that a ratio 2b
# over 11x names the stage that grows faster than its input.
say "2. per-stage thread CPU, 1,000 and 10,000 policies…"
java -Xms2g -Xmx2g -cp "$bench_cp" dev.cilia.bench.Stages "$work/corpus-1000" 6 >"$work/stages-1000.out"
java -Xms2g -Xmx2g -cp "$bench_cp" dev.cilia.bench.Stages "$work/corpus-10000" 4 >"$work/stages-10000.out"
stage_table=$(awk '
  FNR == 1 { file++ }
  $1 ~ /^stage\./ { name = substr($1, 7); if (file == 1) { order[++n] = name; a[name] = $2 } else { b[name] = $2 } }
  END {
    printf "%-18s %12s %12s %8s\n", "stage (thread CPU)", "1,000 ms", "10,000 ms", "ratio"
    for (i = 1; i <= n; i++) {
      k = order[i]
      printf "%-18s %12.1f %12.1f %7.2fx\n", k, a[k], b[k], (a[k] > 0 ? b[k] / a[k] : 0)
    }
  }' "$work/stages-1000.out" "$work/stages-10000.out")
fi
if wants 2c; then
  say "2c. scaling of the monorepo corpus, 1,001 -> 10,001 policies, in one warm JVM…"
  java -Xms2g -Xmx2g -cp "$bench_cp" dev.cilia.bench.Harness pair mono "$work/mono-83" \
    "$work/mono-833" >"$work/mono.out"
  ms=$(get "$work/mono.out" mono.small.wall_ms)
  ml=$(get "$work/mono.out" mono.large.wall_ms)
  mcs=$(get "$work/mono.out" mono.small.cpu_ms)
  mcl=$(get "$work/mono.out" mono.large.cpu_ms)
  r2c=$(awk -v a="$ml" -v b="$ms" 'BEGIN { printf "%.2f", a / b }')
  c2c=$(awk -v a="$mcl" -v b="$mcs" 'BEGIN { printf "%.2f", a / b }')
  record "2c. monorepo 10,001 / 1,001 policies" "${r2c}x" "<= 11x" "$(verdict "$r2c" "<=" 11)" \
    "(mean ${ms} -> ${ml} ms, GC $(get "$work/mono.out" mono.small.gc_ms) -> $(get "$work/mono.out" mono.large.gc_ms) ms; CPU of the compiling threads ${mcs} -> ${mcl} ms, ${c2c}x)"
fi

# ---------------------------------------------------------------- 3. evaluator
if wants 3; then
say "3. evaluator verdicts per second on one thread…"
java -cp "$bench_cp" dev.cilia.bench.Harness evaluator "$work/corpus-1000" 8 >"$work/evaluator.out"
best3=$(get "$work/evaluator.out" evaluator.best_per_s)
median3=$(get "$work/evaluator.out" evaluator.median_per_s)
record "3. evaluator verdicts/s, one core" "$(printf "%'d" "$best3" 2>/dev/null || echo "$best3")" \
  ">= 2,000,000" "$(verdict "$best3" ">=" 2000000)" "(best 1 s window; median $median3)"
fi

# ---------------------------------------------------------------- 4. check one file vs hello JVM
if wants 4; then
say "4. ciliac check of one small file vs a hello-world JVM ($((runs * 2)) runs each)…"
mkdir -p "$work/hello"
javac -d "$work/hello" bench/Hello.java
small=samples/l7-visibility.cilia
./ciliac check "$small" >/dev/null 2>&1 # first use: the wrapper's class-data archive
: >"$work/check.times"
: >"$work/hello.times"
for ((i = 0; i < runs * 2; i++)); do
  measure ./ciliac check "$small" >>"$work/check.times"
  measure java -cp "$work/hello" Hello >>"$work/hello.times"
done
k=$(median "$work/check.times"); h=$(median "$work/hello.times")
ratio4=$(awk -v a="$k" -v b="$h" 'BEGIN { printf "%.2f", a / b }')
cpu4=$(awk -v a="$(median "$work/check.times" 2)" -v b="$(median "$work/hello.times" 2)" 'BEGIN { printf "%.2f", a / b }')
best4=$(awk -v a="$(best "$work/check.times")" -v b="$(best "$work/hello.times")" 'BEGIN { printf "%.2f", a / b }')
record "4. ciliac check 1 file / hello-world JVM" "${ratio4}x" "<= 3x" "$(verdict "$ratio4" "<=" 3)" \
  "(median wall ${k}s vs ${h}s; CPU ${cpu4}x; best-run ratio ${best4}x)"
if [[ -x "$jdk25/bin/java" ]]; then
  say "4b. the same on JDK 25 ($jdk25), with the wrapper's AOT cache…"
  JAVA_HOME="$jdk25" ./ciliac check "$small" >/dev/null 2>&1 # first use: the AOT cache
  : >"$work/check25.times"
  : >"$work/hello25.times"
  for ((i = 0; i < runs * 2; i++)); do
    measure env JAVA_HOME="$jdk25" ./ciliac check "$small" >>"$work/check25.times"
    measure "$jdk25/bin/java" -cp "$work/hello" Hello >>"$work/hello25.times"
  done
  k25=$(median "$work/check25.times"); h25=$(median "$work/hello25.times")
  ratio4b=$(awk -v a="$k25" -v b="$h25" 'BEGIN { printf "%.2f", a / b }')
  cpu4b=$(awk -v a="$(median "$work/check25.times" 2)" -v b="$(median "$work/hello25.times" 2)" 'BEGIN { printf "%.2f", a / b }')
  record "4b. the same on JDK 25, AOT cache (info)" "${ratio4b}x" "-" "info" \
    "(median wall ${k25}s vs ${h25}s; CPU ${cpu4b}x)"
fi
fi

# ---------------------------------------------------------------- 1c. diff vs compile
if wants 1; then
  say "1c. ciliac diff of two versions of the 1,000-policy corpus (one policy in 20 gains a statement)…"
  rm -rf "$work/corpus-1000-new"
  # The whole corpus (its imported lib/ files too), then its policy files with the change.
  cp -r "$work/corpus-1000" "$work/corpus-1000-new"
  awk -v out="$work/corpus-1000-new" '
    FNR == 1 { if (name != "") close(name); name = FILENAME; sub(".*/", "", name); name = out "/" name }
    { print > name }
    /^(clusterwide )?policy .*\{$/ { if (n++ % 20 == 0) print "  allow tcp 41234 to ip 203.0.113.77" > name }
  ' "$work"/corpus-1000/*.cilia
  : >"$work/diff.times"
  for ((i = 0; i < runs; i++)); do
    # Exit 1 means "verdicts changed", which is the expected answer here.
    measure bash -c 'java -jar target/ciliac.jar diff "$1" "$2"; [[ $? -le 1 ]]' _ \
      "$work/corpus-1000" "$work/corpus-1000-new" >>"$work/diff.times"
  done
  java -jar target/ciliac.jar diff "$work/corpus-1000" "$work/corpus-1000-new" >"$work/diff.out" || true
  changes=$(tail -1 "$work/diff.out")
  d=$(median "$work/diff.times")
  ratio1c=$(awk -v a="$d" -v b="$c" 'BEGIN { printf "%.2f", a / b }')
  record "1c. diff 1,000 (5% changed) / compile 1,000" "${ratio1c}x" "<= 3x" "$(verdict "$ratio1c" "<=" 3)" \
    "(median wall ${d}s vs ${c}s; ${changes})"
fi

# ---------------------------------------------------------------- 5. memory
# Peak heap: the largest heap occupancy before a collection in the GC log.
peak() { grep -o '[0-9]*M->' "$1" | sed 's/M->//' | sort -n | tail -1; }
small_heap() { # label corpus expected
  rm -rf "$work/out-heap" "$work/gc.log"
  local t0 t1
  t0=$(date +%s.%N)
  if java -Xmx256m -Xlog:gc:file="$work/gc.log" -jar target/ciliac.jar compile -o "$work/out-heap" \
    "$2" >/dev/null 2>"$work/mem.err"; then
    t1=$(date +%s.%N)
    n=$(find "$work/out-heap" -name '*.yaml' | wc -l)
    if [[ "$n" -eq "$3" ]]; then status=PASS; else status=FAIL; fi
    record "$1" "$n docs" "$3 docs" "$status" \
      "(peak heap $(peak "$work/gc.log") MB of 256 MB; wall $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s)"
  else
    record "$1" "failed" "$3 docs" FAIL "($(tail -1 "$work/mem.err"))"
  fi
}
if wants 5; then
  say "5. the 10,000-policy corpus and the monorepo corpus with -Xmx256m…"
  small_heap "5. compile 10,000 policies with -Xmx256m" "$work/corpus-10000" 10000
  small_heap "5b. monorepo 10,001 policies, -Xmx256m" "$work/mono-833" 10001
fi

# ---------------------------------------------------------------- 6, 7. replay of Hubble flows
if wants 6; then
  say "6, 7. ciliac replay of a ${flows_mb} MB flow file on one core with -Xmx256m…"
  java -cp "$bench_cp" dev.cilia.bench.FlowFile generate samples/flows/default-namespace.jsonl \
    "$work/flows.jsonl" "$flows_mb" >"$work/generate.out"
  if java -Xmx256m -XX:ActiveProcessorCount=1 -XX:+UseSerialGC -cp "$bench_cp" \
    dev.cilia.bench.FlowFile replay "$work/flows.jsonl" samples/flows/l7-visibility-enforced.cilia \
    >"$work/replay.out" 2>"$work/replay.err"; then
    rate6=$(get "$work/replay.out" replay.records_per_s)
    cpu6=$(get "$work/replay.out" replay.records_per_cpu_s)
    read6=$(get "$work/replay.out" read.records_per_cpu_s)
    records6=$(get "$work/replay.out" replay.records)
    record "6. replay records/s, one core" "$(printf "%'d" "$rate6" 2>/dev/null || echo "$rate6")" \
      ">= 500,000" "$(verdict "$rate6" ">=" 500000)" \
      "($records6 records, $flows_mb MB; per CPU second $cpu6, reading alone $read6)"
    peak7=$(get "$work/replay.out" replay.peak_heap_mb)
    record "7. replay peak heap, ${flows_mb} MB file" "${peak7} MB" "<= 256 MB" \
      "$(verdict "$peak7" "<=" 256)" "(-Xmx256m; $(get "$work/replay.out" replay.distinct) distinct flows)"
  else
    record "6. replay records/s, one core" "failed" ">= 500,000" FAIL "($(tail -1 "$work/replay.err"))"
    record "7. replay peak heap, ${flows_mb} MB file" "failed" "<= 256 MB" FAIL ""
  fi
  rm -f "$work/flows.jsonl"
fi

# ---------------------------------------------------------------- 8. language server latency
if wants 8; then
  say "8. ciliac lsp: didChange to published diagnostics (200-line file; 1,000-policy workspace)…"
  java -cp "$bench_cp" dev.cilia.bench.LspLatency target/ciliac.jar "$work/corpus-1000" "$work" \
    >"$work/lsp.out"
  lines8=$(get "$work/lsp.out" lsp.small.lines)
  small8=$(get "$work/lsp.out" lsp.small.median_ms)
  corpus8=$(get "$work/lsp.out" lsp.corpus.median_ms)
  record "8a. lsp didChange -> diagnostics, ${lines8} lines" "${small8} ms" "<= 50 ms" \
    "$(verdict "$small8" "<=" 50)" \
    "(median of $(get "$work/lsp.out" lsp.small.runs) warm edits; best $(get "$work/lsp.out" lsp.small.best_ms) ms)"
  record "8b. lsp didChange -> diagnostics, 1,000 policies" "${corpus8} ms" "-" "info" \
    "(median of $(get "$work/lsp.out" lsp.corpus.runs) warm edits; best $(get "$work/lsp.out" lsp.corpus.best_ms) ms)"
fi

# ---------------------------------------------------------------- report
print_results
if [[ $jmh -eq 1 ]]; then
  echo
  java -jar "$bench_cp" -wi 2 -w 1 -i 3 -r 1 -f 1 -p policies=1000 'StageBenchmarks|EvaluatorBenchmark'
fi
if printf '%s\n' "${results[@]}" | grep -q ' FAIL '; then
  exit 1
fi
