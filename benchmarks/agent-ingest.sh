#!/usr/bin/env bash
# bench: agent-ingest — the agent's durable ingest vs a minimal Netty HTTPS server (same mTLS, certificates, BoringSSL,
# client threads; 2.4 KB snapshots, 1,000 connectors), spool on tmpfs and on disk, for 1/4/16 clients x 1/10/100
# events per POST, closed loop and at a fixed offered rate, alternated three times per cell.
# Harness: io.connectusm.benchmarks.ingest.AgentIngestHarness. Full run ~12 min, --quick ~1 min.
# Prints its result block on stdout (see run.sh); progress on stderr. Options go to the harness:
#   --quick  --clients 1,4,16  --batches 1,10,100  --targets baseline,tmpfs,disk  --closed S  --open S
#   --open-fraction 0.5  --alternations 3  --warmup S  --provider auto|openssl|jdk  --connectors 1000
#   --tmpfs-dir /dev/shm  --disk-dir benchmarks/target/ingest-spool
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_build
cd "$BENCH_ROOT"
bench_java io.connectusm.benchmarks.ingest.AgentIngestHarness --command "benchmarks/agent-ingest.sh $*" "$@"
