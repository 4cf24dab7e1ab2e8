#!/usr/bin/env bash
# The worker extension's latency and inbound-load benchmark: REST call start -> event at a real mTLS receiver,
# with a real KRaft broker and 1 and 3 Connect workers (EmbeddedConnectCluster) running the extension at its
# defaults; a task failure (no REST call) from the record that causes it to the event. Harness:
# io.connectusm.extension.ExtensionLatencyHarness.
#
#   benchmarks/extension-latency.sh [--quick] [--iterations 50] [--failures 20] [--workers 1,3] [--out FILE]
#
# --quick: one worker, 10 iterations and 5 failures (about 2 min). The default run takes about 13 min.
# Prints the Markdown block for BENCHMARKS.md (<!-- bench:extension-latency:begin/end -->) on stdout.
# (The cost of many idle connectors is benchmarks/extension-idle.sh; push vs pollers benchmarks/extension-pollers.sh.)
BENCH_SCRIPT="benchmarks/extension-latency.sh" exec "$(dirname "$0")/lib/extension-harness.sh" ExtensionLatencyHarness "$@"
