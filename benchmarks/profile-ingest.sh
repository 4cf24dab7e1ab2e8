#!/usr/bin/env bash
# Profiles the agent's ingest with JFR (jdk.ExecutionSample, jdk.ObjectAllocationSample; the "profile" settings):
# runs the ingest harness for one cell and one target, records its timed windows, and prints where the server's
# event loops and the spool's committer spend CPU and allocate, by what the agent does (JfrProfile). Not a run.sh
# benchmark (it has no baseline): it explains the figures of agent-ingest.
#   benchmarks/profile-ingest.sh [--target tmpfs|disk] [--clients 16] [--batch 10] [--seconds 20] [--jar JAR]
# The recording stays in benchmarks/target/profile-ingest.jfr (open it in JDK Mission Control for more).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
target=tmpfs clients=16 batch=10 seconds=20 jar=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --target) target=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
cd "$BENCH_ROOT"
if [[ -z "$jar" ]]; then
  bench_build
  jar=benchmarks/target/benchmarks.jar
fi
out=benchmarks/target/profile-ingest.jfr
mkdir -p benchmarks/target
bench_machine_line
java -Xms1g -Xmx1g -XX:-UseDynamicNumberOfCompilerThreads -Dlog4j2.level=WARN -cp "$jar" \
  io.connectusm.benchmarks.ingest.AgentIngestHarness --targets "$target" --clients "$clients" --batches "$batch" \
  --closed "$seconds" --open 0 --alternations 1 --warmup 10 --jfr "$out" > /dev/null
label=$([[ $target == disk ]] && echo "agent, spool on disk" || echo "agent, spool on tmpfs")
java -cp "$BENCH_ROOT/benchmarks/target/benchmarks.jar" io.connectusm.benchmarks.profile.JfrProfile "$out" "$label"
