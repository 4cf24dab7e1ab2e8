#!/usr/bin/env bash
# Replaces the lines between "<!-- bench:NAME:begin -->" and "<!-- bench:NAME:end -->" in FILE with the content
# of BLOCK (the markers stay). Fails, leaving FILE untouched, when FILE has no such pair of markers: a new benchmark's
# markers are placed in BENCHMARKS.md by hand, under the heading that explains what it measures.
#   benchmarks/lib/splice-block.sh FILE NAME BLOCK
set -euo pipefail
file=$1 name=$2 block=$3
begin="<!-- bench:$name:begin -->" end="<!-- bench:$name:end -->"
if ! grep -qxF "$begin" "$file" || ! grep -qxF "$end" "$file"; then
  echo "splice-block: $file has no $begin ... $end pair; the block stays in $block" >&2
  exit 1
fi
tmp=$(mktemp "$file.XXXXXX")
awk -v begin="$begin" -v end="$end" -v block="$block" '
  $0 == begin { print; while ((getline line < block) > 0) print line; skipping = 1; next }
  $0 == end   { skipping = 0 }
  !skipping   { print }
' "$file" > "$tmp"
mv "$tmp" "$file"
