#!/usr/bin/env bash
# Runs the project's benchmarks, one after the other, and rewrites each one's figures in BENCHMARKS.md between its
# markers <!-- bench:NAME:begin --> and <!-- bench:NAME:end -->. Every harness measures its baseline in the same run
# (extension off, a poller, a plain server...) and prints its ratios; this script adds, above each block, the command,
# the machine, the JDK, the date and the load average before and after (the machine may be shared).
#
#   benchmarks/run.sh [--quick] [--only NAME[,NAME...]] [--no-write]
#
# --quick: each benchmark's own --quick (a check before a commit, a few minutes each); the figures then go to
#          benchmarks/target/run/ only, never into BENCHMARKS.md.
# --only:  the benchmarks to run (default: every one marked "yes" below).
# --no-write: leave BENCHMARKS.md as it is; the blocks stay in benchmarks/target/run/NAME.md.
# The extension harnesses share one build (benchmarks/lib/extension-harness.sh), made once here.
set -euo pipefail
cd "$(dirname "$0")/.."

# name | run by default | script | arguments of the full run | arguments of the --quick run
benchmarks=(
  "extension-idle|yes|benchmarks/extension-idle.sh|--connectors 1000,5000 --rounds 2 --settle 30 --window 60 --rest-window 20 --failures 5|--quick"
  "extension-latency|yes|benchmarks/extension-latency.sh|--iterations 20 --failures 10 --workers 1|--quick"
  "extension-pollers|yes|benchmarks/extension-pollers.sh|--connectors 100,1000 --rounds 1 --changes 3|--quick"
  # JMH prints its own table, pasted by hand (no markers): run it with --only jmh.
  "jmh|no|benchmarks/jmh.sh||-f 1 -wi 1 -i 3"
)

quick=0 write=1 only=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --quick) quick=1; write=0 ;;
    --only) only=$2; shift ;;
    --no-write) write=0 ;;
    *) echo "usage: benchmarks/run.sh [--quick] [--only NAME[,NAME...]] [--no-write]" >&2; exit 2 ;;
  esac
  shift
done

out=benchmarks/target/run
mkdir -p "$out"
built=0
failed=()
for entry in "${benchmarks[@]}"; do
  IFS='|' read -r name default script args quick_args <<< "$entry"
  if [[ -n "$only" ]]; then
    [[ ",$only," == *",$name,"* ]] || continue
  elif [[ "$default" != "yes" ]]; then
    continue
  fi
  [[ $quick == 1 ]] && args=$quick_args
  if [[ "$script" == benchmarks/extension-* && $built == 0 ]]; then
    benchmarks/lib/extension-harness.sh --build-only >&2
    built=1
  fi
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  started=$(date -u '+%F %H:%M')
  echo "[run.sh] $name: $script $args (load average $load_before)" >&2
  # shellcheck disable=SC2086 # the arguments are words
  if ! SKIP_BUILD=1 "$script" $args > "$out/$name.raw"; then
    echo "[run.sh] $name FAILED; its output so far: $out/$name.raw" >&2
    failed+=("$name")
    continue
  fi
  {
    echo "Command: \`$script $args\` (through \`benchmarks/run.sh\`$([[ $quick == 1 ]] && echo " --quick")). Machine:" \
      "$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1 | tr -d '"')," \
      "$started–$(date -u '+%H:%M') UTC, load average (1/5/15 min) $load_before at start," \
      "$(cut -d' ' -f1-3 /proc/loadavg) at the end."
    echo
    cat "$out/$name.raw"
  } > "$out/$name.md"
  if [[ $write == 1 ]]; then
    if grep -qxF "<!-- bench:$name:begin -->" BENCHMARKS.md; then
      benchmarks/lib/splice-block.sh BENCHMARKS.md "$name" "$out/$name.md" || failed+=("$name (not written)")
    else
      echo "[run.sh] $name has no block in BENCHMARKS.md: see $out/$name.md" >&2
    fi
  fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "[run.sh] failed: ${failed[*]}" >&2
  exit 1
fi
echo "[run.sh] blocks in $out/$([[ $write == 1 ]] && echo ", written into BENCHMARKS.md")" >&2
