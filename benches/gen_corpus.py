#!/usr/bin/env python3
"""Generate a synthetic orderly spec folder for benchmarks.

Deterministic (fixed seed): the same arguments give byte-identical files. The corpus uses the
real spec format: actors with parents, instruments with versions, anchors and sources, section
files of provisions with chained deadlines, parameters, terms and disputed values.

    python3 benches/gen_corpus.py OUT --provisions 100000 --files 1000 [--versions 2 [--disjoint]]
        [--files-per-instrument 100]

Section files are grouped into instruments of --files-per-instrument files each (one
instrument holds all of them when that is at least --files).

With --versions 2 each instrument gets a second version, `v2`, derived from `v1` with a known
mix of changes (renamed ids, moved provisions, changed deadlines and parameters, reworded
actions, added and removed provisions), for the diff benchmark; the mix is printed.
"""

import argparse
import os
import random

WORDS = (
    "establish review report coordinate publish assess identify maintain update federal agency "
    "guidance framework risk system software security vulnerability infrastructure incident "
    "response standard procedure inventory vendor data sharing information consistent within "
    "days department program plan critical measure develop issue notify evaluate"
).split()
DEPARTMENTS = ["dept-a", "dept-b", "dept-c", "dept-d", "dept-e", "dept-f", "dept-g", "dept-h"]
MODALITIES = ["shall", "shall", "shall", "may", "should", "shall-not"]
KINDS = {"shall": "obligation", "may": "permission", "should": "obligation", "shall-not": "prohibition"}


def actors(rng):
    out = {}
    for dept in DEPARTMENTS:
        out[dept] = {"name": f"Department {dept[-1].upper()}", "kind": "department"}
        for i in range(5):
            out[f"{dept}-office-{i}"] = {"name": f"Office {i} of Department {dept[-1].upper()}",
                                         "kind": "component", "parent": dept}
    return out


def sentence(rng, lo, hi):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return (" ".join(words)).capitalize() + "."


def provision(rng, section, index, earlier, actor_ids, terms):
    modality = rng.choice(MODALITIES)
    kind = KINDS[modality]
    pid = f"s{section}-p{index}"
    actor = rng.choice(DEPARTMENTS)
    p = {
        "id": pid,
        "ref": f"{section}({index})",
        "kind": kind,
        "modality": modality,
        "binding": "mandatory" if modality != "may" else "discretionary",
        "actor": actor,
    }
    if rng.random() < 0.5:
        p["acting_through"] = {actor: f"{actor}-office-{rng.randint(0, 4)}"}
    consults = sorted(rng.sample([a for a in DEPARTMENTS if a != actor], rng.randint(0, 3)))
    if consults:
        p["consults"] = consults
    p["action"] = sentence(rng, 20, 40)
    if kind == "obligation":
        if earlier and rng.random() < 0.3:
            p["due"] = {"within": f"{rng.choice([15, 30, 45, 60, 90])}d", "of": rng.choice(earlier[-20:])}
        elif rng.random() < 0.1:
            p["due"] = "ongoing"
        else:
            p["due"] = {"within": f"{rng.choice([30, 60, 90, 120, 180])}d", "of": "order-date"}
    if rng.random() < 0.3:
        p["parameters"] = {"report_window": f"{rng.choice([14, 30, 60])}d"}
    if rng.random() < 0.05:
        p["binding"] = {"disputed": [
            {"reading": "mandatory", "sources": ["src-1"], "confidence": "medium"},
            {"reading": "voluntary", "sources": ["src-2"], "confidence": "low"},
        ]}
    if rng.random() < 0.3:
        p["terms"] = [rng.choice(terms)]
    p["sources"] = [{"source": "src-0", "at": f"Sec. {section}({index})"}]
    if rng.random() < 0.3:
        p["sources"].append(rng.choice(["src-1", "src-2", "src-3"]))
    p["confidence"] = rng.choice(["high", "high", "medium", "low"])
    return p


