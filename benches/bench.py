#!/usr/bin/env python3
"""Benchmark `orderly check` against the validators users would pick instead.

Times whole processes, on the same generated spec files and the same JSON Schemas (exported
with `orderly schema --write`):

  orderly check        parse, schema, semantic checks, positions: everything;
  ajv-cli              ajv 8 with ajv-formats, draft 2020-12, all errors (Node);
  check-jsonschema     the Python validator (ruamel.yaml + jsonschema);
  floor                bare YAML parsing with rapidyaml's Python binding (a C++ tree, no
                       validation): the fastest parser available, as a lower bound.

It also times `orderly diff` of two versions of one instrument, and `orderly checklist
--format json` of one version, each with 100,000 provisions at the largest size run, with
`orderly check` of the same files for scale. And it times `orderly diff` of two versions that
share no provision id (every id renamed, one word of every action changed, with 10,000
provisions each at the largest size run) against `orderly check` of the same spec, in the same
run, and reports the ratio: rename matching must stay near-linear (the target is at most 3x).
That diff must match every provision as renamed (checked from its JSON), so that a matcher
that gives up cannot look fast. The Markdown of that diff, which must fit a pull-request
comment and so leaves changes out, is timed too: fitting it must cost no more than writing it.

Every run is checked: a command that fails, or an `orderly check` that reports an error,
stops the benchmark, so a broken peer can never look fast. Each command gets one warm-up run
(unless --runs 1; check-jsonschema, which takes minutes, gets none), then --runs timed runs.
The report gives the median and min-max of the wall time and the peak resident set (the
ru_maxrss that GNU time reports, from wait4). Ratios compare figures measured in the same run.

    python3 benches/bench.py                         # 1k, 10k, 100k and 300k provisions
    python3 benches/bench.py --sizes 1k --runs 1     # a quick run (what CI does)
    python3 benches/bench.py --markdown BENCHMARKS.md

The peers are installed on first use under target/bench/peers (check-jsonschema and rapidyaml
from PyPI into a virtual environment, ajv-cli and ajv-formats from npm), at pinned versions.
Corpora are generated once under target/bench/corpus by benches/gen_corpus.py (deterministic).
"""

import argparse
import datetime
import glob
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = {
    "check-jsonschema": "0.39.0",
    "rapidyaml": "0.15.2",
    "ajv-cli": "5.0.0",
    "ajv": "8.20.0",
    "ajv-formats": "3.0.1",
}
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "300k": 300_000}
KINDS = ["actors", "instrument", "terms", "section"]
# Peers on sizes up to this many provisions; check-jsonschema needs about four minutes for 100k.
PEER_LIMIT = 100_000

FLOOR = r'''
import sys, ryml
total = 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        data = f.read()
    total += len(data)
    tree = ryml.parse_in_arena(data)
    assert tree.size() > 0, path
'''


def log(message):
    print(message, file=sys.stderr, flush=True)


def run(cmd, **kwargs):
    log("$ " + " ".join(cmd))
    subprocess.run(cmd, check=True, **kwargs)


class Failed(Exception):
    pass


