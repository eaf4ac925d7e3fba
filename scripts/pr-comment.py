#!/usr/bin/env python3
"""Post or update the one pull-request comment that carries orderly's diff report.

Usage: pr-comment.py --repo OWNER/NAME --pr NUMBER REPORT.md

The comment starts with a hidden marker (<!-- orderly-diff -->). The script lists the pull
request's comments with `gh api` and edits the first one that starts with the marker, or
creates one when there is none, so every push updates the same comment. A report over
GitHub's limit of 65,536 characters (counted in UTF-16 code units) is cut at a line break,
with a notice. `gh` reads its token from GH_TOKEN.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

MARKER = "<!-- orderly-diff -->"
LIMIT = 65_536
NOTICE = (
    "\n\n_This comment is cut to fit GitHub's limit of 65,536 characters; "
    "the whole report is in the workflow run's log._"
)


def width(text):
    """Length as GitHub counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def body_of(report):
    """The comment: the marker, then the report, cut at a line break to fit the limit."""
    body = f"{MARKER}\n{report.rstrip()}\n"
    if width(body) <= LIMIT:
        return body
    room = LIMIT - width(NOTICE)
    kept, used = [], 0
    for line in body.splitlines(keepends=True):
        if used + width(line) > room:
            break
        kept.append(line)
        used += width(line)
    return "".join(kept).rstrip("\n") + NOTICE


def gh(*args):
    result = subprocess.run(["gh", "api", *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"gh api {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def values(text):
    """The JSON values in `gh api --paginate` output: one array per page, back to back."""
    decoder = json.JSONDecoder()
    at, out = 0, []
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at == len(text):
            return out
        value, at = decoder.raw_decode(text, at)
        out.append(value)


def existing(repo, pr):
    """The id of the comment that starts with the marker, or None."""
    listing = gh("--paginate", f"repos/{repo}/issues/{pr}/comments")
    for page in values(listing):
        for comment in page:
            if (comment.get("body") or "").startswith(MARKER):
                return comment["id"]
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", required=True, help="OWNER/NAME")
    parser.add_argument("--pr", required=True, help="the pull request's number")
    parser.add_argument("report", help="the Markdown report")
    args = parser.parse_args()
    with open(args.report, encoding="utf-8") as f:
        body = body_of(f.read())
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".md", delete=False) as f:
        f.write(body)
        path = f.name
    try:
        comment = existing(args.repo, args.pr)
        if comment is None:
            gh("--method", "POST", f"repos/{args.repo}/issues/{args.pr}/comments", "-F", f"body=@{path}")
            print("created the orderly comment")
        else:
            gh("--method", "PATCH", f"repos/{args.repo}/issues/comments/{comment}", "-F", f"body=@{path}")
            print(f"updated the orderly comment {comment}")
    finally:
        os.unlink(path)


if __name__ == "__main__":
    main()
