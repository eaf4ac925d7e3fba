#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora from spec/ and tests/fixtures (deterministic).

    python3 fuzz/seeds.py          # into fuzz/corpus/{load,check,diff}

load:  every YAML file, as it is.
check: every spec folder as `path NUL content NUL ...` (the check target's input format).
diff:  pairs of section files of the example instrument, as `old NUL new`.
"""

import hashlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus")


def save(target, data):
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def yaml_files(folder):
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith((".yaml", ".yml")):
                found.append(os.path.join(dirpath, name))
    return found


def read(path):
    with open(path, "rb") as f:
        return f.read()


def main():
    folders = [os.path.join(ROOT, "spec"),
               os.path.join(ROOT, "tests", "fixtures", "example"),
               os.path.join(ROOT, "tests", "fixtures", "deadlines")]
    for group in ["invalid", "diff"]:
        base = os.path.join(ROOT, "tests", "fixtures", group)
        folders += [os.path.join(base, name) for name in sorted(os.listdir(base))
                    if os.path.isdir(os.path.join(base, name))]
    count = {"load": 0, "check": 0, "diff": 0}
    for folder in folders:
        parts = []
        for path in yaml_files(folder):
            data = read(path)
            save("load", data)
            count["load"] += 1
            parts += [os.path.relpath(path, folder).replace(os.sep, "/").encode(), data]
        if parts:
            save("check", b"\0".join(parts))
            count["check"] += 1
    example = os.path.join(ROOT, "tests", "fixtures", "example", "city-ordinance-12")
    sections = [os.path.join(example, "proposed", "sec-2.yaml"),
                os.path.join(example, "adopted", "sec-1.yaml"),
                os.path.join(example, "adopted", "sec-2.yaml")]
    sections += yaml_files(os.path.join(ROOT, "tests", "fixtures", "diff"))
    sections = [s for s in sections if not s.endswith("terms.yaml")]
    for old in sections:
        for new in sections:
            save("diff", read(old) + b"\0" + read(new))
            count["diff"] += 1
    print(", ".join(f"{n} {target} seeds" for target, n in count.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
