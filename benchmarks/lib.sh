# Shared by the benchmark scripts (sourced, not run; run.sh skips it). See run.sh for the contract.
# bench_build: builds the benchmarks uber-JAR with its sibling modules from this reactor (never from ~/.m2), unless
#              run.sh built it already (BENCH_SKIP_BUILD=1).
# bench_java:  the JVM options every harness runs with: a fixed heap, compiler threads that never end (so the CPU
#              book sees every JIT thread), quiet logging.
# bench_machine_line: one line on the machine, the JDK, the date and the load average.

bench_build() {
  if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
    (cd "$BENCH_ROOT" && mvn -B -q -pl benchmarks -am package -DskipTests >&2)
  fi
}

bench_java() {
  java -Xms1g -Xmx1g -XX:-UseDynamicNumberOfCompilerThreads -Dlog4j2.level=WARN \
    -cp "$BENCH_ROOT/benchmarks/target/benchmarks.jar" "$@"
}

bench_machine_line() {
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1 | tr -d '"');" \
    "$(date -u '+%F %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg)."
}

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export BENCH_ROOT
