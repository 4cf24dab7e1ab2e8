#!/usr/bin/env bash
# The whole Kafka version matrix: the plugin ZIP on stock ConnectDistributed workers of Kafka 3.9.2, 4.0.0, 4.1.1,
# 4.2.0, 4.3.1 and 4.4.0 (documented and Confluent-tooling worker properties each), the linkage check against each version,
# and a worker on which the extension cannot work. `mvn -B verify` runs the oldest and the newest only.
#
#   integration-tests/kafka-matrix.sh            # from the repository root or anywhere
#   integration-tests/kafka-matrix.sh -o         # extra Maven arguments (here: offline, once the runtimes are resolved)
#
# Prints the results table (also in integration-tests/target/kafka-matrix/results.md) and the wall-clock time.
# Maven runs in the foreground: Ctrl-C reaches it, and the test stops every worker JVM it started (SIGTERM).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
status=0
mvn -B -Pkafka-matrix -pl integration-tests -am verify \
    -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dit.test='PluginLinkageIT,KafkaVersionMatrixIT' "$@" || status=$?
echo
cat integration-tests/target/kafka-matrix/results.md 2>/dev/null || echo "(no results: the build failed before the matrix ran)"
echo
echo "kafka-matrix: $(( $(date +%s) - started )) s wall clock, exit status ${status}"
exit "${status}"
