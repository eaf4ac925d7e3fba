#!/usr/bin/env python3
"""Growth tests: the costs of `orderly build` grow with the data, not faster.

Each mode generates specs (deterministic), builds their sites with the same binary in the same
run, prints the figures and their ratio, and exits with status 1 when a target is missed:

  versions   one instrument with --versions versions of --provisions provisions (each version
             rewords one provision), against one version of the same provisions built alone:
             the site must be at most 3x the size of --versions separate one-version sites;
  actors     --actors actors in one parent chain (a0 <- a1 <- ... ), against as many flat
             actors (each a component of a0), with the same provisions naming the same actors
             (--named leaf: the chain's deepest; --named spread: spread along it): the chain
             must build in under 2x the time of the flat set. With spread names each named
             actor's page lists every component under it, so the site itself grows as
             pages x depth and the time with it;
  dates      the example's timeline with one deadline in year 2100 (and one in year 1): the
             timeline page must stay under 200 KB with at most 24 ticks on its chart;
  subitems   --subitems provisions in one parent chain (p0 <- p1 <- ...) under a status entry
             of p0 that covers its sub-items, against as many provisions that are each a
             direct sub-item of p0: `orderly check` of the chain (every provision inherits the
             entry from the top) must take under 2x the time of the flat set.

    cargo build --release
    python3 benches/growth.py                         # every mode, at the sizes of the targets
    python3 benches/growth.py actors --actors 5000    # one mode, smaller
    python3 benches/growth.py --bin target/debug/orderly versions --versions 50

Work folders go under target/bench/growth and are deleted after each measurement.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "bench", "growth")
AS_OF = "2026-06-01"
# Timed runs of each side in the modes whose runs are short.
RUNS = 9

INSTRUMENT = """title: Growth test instrument
kind: regulation
versions:
{versions}sources:
  s:
    title: Source
    kind: primary
    url: https://example.org/
    date: 2026-01-01
"""
VERSION = """  - id: {id}
    date: 2026-01-01
    basis: primary
    anchors:
      start: 2026-01-01
    sources: [s]
