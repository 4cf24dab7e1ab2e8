#!/usr/bin/env bash
# bench: jmh — every JMH benchmark in benchmarks/ (EventCodecBenchmark; each module's own as they arrive, e.g.
# secret-detection's MaskingBenchmark), each against a baseline measured in the same run.
# A JMH class joins by being in the benchmarks module; its baseline is its method whose name starts with "baseline"
# (same @Param values): the report gives every method's score and its ratio to that baseline. A class without one is
# listed without ratios.
# Alternation: the whole set runs once per round (3 rounds in a full run, 1 with --quick), one fork each; a method's
# figure is the median [min–max] of its rounds' scores, its ratio that of the per-round ratios.
# Full run ~4 min with EventCodecBenchmark alone, --quick ~1 min. Extra arguments: a benchmark name regex.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_build
cd "$BENCH_ROOT"
rounds=3 jmh_args=(-f 1 -wi 2 -w 1 -i 3 -r 1)
filter=()
for arg in "$@"; do
  case "$arg" in
    --quick) rounds=1 jmh_args=(-f 1 -wi 1 -w 1 -i 2 -r 1) ;;
    *) filter+=("$arg") ;;
  esac
done
out=benchmarks/target/jmh
mkdir -p "$out"
files=()
start="$(date -u '+%F %H:%M UTC')" load_start=$(cut -d' ' -f1 /proc/loadavg)
loads=()
for round in $(seq 1 "$rounds"); do
  echo "JMH round $round of $rounds" >&2
  java -jar benchmarks/target/benchmarks.jar "${jmh_args[@]}" -rf json -rff "$out/round-$round.json" \
    ${filter[@]+"${filter[@]}"} >&2
  files+=("$out/round-$round.json")
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
done
header="Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1 | tr -d '"');"
header+=" $start – $(date -u '+%H:%M UTC'); load average $load_start at the start, ${loads[*]} after each round."
header+=" Command: \`benchmarks/jmh.sh $*\` (JMH 1.37, ${jmh_args[*]}, $rounds round(s))."
java -cp benchmarks/target/benchmarks.jar io.connectusm.benchmarks.report.JmhReport "$header" "${files[@]}"
