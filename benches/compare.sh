#!/usr/bin/env bash
# Times two orderly binaries on the same command, alternating runs so that both meet the same
# machine noise, and prints each one's median, min and max wall time, user and system time
# and peak memory (GNU time). For comparing a change with its base:
#
#   git worktree add /tmp/base BASE && (cd /tmp/base && cargo build --release)
#   cargo build --release
#   benches/compare.sh 7 /tmp/base/target/release/orderly target/release/orderly \
#     check target/bench/corpus/check-100k
set -euo pipefail
if [ $# -lt 4 ]; then
  echo "usage: $0 RUNS OLD NEW ARGS..." >&2
  exit 2
fi
runs=$1 old=$2 new=$3
shift 3
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for _ in $(seq "$runs"); do
  for side in old new; do
    bin=$old
    [ "$side" = new ] && bin=$new
    # A run that fails stops the comparison: a broken run must not look fast.
    /usr/bin/time -f "$side %e %U %S %M" "$bin" "$@" >/dev/null 2>>"$log"
  done
done
for side in old new; do
  grep "^$side " "$log" | sort -k2 -n | awk -v side="$side" '
    { wall[NR] = $2; user[NR] = $3; sys[NR] = $4; rss[NR] = $5 }
    END { m = int((NR + 1) / 2)
          printf "%s: wall median %s s (min %s, max %s); the median run: user %s s, sys %s s, peak %d MiB\n",
                 side, wall[m], wall[1], wall[NR], user[m], sys[m], rss[m] / 1024 }'
done
