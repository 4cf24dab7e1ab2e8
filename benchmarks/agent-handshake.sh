#!/usr/bin/env bash
# bench: agent-handshake — mTLS handshakes/s on the agent's data plane, JDK vs OpenSSL (BoringSSL) providers, EC P-256
# and RSA 3072 certificates, against `openssl s_server` on the same certificates; client `openssl s_time -new`.
# Harness: io.connectusm.benchmarks.handshake.HandshakeHarness. Full run ~2 min (3 alternations, 5 s each),
# --quick ~30 s. Prints its result block on stdout (see run.sh). Options: --quick --alternations N --seconds S
set -euo pipefail
source "$(dirname "$0")/lib.sh"
command -v openssl > /dev/null || { echo "openssl is needed (s_server, s_time)" >&2; exit 1; }
bench_build
cd "$BENCH_ROOT"
bench_java io.connectusm.benchmarks.handshake.HandshakeHarness --command "benchmarks/agent-handshake.sh $*" "$@"