def cited_sources(all_sections):
    """The numbers of the sources the provisions of every version cite."""
    cited = set()
    for secs in all_sections.values():
        for ps in secs.values():
            for p in ps:
                refs = list(p["sources"])
                if isinstance(p["binding"], dict):
                    refs += [s for r in p["binding"]["disputed"] for s in r["sources"]]
                for ref in refs:
                    cited.add(int((ref["source"] if isinstance(ref, dict) else ref).split("-")[1]))
    return cited


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scalar(v):
    if isinstance(v, str):
        return quote(v)
    return str(v)


def flow(v):
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k}: {flow(x)}" for k, x in v.items()) + " }"
    if isinstance(v, list):
        return "[" + ", ".join(flow(x) for x in v) + "]"
    return scalar(v)


def write_provision(out, p):
    first = True
    for key, value in p.items():
        prefix = "  - " if first else "    "
        first = False
        if key == "binding" and isinstance(value, dict):
            out.append(f"{prefix}binding:\n      disputed:")
            for r in value["disputed"]:
                out.append(f"        - {flow(r)}")
        elif isinstance(value, (dict, list)):
            out.append(f"{prefix}{key}: {flow(value)}")
        else:
            out.append(f"{prefix}{key}: {scalar(value) if key in ('ref', 'action') else value}")


def section_file(number, provisions):
    out = ["# yaml-language-server: $schema=../../../schemas/section.schema.json",
           f'section: "{number}"', f"heading: {quote('Section ' + str(number))}", "provisions:"]
    for p in provisions:
        write_provision(out, p)
    return "\n".join(out) + "\n"


def mutate(rng, sections, stats):
    """A second version: a known mix of changes."""
    new = {}
    moved = []
    for number, provisions in sections.items():
        out = []
        for p in provisions:
            p = dict(p)
            r = rng.random()
            if r < 0.01:
                stats["removed"] += 1
                continue
            if r < 0.03:
                p["id"] = p["id"] + "-renamed"
                stats["renamed"] += 1
            elif r < 0.04:
                moved.append(p)
                stats["moved"] += 1
                continue
            elif r < 0.09 and isinstance(p.get("due"), dict) and "within" in p["due"]:
                p["due"] = dict(p["due"], within=f"{int(p['due']['within'][:-1]) + 30}d")
                stats["deadline"] += 1
            elif r < 0.12 and "parameters" in p:
                p["parameters"] = {"report_window": "7d"}
                stats["parameter"] += 1
            elif r < 0.20:
                words = p["action"][:-1].split()
                words[rng.randrange(len(words))] = rng.choice(WORDS)
                p["action"] = " ".join(words).capitalize() + "."
                stats["wording"] += 1
            out.append(p)
            if rng.random() < 0.01:
                extra = dict(p, id=p["id"] + "-new", ref=p["ref"] + "-bis")
                extra["due"] = {"within": "30d", "of": "order-date"} if extra["kind"] == "obligation" else extra.get("due")
                if extra["due"] is None:
                    del extra["due"]
                out.append(extra)
                stats["added"] += 1
        new[number] = out
    # Moved provisions land at the end of the next section, renumbered.
    numbers = list(new)
    for i, p in enumerate(moved):
        target = numbers[(numbers.index(p["id"].split("-")[0][1:]) + 1) % len(numbers)] if p["id"].split("-")[0][1:] in numbers else numbers[0]
        p = dict(p, ref=f"{target}(m{i})")
        new[target].append(p)
    # Chained deadlines must still point at provisions of the version.
    ids = {p["id"] for ps in new.values() for p in ps}
    for ps in new.values():
        for p in ps:
            due = p.get("due")
            if isinstance(due, dict) and due.get("of") not in (None, "order-date") and due["of"] not in ids:
                p["due"] = {"within": due["within"], "of": "order-date"}
    return new


