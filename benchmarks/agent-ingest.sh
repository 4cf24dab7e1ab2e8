#!/usr/bin/env bash
# Builds the benchmarks module and runs io.connectusm.benchmarks.AgentIngestHarness: a real usm-agent in this
# JVM (loopback, real mTLS, spool in a temp dir, no endpoint) under C concurrent clients posting batches of B
# connector snapshots. Options (defaults): --duration 20 --clients 1,4,16 --batches 1,50 --connectors 1000
# --big-connectors 10000 --big-duration 30 --big-clients 16 --big-batch 50 --big-history 1 --warmup 8
# --provider auto
# --out benchmarks/target/agent-ingest.md. About 4.5 minutes with the defaults; results in BENCHMARKS.md.
# Sibling modules must be installed in ~/.m2 (mvn -B -q -pl usm-agent,certs-tooling,metadata-events install -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  mvn -B -q -pl benchmarks package
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)," \
  "$(date -u '+%F %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
exec java -Xms1g -Xmx1g -Dlog4j2.level=WARN -cp benchmarks/target/benchmarks.jar \
  io.connectusm.benchmarks.AgentIngestHarness "$@"
