#!/usr/bin/env python3
"""Compare djsec's code rules with Bandit on the annotated testdata.

Usage: compare_bandit.py DJSEC_BINARY [TESTDATA_DIR]

For each rule folder of internal/rules/code/testdata, lines marked
`# want` are the flaws and lines marked `# safe` the look-alikes. Both
tools scan the folder; a hit on a want line counts as found, a hit on a
safe line as a false positive, a hit elsewhere as "other" (Bandit reports
imports of subprocess or pickle, asserts, and so on). Prints a Markdown
table.
"""
import json
import os
import re
import subprocess
import sys

WANT = re.compile(r"#\s*want\b")
SAFE = re.compile(r"#\s*safe\b")


def annotations(root):
    want, safe = set(), set()
    for d, _, files in os.walk(root):
        for f in files:
            if not f.endswith(".py"):
                continue
            p = os.path.join(d, f)
            rel = os.path.relpath(p, root)
            for i, line in enumerate(open(p, encoding="utf-8"), 1):
                if WANT.search(line):
                    want.add((rel, i))
                if SAFE.search(line):
                    safe.add((rel, i))
    return want, safe


def bandit(root):
    out = subprocess.run(["bandit", "-r", "-q", "-f", "json", root], capture_output=True, text=True)
    hits = []
    for r in json.loads(out.stdout or "{}").get("results", []):
        hits.append((os.path.relpath(r["filename"], root), r["line_number"], r["test_id"]))
    return hits


def djsec(binary, root, rule):
    out = subprocess.run([binary, "scan", root, "--rule", rule, "--format", "json"], capture_output=True, text=True)
    return [(f["location"]["path"], f["location"]["line"], f["rule"]) for f in json.loads(out.stdout)["findings"]]


def score(hits, want, safe):
    found = {(p, l) for p, l, _ in hits if (p, l) in want}
    fp = {(p, l) for p, l, _ in hits if (p, l) in safe}
    other = [(p, l, t) for p, l, t in hits if (p, l) not in want and (p, l) not in safe]
    return len(found), len(fp), other


def main():
    binary = sys.argv[1]
    td = sys.argv[2] if len(sys.argv) > 2 else "internal/rules/code/testdata"
    print("| rule | flaws | djsec found | djsec FP on look-alikes | djsec other | bandit found | bandit FP on look-alikes | bandit other hits (tests) |")
    print("|---|---|---|---|---|---|---|---|")
    tot = [0] * 7
    for rule in sorted(os.listdir(td)):
        root = os.path.join(td, rule)
        want, safe = annotations(root)
        df, dfp, dother = score(djsec(binary, root, rule), want, safe)
        bf, bfp, bother = score(bandit(root), want, safe)
        tests = sorted({t for _, _, t in bother})
        print(f"| {rule} | {len(want)} | {df} | {dfp} | {len(dother)} | {bf} | {bfp} | {len(bother)} ({', '.join(tests)}) |")
        for i, v in enumerate([len(want), df, dfp, len(dother), bf, bfp, len(bother)]):
            tot[i] += v
    print(f"| total | {tot[0]} | {tot[1]} | {tot[2]} | {tot[3]} | {tot[4]} | {tot[5]} | {tot[6]} |")


if __name__ == "__main__":
    main()
