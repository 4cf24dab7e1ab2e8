#!/usr/bin/env bash
# The worker extension's latency and inbound-load benchmark: REST call start -> event at a real mTLS receiver,
# with a real KRaft broker and 1 and 3 Connect workers (EmbeddedConnectCluster) running the extension at its
# defaults. The harness is io.connectusm.extension.ExtensionLatencyHarness in worker-extension's test scope
# (it drives the same fixtures as the tests). Options go to the harness:
#   --iterations N (default 50)  --failures N (default 20)  --workers 1,3  --out FILE
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
LOG
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u '+%F %H:%M UTC')"
java -Xmx2g -Dlog4j2.configurationFile="$target/latency-log4j2.properties" \
  -cp "$target/test-classes:$target/classes:$(cat "$target/latency-harness.classpath")" \
  io.connectusm.extension.ExtensionLatencyHarness --out "$target/extension-latency.md" "$@"
