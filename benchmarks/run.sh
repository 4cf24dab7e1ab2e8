#!/usr/bin/env bash
# Runs every benchmark of the project and rewrites its figures in BENCHMARKS.md.
#
#   benchmarks/run.sh [--quick] [--no-write] [NAME...]
#
# THE CONTRACT (how a benchmark joins; nothing in this file changes for a new one)
# - A benchmark NAME is an executable script benchmarks/NAME.sh, plus a place for its figures in BENCHMARKS.md
#   between two marker lines:
#       <!-- bench:NAME:begin -->
#       <!-- bench:NAME:end -->
#   run.sh runs, in the order of the markers in BENCHMARKS.md, every NAME that has markers (or only the NAMEs
#   given), from the repository root, as:   BENCH_SKIP_BUILD=1 BENCH_QUICK=0|1 benchmarks/NAME.sh [--quick]
# - The script prints its result block (markdown) on stdout and nothing else there; progress and logs go to
#   stderr. Exit status 0 when it measured; anything else leaves the old block in place (run.sh then exits 1).
# - The block states where and when it was measured: machine, JDK, date, the command that made it, and the load
#   average (lib.sh's bench_machine_line, or the harness's own line). Every figure comes with a baseline measured in
#   the same run, A/B alternated (three alternations in a full run), as a ratio: median and spread [min–max] over
#   the alternations.
# - With --quick the script takes its short mode; all scripts together stay under 5 minutes (a check before a
#   commit). A full run stays under 30 minutes.
# - The benchmarks uber-JAR (benchmarks/target/benchmarks.jar: the JMH benchmarks and the harnesses, with the
#   sibling modules of this reactor) is built once here; a script that needs another build (e.g. a module's test
#   classes) makes it itself. Scripts may source benchmarks/lib.sh (bench_build, bench_java, bench_machine_line).
# - Markers without a script yet are reported and skipped.
#
# OUTPUT
# - Full run: BENCHMARKS.md is rewritten block by block as each benchmark finishes; the blocks are also kept in
#   benchmarks/target/bench/NAME.md and the logs in benchmarks/target/bench/NAME.log.
# - --quick: the blocks go to benchmarks/target/bench/BENCHMARKS.quick.md (a copy of BENCHMARKS.md); BENCHMARKS.md,
#   whose figures are a full run's, is not touched. --no-write: nothing is written but the per-benchmark files.
#
# Benchmarks are not part of `mvn -B verify`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
quick=0
write=1
names=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --no-write) write=0 ;;
    -h|--help) sed -n '2,36p' "$0"; exit 0 ;;
    -*) echo "unknown option $arg" >&2; exit 2 ;;
    *) names+=("$arg") ;;
  esac
done

out=benchmarks/target/bench
mkdir -p "$out"
doc=BENCHMARKS.md
if [[ $quick == 1 ]]; then
  cp BENCHMARKS.md "$out/BENCHMARKS.quick.md"
  doc="$out/BENCHMARKS.quick.md"
fi

mapfile -t marked < <(sed -n 's/^<!-- bench:\([a-z0-9-]*\):begin -->$/\1/p' BENCHMARKS.md)
if [[ ${#names[@]} -eq 0 ]]; then
  names=("${marked[@]}")
fi

echo "building the benchmarks (mvn -pl benchmarks -am package)" >&2
mvn -B -q -pl benchmarks -am package -DskipTests >&2

splice() { # NAME BLOCK_FILE DOC: replaces what is between NAME's markers in DOC with BLOCK_FILE
  awk -v name="$1" -v file="$2" '
    BEGIN { while ((getline line < file) > 0) block = block line "\n" }
    $0 == "<!-- bench:" name ":begin -->" { print; printf "%s", block; skip = 1; next }
    $0 == "<!-- bench:" name ":end -->" { skip = 0 }
    !skip { print }' "$3" > "$3.tmp" && mv "$3.tmp" "$3"
}

failed=()
start_all=$(date +%s)
for name in "${names[@]}"; do
  script="benchmarks/$name.sh"
  if ! printf '%s\n' "${marked[@]}" | grep -qx "$name"; then
    echo "== $name: no <!-- bench:$name:begin/end --> markers in BENCHMARKS.md; skipped" >&2
    failed+=("$name")
    continue
  fi
  if [[ ! -x "$script" ]]; then
    echo "== $name: no executable $script yet; skipped" >&2
    continue
  fi
  echo "== $name ($(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1 /proc/loadavg))" >&2
  start=$(date +%s)
  args=()
  [[ $quick == 1 ]] && args+=(--quick)
  if BENCH_SKIP_BUILD=1 BENCH_QUICK=$quick "$script" "${args[@]}" > "$out/$name.md" 2> >(tee "$out/$name.log" >&2); then
    echo "== $name done in $(( $(date +%s) - start )) s" >&2
    if [[ $write == 1 ]]; then
      splice "$name" "$out/$name.md" "$doc"
    fi
  else
    echo "== $name FAILED after $(( $(date +%s) - start )) s (log: $out/$name.log); its old block is kept" >&2
    failed+=("$name")
  fi
done
echo "all done in $(( $(date +%s) - start_all )) s; figures in $doc" >&2
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "failed or misnamed: ${failed[*]}" >&2
  exit 1
fi
