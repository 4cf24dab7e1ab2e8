#!/usr/bin/env bash
# Builds the benchmarks module and runs io.connectusm.benchmarks.EndpointFleetHarness: real usm-endpoints in this JVM
# (HTTPS on loopback) on a fresh H2 file and on a durable throwaway PostgreSQL server (fsync and synchronous commit
# on; bin/throwaway-postgres.sh, stopped and removed at the end), one and two replicas: a fleet's resync through
# POST /usm/v1/events, list and page latencies, database sizes, one history retention pass.
# Options (defaults): --clusters 100 --connectors 1000 --workers 3 --senders 8 --history-rows 1000000
# --vendors h2,postgresql --replicas 1,2 --reads 300 --page-reads 30 --out benchmarks/target/endpoint-fleet.md
# Results in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/throwaway-postgres.sh
trap pg_stop EXIT
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  mvn -B -q -o -pl benchmarks -am package -DskipTests
fi
if [[ -z "$pg_bin" ]]; then
  echo "endpoint-fleet.sh: no PostgreSQL server binaries (/usr/lib/postgresql/*/bin or USM_PG_BIN)" >&2
  exit 1
fi
pg_start durable
export USM_BENCH_PG_DATA="$pg_dir/data"   # the harness reads the server's CPU time from /proc
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)," \
  "$(date -u '+%F %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xms3g -Xmx3g -Dlog4j2.level=WARN -cp benchmarks/target/benchmarks.jar \
  io.connectusm.benchmarks.EndpointFleetHarness "$@"
