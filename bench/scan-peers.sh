#!/bin/bash
# Measures a whole `djsec scan` side by side with Bandit, the Python
# security linter most Django projects already run, on netbox and saleor,
# and how djsec scales: CPU time (user + system), wall time and peak
# resident memory (/usr/bin/time) of both tools in one run, with the
# ratios; a scaling run over 1, 2, 4 and 8 copies of netbox in one tree;
# and the speed-up of two jobs over one on saleor (bench/SCAN.md). djsec
# is measured as a user runs it and with --include-tests, which makes it
# read the tests that Bandit reads too.
#
#   bench/scan-peers.sh [NETBOX_DIR [SALEOR_DIR]]
#
# The trees default to /work/corpus/netbox and /work/corpus/saleor; a
# directory that is missing is fetched (git clone --depth 1 of the
# project's GitHub repository) into $FETCH_DIR (default /tmp/scan-peers).
# Environment:
#   DJSEC=path     the binary to measure (default: built from this checkout)
#   RUNS=N         djsec runs per measurement, the median is shown (default 3)
#   BANDIT=0       leave Bandit out (it takes about 25 CPU-s on netbox and
#                  80 on saleor); BANDIT_RUNS=N runs it N times (default 1)
#   SCALING=0      leave the scaling run out; JOBS=0 the jobs comparison
#   PRIORITY=1     on a shared machine, run at nice -19 in a scheduling
#                  group of its own (Linux autogroup; needs root), so that
#                  the figures are those of an idle machine; it takes the
#                  CPUs from everyone else meanwhile
#
# Bandit is Debian's (apt-get install -y bandit), run as
# `bandit -r DIR -f json -o /dev/null -q`; djsec as
# `djsec scan DIR -f json -o /dev/null -q --fail-on never`. Bandit 1.6.2 on
# Python 3.11 never fires its string-literal checks (B105-B107, B608), so
# it does a little less work than it would elsewhere.
#
# The machine may be shared: the load average is printed before each
# measurement. Wall times mean something only when it is near zero; CPU
# time is the steadier figure, and Bandit uses one CPU. The scaling copies
# are hard links (copies where the file system refuses them), never
# symbolic links, which djsec does not follow; they are removed at the end.
set -eu
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."

NETBOX=${1:-/work/corpus/netbox}
SALEOR=${2:-/work/corpus/saleor}
RUNS=${RUNS:-3}
BANDIT=${BANDIT:-1}
BANDIT_RUNS=${BANDIT_RUNS:-1}
SCALING=${SCALING:-1}
JOBS=${JOBS:-1}
FETCH_DIR=${FETCH_DIR:-/tmp/scan-peers}

if [ "${PRIORITY:-0}" != 0 ]; then
	# A session of its own gets an autogroup of its own: raising its
	# priority leaves the caller's session as it was, and ends with it.
	if [ -z "${SCAN_PEERS_SESSION:-}" ] && command -v setsid >/dev/null 2>&1; then
		SCAN_PEERS_SESSION=1 exec setsid --wait "$self" "$@"
	fi
	if [ -n "${SCAN_PEERS_SESSION:-}" ]; then
		echo -19 >"/proc/$$/autogroup" 2>/dev/null || echo "scan-peers: cannot raise the autogroup's priority; measuring at normal priority" >&2
	fi
	renice -n -19 -p $$ >/dev/null 2>&1 || true
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM # run the EXIT trap: the scaling copies are large

if [ -z "${DJSEC:-}" ]; then
	CGO_ENABLED=0 go build -o "$work/djsec" ./cmd/djsec
	DJSEC=$work/djsec
fi
if [ ! -x /usr/bin/time ]; then
	echo "scan-peers: /usr/bin/time is missing (apt-get install -y time)" >&2
	exit 2
fi
if [ "$BANDIT" != 0 ] && ! command -v bandit >/dev/null 2>&1; then
	echo "scan-peers: bandit is missing (apt-get install -y bandit); leaving it out" >&2
	BANDIT=0
fi

# tree DIR REPO: DIR, or a shallow clone of REPO when DIR does not exist.
tree() {
	if [ -d "$1" ]; then
		echo "$1"
		return
	fi
	local dst="$FETCH_DIR/$(basename "$2")"
	if [ ! -d "$dst" ]; then
		mkdir -p "$FETCH_DIR"
		git clone -q --depth 1 "https://github.com/$2" "$dst" >&2
	fi
	echo "$dst"
}
NETBOX=$(tree "$NETBOX" netbox-community/netbox)
SALEOR=$(tree "$SALEOR" saleor/saleor)

load() { cut -d' ' -f1 /proc/loadavg; }

# measure OUT CMD...: runs CMD under /usr/bin/time and appends
# "cpu wall rss_kib" to OUT.
measure() {
	local out=$1
	shift
	/usr/bin/time -f '%U %S %e %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || true
	# time prints "Command exited with non-zero status N" first when the
	# tool reports findings through its exit status, as Bandit does.
	tail -n 1 "$work/time" | awk '{printf "%.2f %.2f %d\n", $1 + $2, $3, $4}' >>"$out"
}

# median FILE COLUMN
median() {
	sort -n -k"$2","$2" "$1" | awk -v c="$2" '{v[NR] = $c} END {print v[int((NR + 1) / 2)]}'
}

# summary FILE: "cpu wall rss_mib" medians of each column.
summary() {
	printf '%s %s %.0f' "$(median "$1" 1)" "$(median "$1" 2)" "$(echo "$(median "$1" 3)" | awk '{print $1 / 1024}')"
}

