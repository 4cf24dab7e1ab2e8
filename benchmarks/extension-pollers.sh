#!/usr/bin/env bash
# Push vs polling (issue #17): the extension's push pipeline against a monitoring tool polling the worker's REST
# API every 30 s the two ways Kpow does (v1: per-connector calls; v2: one GET /connectors?expand=status&expand=info),
# on a real ConnectDistributed worker with 100 and 1,000 STOPPED connectors: how long a task failure and a config
# change take to be known, the REST requests per minute and response bytes each mode costs the worker, and the
# worker's CPU and allocation meanwhile. Harness: io.connectusm.extension.PollerComparisonHarness.
#
#   benchmarks/extension-pollers.sh [--quick] [--connectors 100,1000] [--rounds 1] [--interval 30] [--changes 4]
#                                   [--plugin-zip ZIP]
#
# --quick: 100 connectors, 2 changes of each kind (about 6 min). The default run takes about 25 min.
# Prints the Markdown block for BENCHMARKS.md (<!-- bench:extension-pollers:begin/end -->) on stdout.
BENCH_SCRIPT="benchmarks/extension-pollers.sh" exec "$(dirname "$0")/lib/extension-harness.sh" PollerComparisonHarness "$@"
