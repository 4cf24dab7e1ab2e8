#!/usr/bin/env bash
# The worker extension's latency and inbound-load benchmark: REST call start -> event at a real mTLS receiver,
# with a real KRaft broker and 1 and 3 Connect workers (EmbeddedConnectCluster) running the extension at its
# defaults. The harness is io.connectusm.extension.ExtensionLatencyHarness in worker-extension's test scope
# (it drives the same fixtures as the tests). Options go to the harness:
#   --iterations N (default 50)  --failures N (default 20)  --workers 1,3  --out FILE
# With --scale first, runs io.connectusm.extension.ExtensionScaleHarness instead: the cost of reconcile passes
# with many idle connectors on one worker, extension on vs off. Its options:
#   --connectors 200,500  --extension off,on  --window SECONDS (default 30)  --out FILE
# Paste the printed tables into BENCHMARKS.md under "worker-extension", with the machine line and the date.
set -euo pipefail
cd "$(dirname "$0")/.."
target=worker-extension/target
mkdir -p "$target"
mvn -B -q -pl worker-extension test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$(pwd)/$target/latency-harness.classpath"
# Quiet logging: the tests' DEBUG output would cost the very latency being measured.
cat > "$target/latency-log4j2.properties" <<'LOG'
status=warn
appender.console.type=Console
appender.console.name=console
appender.console.layout.type=PatternLayout
appender.console.layout.pattern=%d{HH:mm:ss.SSS} %-5p [%t] %c{1} - %m%n
rootLogger.level=WARN
rootLogger.appenderRef.console.ref=console
# The reconcile pass line (DEBUG) is read by the scale harness from memory, not printed.
logger.pass.name=io.connectusm.extension.ReconcileLoop
logger.pass.level=DEBUG
logger.pass.additivity=false
LOG
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u '+%F %H:%M UTC')"
main=io.connectusm.extension.ExtensionLatencyHarness
out="$target/extension-latency.md"
if [[ "${1:-}" == "--scale" ]]; then
  shift
  main=io.connectusm.extension.ExtensionScaleHarness
  out="$target/extension-scale.md"
fi
java -Xmx3g -Dlog4j2.configurationFile="$target/latency-log4j2.properties" \
  -cp "$target/test-classes:$target/classes:$(cat "$target/latency-harness.classpath")" \
  "$main" --out "$out" "$@"
