#!/usr/bin/env bash
# bench: extension-idle — what the worker extension costs a real worker, extension on vs off in the same run
# (issue #18): one ConnectDistributed JVM per start with N STOPPED FileStreamSource connectors (1,000 and 5,000 by default), the
# plugin from the ZIP in plugin.path, one KRaft broker and a real mTLS receiver in the harness JVM. Per start, off and
# on alternating: worker CPU and allocation (all threads, the herder's tick thread, the extension's threads) over
# an idle window, the live heap after full GCs, the worker's REST p50/p99 idle and under a stream of config PUTs,
# and (extension on) task failure -> event. Each start is measured once the worker shows every connector STOPPED
# (and, on, the receiver has every one), after the settle time and then until the JIT compilers are quiet (< 5 ms/s
# over 10 s, at most 4 min): what the start ran is still being compiled minutes later, off and on, and that warm-up is
# not what the worker costs idle. The idle window's CPU and allocation are also given per thread group (herder,
# the extension's feed and other threads, Kafka client I/O, REST, JIT compilers, VM thread and GC, the rest).
# Harness: io.connectusm.extension.ExtensionCostHarness.
#
#   benchmarks/extension-idle.sh [--quick] [--connectors 1000,5000] [--rounds 2] [--settle 30] [--window 60]
#                                [--rest-window 20] [--changes-per-second 2] [--failures 5] [--jfr]
#                                [--off-only] [--plugin-zip ZIP]
#
# --quick: 1,000 connectors, one round, short windows (about 4-6 min). The default run takes 35-45 min on the shared
# 2-core machine (creating 5,000 connectors and starting the worker 4 times with them is most of it).
# --off-only starts the worker twice per round with the extension off: how much two starts of the same worker differ.
# --jfr also records each idle window with JFR and prints the heaviest allocation stacks of the herder's and the
# extension's threads, the execution samples per thread group and the JIT compilations per code origin (JFR's own
# sampling costs the worker ~0.1 core: leave it off for the figures).
# Prints the Markdown block for BENCHMARKS.md (<!-- bench:extension-idle:begin/end -->) on stdout.
BENCH_SCRIPT="benchmarks/extension-idle.sh" exec "$(dirname "$0")/lib/extension-harness.sh" ExtensionCostHarness "$@"
