#!/usr/bin/env bash
# The JMH micro-benchmarks (EventCodecBenchmark, MaskingBenchmark...): builds them and runs them. Extra arguments go to JMH (e.g. a benchmark name regex,
# or "-f 1 -wi 1 -i 3" for a quick look). Paste the summary into BENCHMARKS.md with the machine and date.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am -DskipTests package
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u +%F)"
java -jar benchmarks/target/benchmarks.jar "$@"
