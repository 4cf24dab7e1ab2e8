#!/usr/bin/env bash
# Runs one of worker-extension's benchmark harnesses (test scope: they drive the tests' real-worker fixtures and
# Kafka's test JARs, which the JMH uber-JAR should not carry): builds the module and its plugin ZIP, resolves its
# test class path, and runs MAIN with the remaining arguments on a quiet log configuration (progress on stderr, the
# harness's Markdown block on stdout, after the machine line and the command, as benchmarks/run.sh wants it).
# SKIP_BUILD=1 skips the build (run.sh's BENCH_SKIP_BUILD is about the benchmarks uber-JAR, not this one);
# BENCH_SCRIPT names the calling script in the block's command line.
#   benchmarks/lib/extension-harness.sh MAIN [ARGS...]
set -euo pipefail
cd "$(dirname "$0")/../.."
main=$1
shift
target=worker-extension/target
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  # One reactor build: the sibling modules (usm-support, testkit…) resolve to their target/ JARs; the module
  # built last, worker-extension, writes the class path file.
  mvn -B -q -o -pl worker-extension -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
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
echo "[$main] load average $(cut -d' ' -f1-3 /proc/loadavg) at start" >&2
source benchmarks/lib.sh
bench_machine_line
echo "Command: \`${BENCH_SCRIPT:-benchmarks/lib/extension-harness.sh $main}${*:+ $*}\`."
echo
exec java -Xmx2g -Dlog4j2.configurationFile="$target/bench-log4j2.properties" -Dplugin.zip="$zip" \
  -cp "$target/test-classes:$target/classes:$(cat "$target/bench.classpath")" "io.connectusm.extension.$main" "$@"
