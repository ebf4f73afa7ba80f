#!/bin/sh
# Times a default probe (no --active, no --services) of the local Django
# test sites of internal/probe: gunicorn behind nginx with TLS from a local
# CA. Four sites: insecure (DEBUG = True with django-debug-toolbar shown to
# the proxy's address, when python3-django-debug-toolbar is installed),
# insecure without the toolbar (DEBUG = True alone), middling (DEBUG off,
# any Host, no HSTS or CSP) and hardened.
#
#   bench/probe.sh               # RUNS=5 probes per site
#   bench/probe.sh OLD_DJSEC     # also probes with another djsec binary
#                                # (e.g. one built from main) and compares
#                                # the findings and grades as JSON
#
# For each site: the median wall time, djsec's CPU (user+sys), the CPU the
# site's gunicorn workers spent answering, and the requests sent. Needs
# Debian python3-django, gunicorn and nginx (see internal/probe's live
# tests); jq for the comparison. Loopback only.
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
old=${1:-}
work=$(mktemp -d)
dir=/nonexistent
trap 'rm -f "$dir/serving"; sleep 0.5; rm -rf "$work"' EXIT
go build -o "$work/djsec" ./cmd/djsec
go test -c -o "$work/probe.test" ./internal/probe
tck=$(getconf CLK_TCK)

# cpu PATTERN: CPU ticks of the processes whose command line has PATTERN
# and of their children: "--chdir DIR/site" is the site's gunicorn (master
# and workers), "-p DIR/nginx" its nginx (the workers' command lines do not
# say which nginx they belong to).
cpu() {
	for p in $(pgrep -f -- "$1" || true); do
		echo "$p"
		pgrep -P "$p" || true
	done | sort -u | while read -r q; do
		awk '{print $14+$15}' "/proc/$q/stat" 2>/dev/null || true
	done | awk '{s+=$1} END{print s+0}'
}

median() { sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }

# probe BIN OUT: one default probe; prints "wall djsec-cpu gunicorn-cpu
# nginx-cpu" in seconds.
probe() {
	g0=$(cpu "--chdir $dir/site")
	n0=$(cpu "-p $dir/nginx")
	/usr/bin/time -f '%e %U %S' -o "$work/time" "$1" probe "$url" --http-port "$hport" --ca-file "$ca" \
		-f json -o "$2" --fail-on never -q >/dev/null 2>&1 || true
	g1=$(cpu "--chdir $dir/site")
	n1=$(cpu "-p $dir/nginx")
	awk -v g="$((g1 - g0))" -v n="$((n1 - n0))" -v t="$tck" '{printf "%.2f %.2f %.2f %.2f\n", $1, $2+$3, g/t, n/t}' "$work/time"
}

# summary FILE LABEL JSON: the medians of the runs in FILE.
summary() {
	wall=$(awk '{print $1}' "$1" | median)
	dcpu=$(awk '{print $2}' "$1" | median)
	gcpu=$(awk '{print $3}' "$1" | median)
	ncpu=$(awk '{print $4}' "$1" | median)
	reqs=$(sed -n 's/.*"\([0-9]*\) HTTP requests in.*/\1/p' "$3")
	nf=$(grep -c '"fingerprint":' "$3" || true)
	printf '%-18s %7ss %9ss %13ss %9ss %9s %8s\n' "$2" "$wall" "$dcpu" "$gcpu" "$ncpu" "$reqs" "$nf"
}

# norm FILE: findings and grades with the run's random token taken out.
norm() {
	jq -S '{findings: .findings | sort_by(.rule, .location.url, .message), grades}' "$1" |
		sed -E 's/djsec-[0-9a-f]{12}/djsec-TOKEN/g'
}

echo "median of $RUNS default probes per site; CPU in seconds"
printf '%-18s %8s %10s %14s %10s %9s %8s\n' site wall djsec-cpu gunicorn-cpu nginx-cpu requests findings
for site in insecure insecure-notoolbar middling hardened; do
	variant=${site%-notoolbar}
	notb=""
	[ "$site" = insecure-notoolbar ] && notb=1
	log="$work/$site.log"
	: >"$log"
	(cd internal/probe && DJSEC_NO_TOOLBAR=$notb DJSEC_SERVE_SITE=$variant exec "$work/probe.test" -test.run '^TestServeSite$' -test.v) >"$log" 2>&1 &
	pid=$!
	i=0
	while ! grep -q '^serving' "$log" && kill -0 $pid 2>/dev/null && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
	line=$(grep '^serving' "$log") || { echo "$site: did not start"; cat "$log"; wait; continue; }
	url=$(echo "$line" | awk '{print $2}')
	hport=$(echo "$line" | sed 's/.*--http-port \([0-9]*\).*/\1/')
	ca=$(echo "$line" | sed 's/.*--ca-file \([^ ]*\).*/\1/')
	dir=$(dirname "$ca")
	"$work/djsec" probe "$url" --http-port "$hport" --ca-file "$ca" -f json -o "$work/warm.json" --fail-on never -q >/dev/null 2>&1 || true
	: >"$work/runs"
	n=0
	while [ $n -lt "$RUNS" ]; do
		probe "$work/djsec" "$work/$site.json" >>"$work/runs"
		n=$((n + 1))
	done
	summary "$work/runs" "$site" "$work/$site.json"
	if [ -n "$old" ]; then
		: >"$work/runs"
		n=0
		while [ $n -lt "$RUNS" ]; do
			probe "$old" "$work/$site.old.json" >>"$work/runs"
			n=$((n + 1))
		done
		summary "$work/runs" "  (old binary)" "$work/$site.old.json"
		same=differ
		norm "$work/$site.json" >"$work/a" && norm "$work/$site.old.json" >"$work/b" && cmp -s "$work/a" "$work/b" && same=same
		echo "  findings and grades of the two binaries: $same"
		[ "$same" = same ] || diff "$work/b" "$work/a" | head -20
	fi
	rm -f "$dir/serving"
	wait
done