def measure(cmd, env=None, ok=(0,)):
    """One run: (wall seconds, peak RSS in KiB). Raises Failed on an unexpected exit status."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    # wait4 gives this child's own resource usage; stderr is read after it exits (the
    # commands write little to it).
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        raise Failed(f"{' '.join(cmd)} exited with {proc.returncode}:\n{stderr[-3000:]}")
    return wall, usage.ru_maxrss


def timed(name, cmd, runs, env=None, ok=(0,), warm_up=True):
    if warm_up and runs > 1:
        measure(cmd, env, ok)
    walls, peaks = [], []
    for _ in range(runs):
        wall, peak = measure(cmd, env, ok)
        walls.append(wall)
        peaks.append(peak)
    result = {
        "name": name,
        "median": statistics.median(walls),
        "min": min(walls),
        "max": max(walls),
        "peak_kib": max(peaks),
        "runs": runs,
    }
    log(f"  {name}: {result['median']:.3f} s ({result['min']:.3f}-{result['max']:.3f}), "
        f"{result['peak_kib'] / 1024:.0f} MiB")
    return result


def corpus(out, name, args):
    """Generates a corpus once; a stamp of the generator and its arguments keeps it current."""
    generator = os.path.join(ROOT, "benches", "gen_corpus.py")
    with open(generator, "rb") as f:
        stamp = hashlib.sha256(f.read() + repr(args).encode()).hexdigest()
    path = os.path.join(out, "corpus", name)
    stamp_file = path + ".stamp"
    if os.path.exists(stamp_file) and open(stamp_file).read() == stamp:
        return path
    shutil.rmtree(path, ignore_errors=True)
    run([sys.executable, generator, path, *args], stdout=subprocess.DEVNULL)
    with open(stamp_file, "w") as f:
        f.write(stamp)
    return path


def install_peers(out):
    peers = os.path.join(out, "peers")
    py = os.path.join(peers, "py", "bin", "python")
    if not os.path.exists(os.path.join(peers, "py", ".installed")):
        shutil.rmtree(os.path.join(peers, "py"), ignore_errors=True)
        run([sys.executable, "-m", "venv", os.path.join(peers, "py")])
        run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             f"check-jsonschema=={PEERS['check-jsonschema']}", f"rapidyaml=={PEERS['rapidyaml']}"])
        open(os.path.join(peers, "py", ".installed"), "w").close()
    node = os.path.join(peers, "node")
    if not os.path.exists(os.path.join(node, ".installed")):
        shutil.rmtree(node, ignore_errors=True)
        os.makedirs(node)
        with open(os.path.join(node, "package.json"), "w") as f:
            f.write('{"name": "orderly-bench-peers", "private": true}\n')
        run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", node,
             f"ajv-cli@{PEERS['ajv-cli']}", f"ajv@{PEERS['ajv']}",
             f"ajv-formats@{PEERS['ajv-formats']}"])
        open(os.path.join(node, ".installed"), "w").close()
    return {
        "python": py,
        "check-jsonschema": os.path.join(peers, "py", "bin", "check-jsonschema"),
        "ajv": os.path.join(node, "node_modules", ".bin", "ajv"),
    }


def spec_files(folder):
    """The spec files of a folder by kind, in a fixed order."""
    return {
        "actors": [os.path.join(folder, "actors.yaml")],
        "instrument": sorted(glob.glob(os.path.join(folder, "*", "instrument.yaml"))),
        "terms": sorted(glob.glob(os.path.join(folder, "*", "*", "terms.yaml"))),
        "section": sorted(glob.glob(os.path.join(folder, "*", "*", "sec-*.yaml"))),
    }


def peer_commands(tools, schemas, folder):
    """One command per peer that validates every file of `folder` against its kind's schema."""
    files = spec_files(folder)
    schema = {kind: os.path.join(schemas, f"{kind}.schema.json") for kind in KINDS}
    ajv = " && ".join(
        f"{tools['ajv']} validate --spec=draft2020 --all-errors --strict=false -c ajv-formats "
        f"-s {schema[kind]} -d '{os.path.join(folder, pattern)}' > /dev/null"
        for kind, pattern in [("actors", "actors.yaml"), ("instrument", "*/instrument.yaml"),
                              ("terms", "*/*/terms.yaml"), ("section", "*/*/sec-*.yaml")]
    )
    check_jsonschema = " && ".join(
        f"{tools['check-jsonschema']} --schemafile {schema[kind]} {' '.join(files[kind])} > /dev/null"
        for kind in KINDS
    )
    every = [path for kind in KINDS for path in files[kind]]
    return {
        "ajv-cli": ["sh", "-c", ajv],
        "check-jsonschema": ["sh", "-c", check_jsonschema],
        "floor": [tools["python"], "-c", FLOOR, *every],
    }