"""
PROVISION = (
    '  - {{id: p{k}, ref: "1({k})", kind: obligation, modality: shall, binding: mandatory, '
    "actor: {actor}, action: {action}, due: {{within: {days}d, of: start}}, sources: [s], "
    "confidence: high}}\n"
)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def spec(out, actors, versions):
    """A spec folder at `out`: `actors` as (id, parent or None), and one instrument `i` whose
    versions are (id, [(actor, action)])."""
    lines = ["actors:\n"]
    for actor, parent in actors:
        kind = "component" if parent else "agency"
        lines.append(f"  {actor}:\n    name: Actor {actor}\n    kind: {kind}\n")
        if parent:
            lines.append(f"    parent: {parent}\n")
    write(os.path.join(out, "actors.yaml"), "".join(lines))
    write(
        os.path.join(out, "i", "instrument.yaml"),
        INSTRUMENT.format(versions="".join(VERSION.format(id=v) for v, _ in versions)),
    )
    for v, provisions in versions:
        body = ['section: "1"\nsources: [s]\nprovisions:\n']
        for k, (actor, action) in enumerate(provisions):
            body.append(PROVISION.format(k=k, actor=actor, action=action, days=10 + k))
        write(os.path.join(out, "i", v, "s.yaml"), "".join(body))


def build(binary, spec_dir, site):
    """Builds the site; returns (seconds, bytes, files)."""
    started = time.perf_counter()
    run = subprocess.run(
        [binary, "build", spec_dir, "-o", site, "--as-of", AS_OF],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if run.returncode != 0:
        sys.exit(f"orderly build {spec_dir} failed ({run.returncode}):\n{run.stderr}")
    size = files = 0
    for top, _, names in os.walk(site):
        for name in names:
            size += os.path.getsize(os.path.join(top, name))
            files += 1
    return seconds, size, files


def fresh(name):
    path = os.path.join(WORK, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def versions_mode(binary, count, provisions):
    actors = [("agency", None)]

    def version(n):
        # Version n rewords provision n % provisions, so that consecutive diffs have a change.
        return [
            ("agency", f"Report item {k}" + (f" as revised {n}" if k == n % provisions else ""))
            for k in range(provisions)
        ]

    ids = [f"v{n:03}" for n in range(count)]
    many = fresh("versions-many")
    spec(os.path.join(many, "spec"), actors, [(v, version(n)) for n, v in enumerate(ids)])
    t_many, b_many, f_many = build(binary, os.path.join(many, "spec"), os.path.join(many, "site"))
    shutil.rmtree(many)
    one = fresh("versions-one")
    spec(os.path.join(one, "spec"), actors, [(ids[0], version(0))])
    t_one, b_one, f_one = build(binary, os.path.join(one, "spec"), os.path.join(one, "site"))
    shutil.rmtree(one)
    ratio = b_many / (count * b_one)
    print(f"versions: {count} versions of {provisions} provisions: site {b_many:,} bytes, "
          f"{f_many:,} files, {t_many:.2f} s")
    print(f"versions: one version alone: site {b_one:,} bytes, {f_one:,} files, {t_one:.2f} s; "
          f"x{count} = {count * b_one:,} bytes")
    print(f"versions: ratio {ratio:.2f} (target at most 3)")
    return ratio <= 3


def actors_mode(binary, count, provisions, named_how):
    # The same provisions name the same actors in both sets; only the parent links differ.
    if named_how == "leaf":
        # The deepest actor of the chain: its page and its parent's hold the same items in
        # both sets, so the build measures the hierarchy's own cost.
        named = [f"a{count - 1}"] * provisions
    else:
        # Spread along the chain: each named actor's page (and its parent's) lists every
        # component under it and gathers their items, so the output itself grows as
        # pages x depth.
        named = [f"a{(k * 7919) % count}" for k in range(provisions)]
    sections = [("v", [(actor, f"Report item {k}") for k, actor in enumerate(named)])]
    chain = [(f"a{n}", f"a{n - 1}" if n else None) for n in range(count)]
    flat = [(f"a{n}", "a0" if n else None) for n in range(count)]
    times = {}
    for name, actors in [("flat", flat), ("chain", chain)]:
        work = fresh(f"actors-{name}")
        spec(os.path.join(work, "spec"), actors, sections)
        times[name] = build(binary, os.path.join(work, "spec"), os.path.join(work, "site"))
        shutil.rmtree(work)
        seconds, size, files = times[name]
        print(f"actors: {count} {name} actors, {provisions} provisions naming {named_how} "
              f"actors: {seconds:.2f} s, "
              f"site {size:,} bytes, {files:,} files")
    ratio = times["chain"][0] / times["flat"][0]
    size_ratio = times["chain"][1] / times["flat"][1]
    print(f"actors: chain / flat time {ratio:.2f}, site size {size_ratio:.2f} (target: time "
          "under 2)")
    return ratio < 2


def subitems_mode(binary, count):
    # The top provision, in block style, with a status entry that covers its sub-items.
    top = (
        '  - id: p0\n    ref: "1(0)"\n    kind: obligation\n    modality: shall\n'
        "    binding: mandatory\n    actor: agency\n    action: Report item 0\n"
        "    due: {within: 10d, of: start}\n    sources: [s]\n    confidence: high\n"
        "    status:\n      - as_of: 2026-05-01\n        state: done\n"
        "        done_on: 2026-04-30\n        covers: children\n        sources: [s]\n"
    )
    times = {}
    for name in ["flat", "chain"]:
        work = fresh(f"subitems-{name}")
        spec(os.path.join(work, "spec"), [("agency", None)], [("v", [])])
        body = ['section: "1"\nsources: [s]\nprovisions:\n', top]
        for k in range(1, count):
            parent = k - 1 if name == "chain" else 0
            line = PROVISION.format(k=k, actor="agency", action=f"Report item {k}", days=10 + k)
            # The flow mapping's closing brace, with the parent before it.
            body.append(line.replace("}\n", f", parent: p{parent}}}\n"))
        write(os.path.join(work, "spec", "i", "v", "s.yaml"), "".join(body))
        # A check takes a tenth of a second: the median of several runs, not one.
        runs = []
        for _ in range(RUNS):
            started = time.perf_counter()
            run = subprocess.run([binary, "check", os.path.join(work, "spec")],
                                 capture_output=True, text=True)
            runs.append(time.perf_counter() - started)
            if run.returncode != 0:
                sys.exit(f"orderly check of the {name} sub-items failed ({run.returncode}):\n"
                         f"{run.stdout}{run.stderr}")
        times[name] = statistics.median(runs)
        shutil.rmtree(work)
        print(f"subitems: {count} {name} sub-items under one covering entry: "
              f"check {times[name]:.3f} s (median of {RUNS}, {min(runs):.3f}-{max(runs):.3f})")
    ratio = times["chain"] / times["flat"]
    print(f"subitems: chain / flat time {ratio:.2f} (target under 2)")
    return ratio < 2


def dates_mode(binary):
    ok = True
    for date in ["2100-01-01", "0001-01-01"]:
        work = fresh("dates")
        shutil.copytree(os.path.join(ROOT, "tests", "fixtures", "example"),
                        os.path.join(work, "spec"))
        sec2 = os.path.join(work, "spec", "city-ordinance-12", "adopted", "sec-2.yaml")
        with open(sec2, encoding="utf-8") as f:
            text = f.read()
        assert "    due: ongoing\n" in text
        with open(sec2, "w", encoding="utf-8") as f:
            f.write(text.replace("    due: ongoing\n", f"    due: {{ on: {date} }}\n", 1))
        seconds, _, _ = build(binary, os.path.join(work, "spec"), os.path.join(work, "site"))
        page = os.path.join(work, "site", "city-ordinance-12", "adopted", "timeline.html")
        with open(page, encoding="utf-8") as f:
            html = f.read()
        ticks = html.count('stroke="#999"')
        labels = re.findall(r'fill="#555">([0-9-]+)</text>', html)
        shutil.rmtree(work)
        print(f"dates: a deadline on {date}: timeline.html {len(html.encode()):,} bytes, "
              f"{ticks} ticks ({labels[0]} to {labels[-1]}), build {seconds:.2f} s "
              "(targets: under 200,000 bytes, at most 24 ticks)")
        ok &= len(html.encode()) < 200_000 and 2 <= ticks <= 24
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modes", nargs="*", default=["dates", "actors", "versions", "subitems"],
                        choices=["dates", "actors", "versions", "subitems"])
    parser.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "orderly"))
    parser.add_argument("--versions", type=int, default=400)
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--provisions", type=int, default=10,
                        help="provisions per version (versions mode)")
    parser.add_argument("--subitems", type=int, default=20_000,
                        help="provisions in the chain (subitems mode)")
    parser.add_argument("--actor-provisions", type=int, default=200,
                        help="provisions naming actors (actors mode)")
    parser.add_argument("--named", choices=["leaf", "spread"], default="leaf",
                        help="which actors the provisions name (actors mode): the deepest of "
                        "the chain, or actors spread along it")
    args = parser.parse_args()
    if not os.path.exists(args.bin):
        sys.exit(f"{args.bin} not found: run `cargo build --release` or pass --bin")
    results = {}
    for mode in args.modes:
        if mode == "dates":
            results[mode] = dates_mode(args.bin)
        elif mode == "subitems":
            results[mode] = subitems_mode(args.bin, args.subitems)
        elif mode == "actors":
            results[mode] = actors_mode(args.bin, args.actors, args.actor_provisions,
                                        args.named)
        else:
            results[mode] = versions_mode(args.bin, args.versions, args.provisions)
    missed = [m for m, ok in results.items() if not ok]
    print("all targets met" if not missed else f"missed: {', '.join(missed)}")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
