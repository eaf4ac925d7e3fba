#!/usr/bin/env python3
"""Time a new user's first two commands on a fresh clone.

Clones the repository (a commit of it, HEAD by default) into a temporary folder, with an
empty `target/`, and runs the two commands of README's quick start, one after the other, the
way a new user does: the main job (the line marked "(the main job)") and the tests (the line
marked "run the tests"). The commands are read from the README of the commit being timed, so
the figures always belong to the commands the README gives.

With --empty-registry the commands run with a new, empty CARGO_HOME, so that every crate is
downloaded and compiled (the registries must be reachable); without it, the crates already
downloaded to the user's cargo home are reused, but everything is compiled afresh.

    python3 benches/fresh_clone.py                       # HEAD, the cargo home as it is
    python3 benches/fresh_clone.py --empty-registry      # and downloading every crate
    python3 benches/fresh_clone.py --rev 4ad480b         # an older commit, for comparison

Prints the wall time of each command and their total, with the machine's load before and
after, since on a shared machine the load explains most of the spread between runs.
"""

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def quick_start(readme):
    """The main job's and the tests' commands from README's quick start block."""
    main = tests = None
    for line in readme.splitlines():
        command, _, comment = line.partition("#")
        if "(the main job)" in comment:
            main = command.strip()
        elif "run the tests" in comment:
            tests = command.strip()
    if not main or not tests:
        sys.exit("README has no quick start lines marked '(the main job)' and 'run the tests'")
    return main, tests


def load():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="HEAD", help="the commit to clone (default HEAD)")
    parser.add_argument("--empty-registry", action="store_true",
                        help="run with a new, empty CARGO_HOME (downloads every crate)")
    parser.add_argument("--keep", action="store_true", help="keep the clone and print where")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="orderly-fresh-")
    clone = os.path.join(work, "orderly")
    try:
        subprocess.run(["git", "clone", "-q", "--no-checkout", ROOT, clone], check=True)
        subprocess.run(["git", "-C", clone, "checkout", "-q", args.rev], check=True)
        with open(os.path.join(clone, "README.md")) as f:
            commands = quick_start(f.read())
        env = dict(os.environ)
        for name in ("CARGO_TARGET_DIR", "CARGO_BUILD_TARGET_DIR", "RUSTFLAGS"):
            env.pop(name, None)
        if args.empty_registry:
            # rustup's proxies find the toolchain through RUSTUP_HOME, not CARGO_HOME.
            env.setdefault("RUSTUP_HOME", os.path.expanduser("~/.rustup"))
            env["CARGO_HOME"] = os.path.join(work, "cargo-home")
        commit = subprocess.run(["git", "-C", clone, "rev-parse", "--short", "HEAD"],
                                check=True, capture_output=True, text=True).stdout.strip()
        print(f"commit {commit}, {os.cpu_count()} cores, "
              f"{'empty' if args.empty_registry else 'existing'} cargo registry")
        total = 0.0
        for command in commands:
            before = load()
            start = time.monotonic()
            run = subprocess.run(shlex.split(command), cwd=clone, env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            seconds = time.monotonic() - start
            total += seconds
            if run.returncode != 0:
                sys.stderr.write(run.stderr[-4000:])
                sys.exit(f"`{command}` failed with exit code {run.returncode}")
            print(f"{seconds:8.1f} s  {command}  (load average {before} -> {load()})")
        print(f"{total:8.1f} s  both, from a fresh clone")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
