#!/usr/bin/env python3
"""Where a run of orderly spends its time, slice by slice: from a `perf script` of a profile
with timestamps, the samples of each slice (20 ms by default) counted by thread and by
pipeline stage, so that stretches on one core show as `threads=1`.

    RUSTFLAGS="-C force-frame-pointers=yes" CARGO_TARGET_DIR=/tmp/fp cargo build --release
    perf record -e cpu-clock --call-graph fp -F 4000 -o run.perf /tmp/fp/release/orderly ARGS...
    perf script -i run.perf -F tid,time,ip,sym > run.txt
    python3 benches/timeline.py run.txt [--slice 0.02]

A sample counts for the first stage in STAGES that any frame of its stack names; others are
shown by their innermost frame.
"""

import argparse
import collections
import re

STAGES = [
    "load::parse_doc", "validate::validate", "orderly::check::", "Deserialize", "split::",
    "matching::words", "by_rare_words", "similarity", "match_provisions", "redline",
    "Compare::fields", "describe::", "Serialize", "render::json", "SideCtx", "views::",
    "site::", "clear_page", "mi_free", "drop_in_place",
]


def samples(path):
    """(thread, time, frames innermost first) of each sample."""
    out, current = [], None
    with open(path, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if not line.strip():
                if current:
                    out.append(current)
                current = None
                continue
            head = re.match(r"^\s*(\d+)\s+(\d+\.\d+):", line)
            if head:
                current = (int(head.group(1)), float(head.group(2)), [])
            elif current is not None:
                parts = line.strip().split(None, 1)
                current[2].append(parts[1] if len(parts) > 1 else "?")
    if current:
        out.append(current)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("script", help="the output of `perf script -F tid,time,ip,sym`")
    parser.add_argument("--slice", type=float, default=0.02, help="seconds per slice")
    args = parser.parse_args()
    found = samples(args.script)
    if not found:
        raise SystemExit(f"no samples in {args.script}")
    start = min(t for _, t, _ in found)
    slices = collections.defaultdict(list)
    for thread, t, frames in found:
        slices[int((t - start) / args.slice)].append((thread, frames))
    for at in sorted(slices):
        got = slices[at]
        stages = collections.Counter()
        for _, frames in got:
            stage = next((s for s in STAGES if any(s in f for f in frames)), None)
            stages[stage or re.sub(r"::h[0-9a-f]{16}", "", frames[0])[:40]] += 1
        threads = len({thread for thread, _ in got})
        top = ", ".join(f"{name} {n}" for name, n in stages.most_common(4))
        print(f"{at * args.slice:6.2f} s  threads={threads}  samples={len(got):4d}  {top}")


if __name__ == "__main__":
    main()
