#!/usr/bin/env python3
"""Benchmark `orderly build` against its floor: copying the same output with `cp -r`.

For each size, generates the two-version corpus (benches/gen_corpus.py, deterministic; --files
is a hundredth of the provisions), builds its site with the release binary, then copies the
site with `cp -r` in the same run, and reports wall time and peak resident set (GNU time's
%M) with the ratios the targets are about:

  peak memory / corpus size    at most 4 (pages are written as they are rendered);
  build time / cp -r time      at most 1.5 (the floor: writing those bytes and files).

    cargo build --release
    python3 benches/build_bench.py                    # 10k and 100k provisions
    python3 benches/build_bench.py --sizes 10k 100k 300k

The corpus goes under target/bench/corpus (kept, as bench.py keeps it); the site and its copy
go under target/bench/build and are deleted after each size, since a 100k site is gigabytes.
"""

import argparse
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "300k": 300_000}
AS_OF = "2026-06-01"


def tree_size(path):
    size = files = 0
    for top, _, names in os.walk(path):
        for name in names:
            size += os.path.getsize(os.path.join(top, name))
            files += 1
    return size, files


def timed(command):
    """Runs `command` under GNU time; returns (seconds, peak KB)."""
    stats = os.path.join(ROOT, "target", "bench", "build", "time.txt")
    run = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", "-o", stats, *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if run.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({run.returncode}):\n{run.stderr}")
    with open(stats, encoding="utf-8") as f:
        seconds, kb = f.read().split()[-2:]
    return float(seconds), int(kb)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["10k", "100k"], choices=list(SIZES))
    parser.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "orderly"))
    args = parser.parse_args()
    if not os.path.exists(args.bin):
        sys.exit(f"{args.bin} not found: run `cargo build --release` or pass --bin")
    work = os.path.join(ROOT, "target", "bench", "build")
    os.makedirs(work, exist_ok=True)
    missed = []
    for name in args.sizes:
        n = SIZES[name]
        corpus = os.path.join(ROOT, "target", "bench", "corpus", f"build-{name}")
        if not os.path.isdir(corpus):
            subprocess.run(
                [sys.executable, os.path.join(ROOT, "benches", "gen_corpus.py"), corpus,
                 "--provisions", str(n), "--files", str(max(1, n // 100)), "--versions", "2"],
                check=True, stdout=subprocess.DEVNULL,
            )
        corpus_bytes, _ = tree_size(corpus)
        site, copy = os.path.join(work, "site"), os.path.join(work, "copy")
        for path in (site, copy):
            shutil.rmtree(path, ignore_errors=True)
        build_s, build_kb = timed([args.bin, "build", corpus, "-o", site, "--as-of", AS_OF])
        site_bytes, site_files = tree_size(site)
        subprocess.run(["sync"], check=False)
        # The copy needs the site's size again; leave others at least 5 GB.
        if shutil.disk_usage(work).free < site_bytes + 5e9:
            cp_s = None
        else:
            cp_s, _ = timed(["cp", "-r", site, copy])
        shutil.rmtree(site)
        shutil.rmtree(copy, ignore_errors=True)
        memory = build_kb * 1024 / corpus_bytes
        print(f"{name}: corpus {corpus_bytes / 1e6:.1f} MB; site {site_files:,} files, "
              f"{site_bytes / 1e6:.0f} MB")
        print(f"{name}: build {build_s:.1f} s, peak {build_kb / 1024:.0f} MB "
              f"({memory:.1f}x the corpus, target at most 4)")
        if cp_s is None:
            print(f"{name}: cp -r not run: too little free disk for a second copy")
            time_ratio = 0
        else:
            time_ratio = build_s / cp_s
            print(f"{name}: cp -r {cp_s:.1f} s; build / cp -r {time_ratio:.2f} "
                  "(target at most 1.5)")
        print(f"{name}: per 1,000 provisions: build {1000 * build_s / n:.2f} s, "
              f"site {site_bytes / n / 1000:.1f} MB")
        if memory > 4:
            missed.append(f"{name} memory")
        if time_ratio > 1.5:
            missed.append(f"{name} time")
    print("all targets met" if not missed else f"missed: {', '.join(missed)}")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