def folder_bytes(folder):
    return sum(os.path.getsize(p) for p in glob.glob(os.path.join(folder, "**", "*.yaml"),
                                                     recursive=True))


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.0f} GiB RAM"
    except OSError:
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{os.cpu_count()} cores ({cpu}){memory}; {platform.system()} {platform.release()}; "
            f"{rustc}; Python {platform.python_version()}; Node {node}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1k,10k,100k,300k",
                        help="corpus sizes, from " + ", ".join(SIZES))
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command")
    parser.add_argument("--peer-runs", type=int, default=3,
                        help="timed runs for check-jsonschema, which is slow")
    parser.add_argument("--profile", default="release", choices=["release", "dev"],
                        help="the cargo profile orderly is built with")
    parser.add_argument("--no-peers", action="store_true", help="time orderly only")
    parser.add_argument("--out", default=os.path.join(ROOT, "target", "bench"),
                        help="where peers and corpora are kept (default: target/bench)")
    parser.add_argument("--markdown", help="also write the report to this file")
    args = parser.parse_args()
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    for size in sizes:
        if size not in SIZES:
            parser.error(f"unknown size {size!r}; sizes are " + ", ".join(SIZES))
    if args.runs < 1 or args.peer_runs < 1:
        parser.error("--runs and --peer-runs must be at least 1")

    run(["cargo", "build", "--locked", "--quiet", "--profile", args.profile, "--bin", "orderly"],
        cwd=ROOT)
    orderly = os.path.join(ROOT, "target", "debug" if args.profile == "dev" else "release",
                           "orderly")
    os.makedirs(args.out, exist_ok=True)
    schemas = os.path.join(args.out, "schemas")
    run([orderly, "schema", "--write", schemas], stdout=subprocess.DEVNULL)
    tools = None if args.no_peers else install_peers(args.out)

    rows = []
    for size in sizes:
        n = SIZES[size]
        folder = corpus(args.out, f"check-{size}", ["--provisions", str(n), "--files", str(n // 100)])
        size_bytes = folder_bytes(folder)
        log(f"{size}: {n} provisions, {n // 100} section files, {size_bytes / 1e6:.1f} MB")
        row = {"size": size, "provisions": n, "bytes": size_bytes, "results": {}}
        row["results"]["orderly"] = timed("orderly check", [orderly, "check", folder], args.runs)
        if tools and n <= PEER_LIMIT:
            commands = peer_commands(tools, schemas, folder)
            row["results"]["ajv-cli"] = timed("ajv-cli", commands["ajv-cli"], args.runs)
            # Slow enough that a warm-up changes nothing but the time the benchmark takes.
            row["results"]["check-jsonschema"] = timed(
                "check-jsonschema", commands["check-jsonschema"], min(args.runs, args.peer_runs),
                warm_up=False)
            row["results"]["floor"] = timed("floor (rapidyaml)", commands["floor"], args.runs)
        rows.append(row)

    # Diff and checklist on one instrument whose versions have as many provisions as the
    # largest size run, up to 100k.
    n = min(100_000, max(SIZES[s] for s in sizes))
    files = str(n // 100)
    pair = corpus(args.out, f"pair-{n}", ["--provisions", str(n), "--files", files,
                                         "--files-per-instrument", files, "--versions", "2"])
    single = corpus(args.out, f"single-{n}", ["--provisions", str(n), "--files", files,
                                             "--files-per-instrument", files])
    log(f"one instrument, {n} provisions per version")
    compile_rows = {
        "diff": timed("orderly diff --format json",
                      [orderly, "diff", os.path.join(pair, "instrument-000"), "--from", "v1",
                       "--to", "v2", "--format", "json", "-o", os.devnull], args.runs),
        "checklist": timed("orderly checklist --format json",
                           [orderly, "checklist", os.path.join(single, "instrument-000"),
                            "--format", "json", "--as-of", "2026-11-26", "-o", os.devnull],
                           args.runs),
    }

    compile_rows["check"] = timed("orderly check (both versions)", [orderly, "check", pair],
                                  args.runs)

    # Two versions with no id in common: every provision must be matched as renamed.
    m = min(10_000, max(SIZES[s] for s in sizes))
    files = str(max(1, m // 100))
    disjoint = corpus(args.out, f"disjoint-{m}", ["--provisions", str(m), "--files", files,
                                                 "--files-per-instrument", files,
                                                 "--versions", "2", "--disjoint"])
    log(f"one instrument, {m} provisions per version, no id shared")
    diff_cmd = [orderly, "diff", os.path.join(disjoint, "instrument-000"), "--from", "v1",
                "--to", "v2", "--format", "json"]
    summary = json.loads(subprocess.run(diff_cmd, check=True, capture_output=True).stdout)
    renamed = summary["summary"]["renamed"]
    if renamed != m:
        raise Failed(f"the disjoint diff matched {renamed} of {m} provisions as renamed")
    disjoint_rows = {
        "check": timed("orderly check", [orderly, "check", disjoint], args.runs),
        "diff": timed("orderly diff --format json", diff_cmd + ["-o", os.devnull], args.runs),
        "md": timed("orderly diff --format md", diff_cmd[:-1] + ["md", "-o", os.devnull],
                    args.runs),
        "matching": summary["matching"],
        "provisions": m,
        "bytes": folder_bytes(disjoint),
    }
    for key in ("diff", "md"):
        ratio = disjoint_rows[key]["median"] / disjoint_rows["check"]["median"]
        log(f"  {key} / check: {ratio:.2f}x")

    report = render(rows, compile_rows, n, args, disjoint_rows)
    print(report)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(report)


def seconds(r):
    return f"{r['median']:.3f} ({r['min']:.3f}-{r['max']:.3f})"


def render(rows, compile_rows, n, args, disjoint):
    out = [f"Measured {datetime.date.today().isoformat()} on {machine()}.", "",
           f"Command: `python3 benches/bench.py --sizes {args.sizes} --runs {args.runs} "
           f"--peer-runs {args.peer_runs}" + (" --no-peers" if args.no_peers else "")
           + (f" --profile {args.profile}" if args.profile != "release" else "") + "`", "",
           "Wall time in seconds, median (min-max) of the timed runs after a warm-up; peak "
           "resident memory in MiB.", ""]
    names = {"orderly": "orderly check", "ajv-cli": "ajv-cli", "check-jsonschema":
             "check-jsonschema", "floor": "floor: rapidyaml parse"}
    out.append("| corpus | tool | seconds | peak MiB | orderly check is |")
    out.append("|---|---|---|---|---|")
    for row in rows:
        mine = row["results"]["orderly"]
        label = f"{row['size']} ({row['provisions']:,} provisions, {row['bytes'] / 1e6:.1f} MB)"
        for key, result in row["results"].items():
            if key == "orderly":
                versus = (f"{mine['peak_kib'] * 1024 / row['bytes']:.2f}x the corpus "
                          f"size in memory")
            elif key == "floor":
                versus = f"{mine['median'] / result['median']:.2f}x the floor's time"
            else:
                versus = f"{result['median'] / mine['median']:.1f}x faster"
            out.append(f"| {label} | {names[key]} | {seconds(result)} | "
                       f"{result['peak_kib'] / 1024:.0f} | {versus} |")
            label = ""
    out.append("")
    per = [(row["size"], row["results"]["orderly"]["median"] / row["provisions"] * 1e6)
           for row in rows if row["provisions"] >= 10_000]
    if len(per) > 1:
        spread = max(p for _, p in per) / min(p for _, p in per) - 1
        out.append("Time per provision, `orderly check`: " + ", ".join(
            f"{size} {us:.2f} µs" for size, us in per) + f" (spread {spread:.0%}).")
        out.append("")
    out.append(f"One instrument, {n:,} provisions per version:")
    out.append("")
    out.append("| command | seconds | peak MiB | time against `orderly check` of the same files |")
    out.append("|---|---|---|---|")
    check = compile_rows["check"]
    for key, label in [("check", "`orderly check` of the spec (both versions)"),
                       ("diff", "`orderly diff --format json` of two versions"),
                       ("checklist", "`orderly checklist --format json` of one version")]:
        r = compile_rows[key]
        versus = "" if key == "check" else f"{r['median'] / check['median']:.2f}x"
        out.append(f"| {label} | {seconds(r)} | {r['peak_kib'] / 1024:.0f} | {versus} |")
    out.append("")
    m = disjoint["provisions"]
    out.append(f"One instrument, {m:,} provisions per version, no provision id shared "
               f"(`gen_corpus.py --disjoint`: every id renamed, one word of every action "
               f"changed; {disjoint['bytes'] / 1e6:.1f} MB); the diff matched all {m:,} as "
               f"renamed:")
    out.append("")
    out.append("| command | seconds | peak MiB | time against `orderly check` |")
    out.append("|---|---|---|---|")
    check = disjoint["check"]
    for key, label in [("check", "`orderly check` of the spec (both versions)"),
                       ("diff", "`orderly diff --format json` of the two versions"),
                       ("md", "`orderly diff --format md` of the two versions (kept under "
                              "GitHub's comment limit)")]:
        r = disjoint[key]
        versus = "" if key == "check" else f"{r['median'] / check['median']:.2f}x"
        out.append(f"| {label} | {seconds(r)} | {r['peak_kib'] / 1024:.0f} | {versus} |")
    out.append("")
    bounded = [(stage, disjoint["matching"][stage]) for stage in ("renames", "splits")
               if disjoint["matching"][stage]["bounded"]]
    if bounded:
        out.append("Matching was bounded (and the diff says so): " + "; ".join(
            f"{stage}: {s['bounded']:,} of {s['provisions']:,} provisions compared with at most "
            f"{s['candidates']} candidates each" for stage, s in bounded) + ".")
    else:
        out.append("Matching was exhaustive in effect (no provision's candidates were bounded).")
    out.append("")
    out.append("Peers: " + ", ".join(f"{k} {v}" for k, v in PEERS.items()) + ".")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    try:
        main()
    except Failed as error:
        log(f"benchmark stopped: {error}")
        sys.exit(1)
    except subprocess.CalledProcessError as error:
        log(f"benchmark stopped: {error}")
        sys.exit(1)
