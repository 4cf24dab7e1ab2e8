#!/usr/bin/env bash
# The long model-based run of issue #12: ModelBasedPipelineIT with 300 operations per seed (profile model-long) on
# two ConnectDistributed workers, the real agent and endpoint; its regression seeds plus one more (the time, or
# MODEL_SEED). Writes the results table, with date, machine and command, to docs/model-test-results.md.
#
#   integration-tests/model-test.sh              # from the repository root or anywhere
#   MODEL_SEED=42 integration-tests/model-test.sh -o
#
# Maven runs in the foreground: Ctrl-C reaches it, and the test stops every worker JVM it started (SIGTERM).
set -euo pipefail
cd "$(dirname "$0")/.."
seed="${MODEL_SEED:-$(date +%s)}"
results=integration-tests/target/model-based/results.md
rm -f "${results}"
started=$(date +%s)
status=0
command=(mvn -B -Pmodel-long -pl integration-tests -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
    -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=ModelBasedPipelineIT -Dmodel.seed="${seed}" "$@")
"${command[@]}" || status=$?
{
    echo "# Model-based pipeline test: last long run"
    echo
    echo "Written by \`integration-tests/model-test.sh\` (issue #12): seeded random create/pause/resume/update/delete/"
    echo "restart operations through two ConnectDistributed workers, then the endpoint compared with Connect's"
    echo "\`GET /connectors?expand=status&expand=info\` and its history with every acknowledged config version."
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "- machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), $(java -version 2>&1 | head -1)"
    echo "- command: \`${command[*]}\`"
    echo "- wall clock: $(( $(date +%s) - started )) s, exit status ${status}"
    echo
    cat "${results}" 2>/dev/null || echo "(no results: the build failed before the test ran)"
} > docs/model-test-results.md
cat docs/model-test-results.md
exit "${status}"
