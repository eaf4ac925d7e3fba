#!/usr/bin/env bash
# Writes to standard output the Markdown report of what a pull request changes in a spec:
# `orderly diff --since BASE --format md` of each instrument folder, separated by rules.
#
# Usage: pr-diff.sh SPEC_DIR BASE [INSTRUMENT_DIR...]
# With no instrument folder given, every instrument folder of SPEC_DIR is reported. An
# instrument whose spec has errors in the pull request is named as not compared (the check
# lists its errors); if orderly cannot run (exit 2), neither can this script.
set -euo pipefail
spec=$1
base=$2
shift 2
folders=("$@")
if [ ${#folders[@]} -eq 0 ]; then
  for file in "$spec"/*/instrument.yaml; do
    if [ -e "$file" ]; then folders+=("$(dirname "$file")"); fi
  done
fi
part=$(mktemp)
trap 'rm -f "$part"' EXIT
first=true
for folder in ${folders[@]+"${folders[@]}"}; do
  if [ "$first" = false ]; then printf '\n---\n\n'; fi
  first=false
  status=0
  orderly diff "$folder" --since "$base" --format md > "$part" || status=$?
  if [ "$status" -gt 1 ]; then exit "$status"; fi
  if [ -s "$part" ]; then
    cat "$part"
  else
    printf '# `%s`: not compared\n\nThe spec in this pull request has errors; the check lists them.\n' "$folder"
  fi
done
