#!/usr/bin/env bash
# What the worker extension costs a real worker, extension on vs off in the same run (issue #18): one
# ConnectDistributed JVM per start with N STOPPED FileStreamSource connectors (1,000 and 5,000 by default), the
# plugin from the ZIP in plugin.path, one KRaft broker and a real mTLS receiver in the harness JVM. Per start: worker
# CPU, allocation (all threads, the herder's tick thread, the extension's threads), live heap, the worker's REST
# p50/p99 idle and under a stream of config changes, and (extension on) task failure -> event. The harness is
# io.connectusm.extension.ExtensionCostHarness in worker-extension's test scope.
#
#   benchmarks/extension-idle.sh [--quick] [--connectors 1000,5000] [--rounds 2] [--settle 60] [--window 60]
#                                [--rest-window 30] [--changes-per-second 2] [--failures 5] [--jfr]
#                                [--plugin-zip ZIP]
#
# --quick: 1,000 connectors, one round, short windows (about 4 min). The default run takes about 35 min.
# Prints the Markdown block for BENCHMARKS.md (<!-- bench:extension-idle:begin/end -->) on stdout; progress on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
target=worker-extension/target
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  mvn -B -q -o -pl worker-extension -am package -DskipTests >&2
  mvn -B -q -o -pl worker-extension dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$(pwd)/$target/bench.classpath" >&2
fi
cat > "$target/bench-log4j2.properties" <<'LOG'
status=warn
appender.console.type=Console
appender.console.name=console
appender.console.target=SYSTEM_ERR
appender.console.layout.type=PatternLayout
appender.console.layout.pattern=%d{HH:mm:ss.SSS} %-5p [%t] %c{1} - %m%n
rootLogger.level=WARN
rootLogger.appenderRef.console.ref=console
LOG
zip=$(ls "$target"/connect-usm-worker-extension-*.zip | head -1)
echo "[extension-idle] load average $(cut -d' ' -f1-3 /proc/loadavg) at start" >&2
exec java -Xmx2g -Dlog4j2.configurationFile="$target/bench-log4j2.properties" -Dplugin.zip="$zip" \
  -cp "$target/test-classes:$target/classes:$(cat "$target/bench.classpath")" \
  io.connectusm.extension.ExtensionCostHarness "$@"