def disjoint(rng, sections):
    """A second version that shares no provision id with the first: every id renamed (and the
    deadlines chained to it), one word of every action changed."""
    rename = {p["id"]: "r" + p["id"] for ps in sections.values() for p in ps}
    new = {}
    for number, provisions in sections.items():
        out = []
        for p in provisions:
            p = dict(p, id=rename[p["id"]])
            due = p.get("due")
            if isinstance(due, dict) and due.get("of") in rename:
                p["due"] = dict(due, of=rename[due["of"]])
            words = p["action"][:-1].split()
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            p["action"] = " ".join(words).capitalize() + "."
            out.append(p)
        new[number] = out
    return new


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--provisions", type=int, default=1000)
    parser.add_argument("--files", type=int, default=10)
    parser.add_argument("--versions", type=int, choices=[1, 2], default=1)
    parser.add_argument("--files-per-instrument", type=int, default=100)
    parser.add_argument("--disjoint", action="store_true",
                        help="with --versions 2: v2 renames every id and rewords every action")
    parser.add_argument("--seed", type=int, default=14409)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "actors.yaml"), "w") as f:
        f.write("# yaml-language-server: $schema=../schemas/actors.schema.json\nactors:\n")
        for aid, a in actors(rng).items():
            f.write(f"  {aid}: {flow(a)}\n")
    files_per_instrument = args.files_per_instrument
    instruments = max(1, (args.files + files_per_instrument - 1) // files_per_instrument)
    per_file = args.provisions // args.files
    extra = args.provisions - per_file * args.files
    stats = {k: 0 for k in ["renamed", "moved", "removed", "added", "deadline", "parameter", "wording"]}
    terms = ["term-a", "term-b", "term-c"]
    file_index = 0
    for inst in range(instruments):
        name = f"instrument-{inst:03d}"
        idir = os.path.join(args.out, name)
        os.makedirs(idir, exist_ok=True)
        versions = ["v1", "v2"][: args.versions]
        sections = {}
        count = min(files_per_instrument, args.files - file_index)
        for s in range(1, count + 1):
            n = per_file + (1 if file_index < extra else 0)
            file_index += 1
            earlier = []
            ps = []
            for i in range(1, n + 1):
                p = provision(rng, s, i, earlier, None, terms)
                earlier.append(p["id"])
                ps.append(p)
            sections[str(s)] = ps
        all_sections = {"v1": sections}
        if args.versions == 2:
            all_sections["v2"] = (disjoint(rng, sections) if args.disjoint
                                  else mutate(rng, sections, stats))
        # Only the sources some provision cites are listed: an uncited one is a warning.
        with open(os.path.join(idir, "instrument.yaml"), "w") as f:
            f.write("# yaml-language-server: $schema=../../schemas/instrument.schema.json\n")
            f.write(f"title: Synthetic instrument {inst}\nkind: regulation\nversions:\n")
            # Dates are quoted: YAML 1.1 parsers (js-yaml 3 in ajv-cli) read a bare date as a
            # timestamp, not a string, and the peers in benches/bench.py read these files too.
            for i, v in enumerate(versions):
                f.write(f"  - id: {v}\n    date: \"2026-0{i + 1}-01\"\n    basis: primary\n"
                        f"    anchors: {{ order-date: \"2026-0{i + 1}-01\" }}\n")
            f.write("sources:\n")
            for s in sorted(cited_sources(all_sections)):
                f.write(f"  src-{s}: {{ title: Source {s}, kind: {'primary' if s == 0 else 'news'}, "
                        f"url: \"https://example.org/{name}/{s}\" }}\n")
        for v, secs in all_sections.items():
            vdir = os.path.join(idir, v)
            os.makedirs(vdir, exist_ok=True)
            with open(os.path.join(vdir, "terms.yaml"), "w") as f:
                f.write("# yaml-language-server: $schema=../../../schemas/terms.schema.json\nterms:\n")
                for t in terms:
                    f.write(f"  {t}: {{ term: {t}, meaning: A synthetic term., defined: undefined, confidence: high }}\n")
            for number, ps in secs.items():
                with open(os.path.join(vdir, f"sec-{int(number):03d}.yaml"), "w") as f:
                    f.write(section_file(number, ps))
    if args.versions == 2:
        print("changes v1 -> v2: " + ", ".join(f"{k} {v}" for k, v in stats.items()))


if __name__ == "__main__":
    main()