# source size of a tree in MiB: the Python files and templates djsec parses.
source_mib() {
	find "$1" -type f \( -name '*.py' -o -name '*.html' -o -name '*.txt' \) -not -path '*/.git/*' -printf '%s\n' |
		awk '{s += $1} END {printf "%.1f", s / 1048576}'
}

flags=(-f json -o /dev/null -q --fail-on never)

echo "djsec: $("$DJSEC" version | head -1); bandit: $(bandit --version 2>/dev/null | head -1 || echo none)"
echo "machine: $(nproc) CPUs; djsec runs per figure: $RUNS (median)"
echo
echo "== side by side (djsec with its default jobs)"
printf '%-8s %7s %-7s %9s %8s %9s  %s\n' tree source tool cpu_s wall_s rss_mib "load before"
for t in "$NETBOX" "$SALEOR"; do
	name=$(basename "$t")
	src=$(source_mib "$t")
	: >"$work/d"
	l=$(load)
	for _ in $(seq "$RUNS"); do measure "$work/d" "$DJSEC" scan "$t" "${flags[@]}"; done
	read -r dc dw dm <<<"$(summary "$work/d")"
	printf '%-8s %6sM %-7s %9s %8s %9s  %s\n' "$name" "$src" djsec "$dc" "$dw" "$dm" "$l"
	# By default the code analyses leave out the modules of tests, whose
	# findings djsec would only count; Bandit reads them. With
	# --include-tests djsec reads everything Bandit reads.
	: >"$work/i"
	l=$(load)
	for _ in $(seq "$RUNS"); do measure "$work/i" "$DJSEC" scan "$t" "${flags[@]}" --include-tests; done
	read -r ic iw im <<<"$(summary "$work/i")"
	printf '%-8s %6sM %-7s %9s %8s %9s  %s\n' "$name" "$src" "+tests" "$ic" "$iw" "$im" "$l"
	if [ "$BANDIT" != 0 ]; then
		: >"$work/b"
		l=$(load)
		for _ in $(seq "$BANDIT_RUNS"); do measure "$work/b" bandit -r "$t" -f json -o /dev/null -q; done
		read -r bc bw bm <<<"$(summary "$work/b")"
		printf '%-8s %6sM %-7s %9s %8s %9s  %s\n' "$name" "$src" bandit "$bc" "$bw" "$bm" "$l"
		awk -v n="$name" -v dc="$dc" -v dw="$dw" -v dm="$dm" -v bc="$bc" -v bw="$bw" -v bm="$bm" -v s="$src" 'BEGIN {
			printf "%-8s bandit/djsec: CPU %.1fx, wall %.1fx, memory %.2fx; djsec peak memory %.1fx the source\n",
				n, bc / dc, bw / dw, bm / dm, dm / s }'
		awk -v n="$name" -v dc="$ic" -v dw="$iw" -v dm="$im" -v bc="$bc" -v bw="$bw" -v bm="$bm" -v s="$src" 'BEGIN {
			printf "%-8s bandit/djsec --include-tests: CPU %.1fx, wall %.1fx, memory %.2fx; djsec peak memory %.1fx the source\n",
				n, bc / dc, bw / dw, bm / dm, dm / s }'
	else
		awk -v n="$name" -v dm="$dm" -v im="$im" -v s="$src" 'BEGIN {
			printf "%-8s djsec peak memory %.1fx the source (%.1fx with --include-tests)\n", n, dm / s, im / s }'
	fi
done

if [ "$SCALING" != 0 ]; then
	echo
	echo "== scaling: N copies of $(basename "$NETBOX") in one tree (djsec, default jobs)"
	printf '%6s %9s %8s %9s %12s %12s  %s\n' copies cpu_s wall_s rss_mib cpu/copy rss/copy "load before"
	scale="$work/scale"
	mkdir -p "$scale"
	have=0
	for n in 1 2 4 8; do
		while [ "$have" -lt "$n" ]; do
			have=$((have + 1))
			cp -al "$NETBOX" "$scale/netbox-$have" 2>/dev/null || cp -a "$NETBOX" "$scale/netbox-$have"
		done
		: >"$work/s"
		l=$(load)
		for _ in $(seq "$RUNS"); do measure "$work/s" "$DJSEC" scan "$scale" "${flags[@]}"; done
		read -r c w m <<<"$(summary "$work/s")"
		awk -v n="$n" -v c="$c" -v w="$w" -v m="$m" -v l="$l" 'BEGIN {
			printf "%6d %9.2f %8.2f %9d %12.2f %12.1f  %s\n", n, c, w, m, c / n, m / n, l }'
	done
	rm -rf "$scale"
fi

if [ "$JOBS" != 0 ]; then
	echo
	echo "== jobs: $(basename "$SALEOR"), --jobs 1 against --jobs 2 (runs alternate)"
	: >"$work/j1"
	: >"$work/j2"
	l=$(load)
	for _ in $(seq "$RUNS"); do
		measure "$work/j1" "$DJSEC" scan "$SALEOR" "${flags[@]}" --jobs 1
		measure "$work/j2" "$DJSEC" scan "$SALEOR" "${flags[@]}" --jobs 2
	done
	read -r c1 w1 m1 <<<"$(summary "$work/j1")"
	read -r c2 w2 m2 <<<"$(summary "$work/j2")"
	printf '%-9s %9s %8s %9s\n' jobs cpu_s wall_s rss_mib
	printf '%-9s %9s %8s %9s\n' 1 "$c1" "$w1" "$m1" 2 "$c2" "$w2" "$m2"
	awk -v w1="$w1" -v w2="$w2" -v l="$l" -v e="$(load)" 'BEGIN {
		printf "two jobs are %.2fx faster (wall) than one; load average %s before, %s after\n", w1 / w2, l, e }'
fi
