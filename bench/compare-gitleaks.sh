#!/usr/bin/env bash
# Compares djsec's secrets rules with gitleaks on the annotated testdata of
# internal/rules/secrets and on examples/shopfront.
#
#   bench/compare-gitleaks.sh
#
# Every line of the testdata that holds a secret carries a `want`
# annotation (or an entry in a WANT file), and every look-alike a `safe`
# marker. For each tool the script counts the findings on want lines
# (secrets found), the want lines without a finding (secrets missed), the
# findings on safe lines (placeholders and look-alikes reported) and the
# findings elsewhere. gitleaks is taken from GITLEAKS or built with go
# install into a temporary directory.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/djsec-gitleaks.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/djsec" ./cmd/djsec)
gitleaks=${GITLEAKS:-}
if [ -z "$gitleaks" ]; then
	GOBIN="$work/bin" go install github.com/zricethezav/gitleaks/v8@v8.30.1
	gitleaks=$work/bin/gitleaks
fi
rules=()
for r in DJK101 DJK102 DJK103 DJK104 DJK105 DJK106 DJK107 DJK108 DJK201; do rules+=(--rule "$r"); done

for target in internal/rules/secrets/testdata examples/shopfront; do
	name=$(echo "$target" | tr / _)
	"$work/djsec" scan "${rules[@]}" --format json --output "$work/$name.djsec.json" "$repo/$target" || [ $? = 1 ]
	"$gitleaks" dir --no-banner --exit-code 0 --log-level error --report-format json \
		--report-path "$work/$name.gitleaks.json" "$repo/$target"
	python3 - "$repo/$target" "$work/$name.djsec.json" "$work/$name.gitleaks.json" <<'PY'
import json, os, re, sys

root, djsec_path, gitleaks_path = sys.argv[1:]
want, safe = set(), set()
want_re = re.compile(r'(?:#|\{#|//|<!--|/\*)\s*want\s+"')
safe_re = re.compile(r'(?:#|\{#|//|<!--|/\*)\s*safe\b')
for dirpath, _, files in os.walk(root):
    for name in files:
        path = os.path.join(dirpath, name)
        rel = os.path.relpath(path, root)
        try:
            lines = open(path, encoding="utf-8").read().split("\n")
        except (UnicodeDecodeError, OSError):
            continue
        if name == "WANT":
            for l in lines:
                m = re.match(r'^(\S+):(\d+)\s', l)
                if m:
                    want.add((os.path.normpath(os.path.join(os.path.dirname(rel), m.group(1))), int(m.group(2))))
            continue
        if rel.startswith("DJK201"):
            continue  # committed .env files: a djsec rule gitleaks has no counterpart for
        for i, l in enumerate(lines, 1):
            if want_re.search(l):
                want.add((rel, i))
            elif safe_re.search(l):
                safe.add((rel, i))

def lines_of(findings):
    return [(os.path.normpath(p), l) for p, l in findings]

dj = json.load(open(djsec_path))["findings"]
dj = [f for f in dj if not f["location"]["path"].startswith("DJK201")]
djl = lines_of((f["location"]["path"], f["location"]["line"]) for f in dj if f["rule"] != "DJK201")
gl = json.load(open(gitleaks_path)) or []
gl = [f for f in gl if not os.path.relpath(f["File"], root).startswith("DJK201")]
gll = lines_of((os.path.relpath(f["File"], root), f["StartLine"]) for f in gl)

print(f"== {os.path.relpath(root)}: {len(want)} annotated secrets, {len(safe)} look-alikes")
print(f"{'':10} {'findings':>9} {'on want':>8} {'missed':>7} {'on safe':>8} {'elsewhere':>10}")
for tool, fl in (("djsec", djl), ("gitleaks", gll)):
    s = set(fl)
    on_want = sum(1 for x in fl if x in want)
    on_safe = sum(1 for x in fl if x in safe)
    other = len(fl) - on_want - on_safe
    print(f"{tool:10} {len(fl):>9} {on_want:>8} {len(want - s):>7} {on_safe:>8} {other:>10}")
extra = [f for f in dj if f["rule"] == "DJK201"]
print(f"(djsec also reports {len(extra)} committed .env files, DJK201, which gitleaks has no rule for)")
if os.environ.get("VERBOSE"):
    for f in gl:
        k = (os.path.relpath(f["File"], root), f["StartLine"])
        print("gitleaks", "want" if k in want else "SAFE" if k in safe else "other", k, f["RuleID"])
    for x in sorted(want - set(gll)):
        print("gitleaks missed", x)
    for f in dj:
        k = (f["location"]["path"], f["location"]["line"])
        if k not in want:
            print("djsec", "SAFE" if k in safe else "other", k, f["rule"], f["message"][:60])
PY
done
