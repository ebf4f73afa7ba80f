#!/usr/bin/env bash
# Benchmark of `djsec guard` beside nginx with the same controls (bench/GUARD.md), in one
# run: both proxy to the same small upstream (an nginx that answers
# "hello"), both apply a per-address rate limit high enough never to
# trigger, add the same security headers and strip Server. wrk loads each
# in turn; the figures are requests per second, wrk's p50 and p99
# latencies, the proxy's own CPU time per request, its context
# switches per request and how many of them took it off the core while
# it could run; then both at fixed offered rates (open loop).
#
#   bench/guard.sh [DURATION]        # default 10s per run
#
# Like with like:
#   - nginx runs one worker (worker_processes 1) and the guard one P
#     (GOMAXPROCS=1), both pinned to the same core (SERVERCPU) as the
#     upstream; wrk is pinned to another core (LOADCPU).
#   - Each proxy runs in a session of its own, so in a scheduling group
#     of its own (Linux autogroup): nginx's master calls setsid when it
#     starts, and the script starts the guard with setsid. Started plainly
#     the guard would share this script's group with wrk and openloop, whose
#     load on the other core shrinks the group's weight on the proxies'
#     core, and the upstream would take that core from it twice as
#     often as from nginx (bench/GUARD.md, "Scheduling groups").
#   - The upstream is an nginx process of its own, as the application is
#     in a real deployment (gunicorn), so each proxy reaches it over
#     loopback and shares the core with it. With the upstream as a server
#     block inside the rival nginx's own worker, as this script first had
#     it, nginx answers a request without leaving its process, an
#     advantage no deployment has: SAME_PROCESS=1 measures that layout too.
#   - Each proxy keeps idle upstream connections (nginx keepalive 64; the
#     guard pools up to 256) and the upstream serves any number of
#     requests per connection, so neither opens connections under load.
#   - nginx and the guard run in turn, ROUNDS times, each after a warm-up.
#     On a machine shared with other work, compare the figures of one
#     round, and the CPU per request, which the other work disturbs less.
#
# Environment:
#   CONNS=64      concurrent connections; THREADS=2 wrk threads
#   ROUNDS=2      rounds of (nginx, guard)
#   LOADCPU=1     core wrk is pinned to; SERVERCPU=0 the core the proxies
#                 and the upstream share (taskset)
#   SAME_PROCESS=1  also measure nginx with the upstream in its own worker
#   NETHTTP=1     also measure the guard with fast_path = false (every
#                 request on net/http's server and ReverseProxy)
#   RATES="0.5 0.8"  the fixed offered rates of the open-loop measurement,
#                 as fractions of nginx's best saturated rate; OPENLOOP=0
#                 skips it (see bench/GUARD.md for what it measures)
#   REF=BINARY    also measure another djsec binary's guard (say, one
#                 built from main) in every round, as guard-ref
#   KEEP=1        keep the temporary directory
#   PROXYLAT=1    also time each open-loop request inside the machine, from
#                 its arrival in the proxy's socket to its answer's arrival
#                 in the client's (perf's tcp:tcp_probe; needs perf and root):
#                 the proxy's latency without the load generator's own delays
#   PRIORITY=1    raise every process of the bench (the proxies, the
#                 upstream, wrk and openloop, each scheduling group) to
#                 nice -19 above other work on the machine (needs root); on a
#                 shared machine the figures then move less with that work
#   MILLION=0     skip the memory figure for one million client addresses
#   WAF=0         skip the WAF cost per request (WAFN=200 requests each)
#   BARE=0        skip the guard beside a bare Go reverse proxy
#
# Needs Debian's nginx (or nginx-light), wrk and bc.
set -euo pipefail

if [ "${PRIORITY:-0}" != 0 ] && [ -z "${GUARD_BENCH_SESSION:-}" ]; then
	# A session of its own, for wrk's and openloop's group: raising it
	# leaves the caller's session as it was.
	GUARD_BENCH_SESSION=1 exec setsid --wait bash "$0" "$@"
fi

dur=${1:-10s}
conns=${CONNS:-64}
threads=${THREADS:-2}
rounds=${ROUNDS:-2}
loadcpu=${LOADCPU:-1}
servercpu=${SERVERCPU:-0}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/djsec-guard-bench.XXXXXX")
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	for f in "$work"/*.pid; do
		if [ -f "$f" ]; then kill "$(cat "$f")" 2>/dev/null || true; fi
	done
	if [ "${KEEP:-0}" != 1 ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

for tool in nginx wrk taskset setsid bc; do
	command -v "$tool" >/dev/null || { echo "bench/guard.sh: $tool is not installed (apt-get install -y nginx-light wrk bc)"; exit 2; }
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
up=$(free_port); ngx=$(free_port); grd=$(free_port); up2=$(free_port); ngx2=$(free_port); grd2=$(free_port); grd3=$(free_port)

hdrs='add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
      add_header Content-Security-Policy "default-src '"'"'self'"'"'; object-src '"'"'none'"'"'; base-uri '"'"'self'"'"'; frame-ancestors '"'"'none'"'"'" always;
      add_header X-Frame-Options DENY always;
      add_header X-Content-Type-Options nosniff always;
      add_header Referrer-Policy same-origin always;
      add_header Cross-Origin-Opener-Policy same-origin always;
      add_header Permissions-Policy "camera=(), microphone=(), geolocation=(), payment=()" always;'

# rival NAME PORT UPSTREAM-PORT [SERVER-BLOCK]: an nginx with one worker
# that proxies PORT to the upstream with the guard's controls.
rival() {
	cat >"$work/$1.conf" <<EOF
worker_processes 1;
pid $work/$1.pid;
error_log $work/$1-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    server_tokens off;
    keepalive_requests 1000000;
    limit_req_zone \$binary_remote_addr zone=perip:64m rate=100000r/s;
    upstream app { server 127.0.0.1:$3; keepalive 64; keepalive_requests 1000000; }
    ${4:-}
    server {
        listen 127.0.0.1:$2;
        client_max_body_size 10m;
        client_header_timeout 10s;
        client_body_timeout 30s;
        send_timeout 30s;
        location / {
            limit_req zone=perip burst=100000 nodelay;
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_hide_header X-Powered-By;
            $hdrs
        }
    }
}
EOF
	taskset -c "$servercpu" nginx -c "$work/$1.conf" -p "$work" >/dev/null 2>&1
}

# The small upstream both proxies share, an nginx process of its own.
cat >"$work/upstream.conf" <<EOF
worker_processes 1;
pid $work/upstream.pid;
error_log $work/upstream-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    server_tokens off;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$up;
        location / { return 200 "hello\n"; }
    }
}
EOF

cat >"$work/guard.toml" <<EOF
listen = "127.0.0.1:$grd"
upstream = "http://127.0.0.1:$up"
[default]
rate = "100000r/s"
burst = 100000
nodelay = true
[headers]
hsts_over_plain_http = true
[events]
output = "off"
EOF

sed -e "s/^listen = .*/listen = \"127.0.0.1:$grd2\"/" -e "s/^upstream = .*/&\nfast_path = false/" "$work/guard.toml" >"$work/guard-nethttp.toml"
sed -e "s/^listen = .*/listen = \"127.0.0.1:$grd3\"/" "$work/guard.toml" >"$work/guard-ref.toml"

echo "building djsec..."
(cd "$repo" && CGO_ENABLED=0 go build -o "$work/djsec" ./cmd/djsec && go build -o "$work/openloop" ./bench/openloop)
taskset -c "$servercpu" nginx -c "$work/upstream.conf" -p "$work" >/dev/null 2>&1
rival nginx "$ngx" "$up"
if [ "${SAME_PROCESS:-0}" = 1 ]; then
	rival nginx-same "$ngx2" "$up2" "server { listen 127.0.0.1:$up2; location / { return 200 \"hello\\\\n\"; } }"
fi
GOMAXPROCS=1 setsid taskset -c "$servercpu" "$work/djsec" guard --config "$work/guard.toml" 2>"$work/guard.log" &
pids+=($!)
if [ "${NETHTTP:-0}" = 1 ]; then
	GOMAXPROCS=1 setsid taskset -c "$servercpu" "$work/djsec" guard --config "$work/guard-nethttp.toml" 2>"$work/guard-nethttp.log" &
	pids+=($!)
fi
refpid=
if [ -n "${REF:-}" ]; then
	GOMAXPROCS=1 setsid taskset -c "$servercpu" "$REF" guard --config "$work/guard-ref.toml" 2>"$work/guard-ref.log" &
	refpid=$!
	pids+=("$refpid")
fi
for _ in $(seq 50); do
	curl -fs "http://127.0.0.1:$grd/" >/dev/null 2>&1 && curl -fs "http://127.0.0.1:$ngx/" >/dev/null 2>&1 && break
	sleep 0.1
done
# setsid execs in place (a background job of a script leads no process
# group), so $! is the guard itself, whose /proc the CPU figures read.
for p in "${pids[@]}"; do
	if [ ! -e "/proc/$p" ]; then
		echo "bench/guard.sh: guard $p is not running" >&2
		exit 1
	fi
	if [ -e /proc/$$/autogroup ] && [ "$(cat "/proc/$p/autogroup")" = "$(cat /proc/$$/autogroup)" ]; then
		echo "warning: guard $p shares the script's scheduling group" >&2
	fi
done

# cpu PID...: the CPU time (user + system, in clock ticks) of the processes.
cpu() {
	local t=0 p
	for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
	echo "$t"
}
# switches PID...: the context switches (voluntary and not) of all their
# threads.
switches() {
	local t=0 p
	for p in "$@"; do t=$((t + $( (cat /proc/"$p"/task/*/status 2>/dev/null || true) | awk '/voluntary_ctxt_switches/ {s += $2} END {print s + 0}') )); done
	echo "$t"
}
# preempted PID...: how often their threads were taken off the core while
# still runnable (involuntary switches), mostly by the upstream: what a
# proxy's scheduling group decides (bench/GUARD.md, "Scheduling groups").
preempted() {
	local t=0 p
	for p in "$@"; do t=$((t + $( (cat /proc/"$p"/task/*/status 2>/dev/null || true) | awk '/^nonvoluntary_ctxt_switches/ {s += $2} END {print s + 0}') )); done
	echo "$t"
}
# proxylat PORT: reads `perf script` lines of tcp:tcp_probe events and
# prints the percentiles of the time from a request's arrival in the
# proxy's socket on PORT to its answer's arrival in the client's socket:
# the proxy's latency (with the application's), apart from the load
# generator's own delays in sending and reading.
proxylat() {
	python3 -c '
import re, sys, collections
port = sys.argv[1]
rx = re.compile(r"^\s*([\d.]+):.*src=127\.0\.0\.1:(\d+) dest=127\.0\.0\.1:(\d+).*data_len=(\d+)")
pending, lat = collections.defaultdict(collections.deque), []
for line in sys.stdin:
    m = rx.match(line)
    if not m or m.group(4) == "0":
        continue
    t, src, dst = float(m.group(1)), m.group(2), m.group(3)
    if src == port:
        pending[dst].append(t)  # a request reached the proxy from client port dst
    elif dst == port and pending[src]:
        lat.append(t - pending[src].popleft())  # its answer reached the client
lat.sort()
q = lambda p: "%.2fms" % (1000 * lat[min(len(lat) - 1, int(p * len(lat)))])
print("%d requests, p50 %s p99 %s p99.9 %s" % (len(lat), q(0.5), q(0.99), q(0.999)) if lat else "no events")
' "$1"
}
workers() { pgrep -P "$(cat "$work/$1.pid")" | tr '\n' ' '; }
if [ "${PRIORITY:-0}" != 0 ]; then
	for p in $$ "${pids[@]}" $(cat "$work"/*.pid); do
		echo -19 >"/proc/$p/autogroup" 2>/dev/null || echo "bench/guard.sh: cannot raise the priority of $p's group" >&2
	done
fi
hz=$(getconf CLK_TCK)

echo
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); proxies and upstream on core $servercpu, wrk on core $loadcpu$( [ "${PRIORITY:-0}" != 0 ] && echo ", groups at nice -19")"
echo "wrk -t$threads -c$conns -d$dur --latency (after a 3 s warm-up each); CPU: the proxy's user+system time per request"
echo
printf "%-12s %12s %10s %10s %14s %12s %14s\n" proxy "req/s" p50 p99 "CPU/request" "switches/req" "preempted/req"
# run NAME URL PID...: loads URL and prints the figures, with the CPU time
# of the processes PID.
run() {
	local name=$1 url=$2
	shift 2
	taskset -c "$loadcpu" wrk -t"$threads" -c"$conns" -d3s "$url" >/dev/null
	local out c0 c1 s0 s1 v0 v1 rps p50 p99 n
	c0=$(cpu "$@")
	s0=$(switches "$@")
	v0=$(preempted "$@")
	out=$(taskset -c "$loadcpu" wrk -t"$threads" -c"$conns" -d"$dur" --latency "$url")
	c1=$(cpu "$@")
	s1=$(switches "$@")
	v1=$(preempted "$@")
	rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
	p50=$(awk '$1=="50%" {print $2}' <<<"$out")
	p99=$(awk '$1=="99%" {print $2}' <<<"$out")
	n=$(awk '/requests in/ {print $1}' <<<"$out")
	printf "%-12s %12s %10s %10s %11.1f us %12.2f %14.2f\n" "$name" "$rps" "$p50" "$p99" "$(echo "($c1 - $c0) * 1000000 / $hz / $n" | bc -l)" "$(echo "($s1 - $s0) / $n" | bc -l)" "$(echo "($v1 - $v0) / $n" | bc -l)"
	echo "$name $rps" >>"$work/rps"
	echo "$name $rps $p99" >>"$work/saturated"
}
# shellcheck disable=SC2046
run upstream "http://127.0.0.1:$up/" $(workers upstream)
for r in $(seq "$rounds"); do
	: >"$work/rps"
	# shellcheck disable=SC2046
	run nginx "http://127.0.0.1:$ngx/" $(workers nginx)
	run guard "http://127.0.0.1:$grd/" "${pids[0]}"
	if [ -n "$refpid" ]; then
		run guard-ref "http://127.0.0.1:$grd3/" "$refpid"
	fi
	# $1 == "guard" exactly: guard-ref has a ratio line of its own.
	awk -v r="$r" '$1 == "nginx" {n=$2} $1 == "guard" {g=$2} $1 == "guard-ref" {f=$2}
		END {if (n > 0) printf "round %d: guard/nginx throughput %.2f%s\n", r, g/n, (f > 0 ? sprintf(", guard-ref/nginx %.2f", f/n) : "")}' "$work/rps"
done
# The open loop: each proxy at the same fixed offered rates, below what
# both sustain, latencies timed from when each request was due (see
# bench/GUARD.md). The saturated figures above stay beside them.
if [ "${OPENLOOP:-1}" = 1 ]; then
	best=$(awk '$1=="nginx" {if ($2 > m) m=$2} END {printf "%d", m}' "$work/saturated")
	proxies="nginx guard"
	if [ -n "$refpid" ]; then proxies="$proxies guard-ref"; fi
	declare -A urls=([nginx]="http://127.0.0.1:$ngx/" [guard]="http://127.0.0.1:$grd/" [guard-ref]="http://127.0.0.1:$grd3/")
	echo
	echo "open loop at fixed offered rates (fractions ${RATES:-0.5 0.8} of nginx's best, $best req/s), $conns connections,"
	echo "$dur each after a 2 s warm-up, latencies corrected for coordinated omission (bench/openloop):"
	printf "%-12s %10s %12s %10s %10s %10s %10s\n" proxy offered achieved p50 p99 "p99.9" "slop p99"
	for f in ${RATES:-0.5 0.8}; do
		rate=$(echo "$best * $f / 1" | bc)
		for name in $proxies; do
			if [ "${PROXYLAT:-0}" = 1 ]; then
				taskset -c "$loadcpu" "$work/openloop" -rate "$rate" -conns "$conns" -d "$dur" -warmup 2s "${urls[$name]}" >"$work/ol.out" 2>&1 &
				olpid=$!
				sleep 2
				port=${urls[$name]#http://127.0.0.1:}
				port=${port%/}
				perf record -q -o "$work/probe.data" -a -e tcp:tcp_probe --filter "data_len > 0 && (sport == $port || dport == $port)" -- sleep "$dur" >/dev/null 2>&1 || true
				wait "$olpid" || true
				out=$(cat "$work/ol.out")
			else
				out=$(taskset -c "$loadcpu" "$work/openloop" -rate "$rate" -conns "$conns" -d "$dur" -warmup 2s "${urls[$name]}" 2>&1) || true
			fi
			ach=$(awk '/^offered/ {print $5}' <<<"$out")
			read -r p50 p99 p999 <<<"$(awk '/^latency/ {print $4, $6, $8}' <<<"$out")"
			slop=$(awk '/^timer slop/ {print $NF}' <<<"$out")
			printf "%-12s %10s %12s %10s %10s %10s %10s\n" "$name" "$rate" "${ach:-?}" "${p50:-?}" "${p99:-?}" "${p999:-?}" "${slop:--}"
			grep -E "^(first error|fell behind)" <<<"$out" || true
			if [ "${PROXYLAT:-0}" = 1 ]; then
				echo "             seen from the kernel: $(perf script -i "$work/probe.data" -F time,trace 2>/dev/null | proxylat "$port")"
			fi
			echo "$name $f ${p99:-?}" >>"$work/open"
		done
	done
	echo
	echo "side by side: p99 at saturation (wrk, closed loop, best round) and at the fixed rates (open loop):"
	printf "%-12s %12s %14s" proxy "sat. req/s" "sat. p99"
	for f in ${RATES:-0.5 0.8}; do printf " %14s" "p99 @ $f"; done
	echo
	for name in $proxies; do
		read -r rps p99 <<<"$(awk -v n="$name" '$1==n && $2 > m {m=$2; p=$3} END {print m, p}' "$work/saturated")"
		printf "%-12s %12s %14s" "$name" "$rps" "$p99"
		for f in ${RATES:-0.5 0.8}; do printf " %14s" "$(awk -v n="$name" -v f="$f" '$1==n && $2==f {print $3}' "$work/open")"; done
		echo
	done
fi

if [ "${SAME_PROCESS:-0}" = 1 ]; then
	# shellcheck disable=SC2046
	run nginx-same "http://127.0.0.1:$ngx2/" $(workers nginx-same)
	echo "(nginx-same: the upstream is a server block in the rival's own worker; its CPU is both roles')"
fi
if [ "${NETHTTP:-0}" = 1 ]; then
	run guard-nethttp "http://127.0.0.1:$grd2/" "${pids[1]}"
	echo "(guard-nethttp: the guard with fast_path = false)"
fi
curl -sI "http://127.0.0.1:$grd/" | grep -ci "^x-frame-options: DENY" >/dev/null || echo "warning: the guard's answer lacks the headers"
echo "guard RSS after the runs: $(awk '/VmRSS/ {print $2, $3}' /proc/"${pids[0]}"/status)"
if [ -n "$refpid" ]; then
	echo "guard-ref RSS after the runs: $(awk '/VmRSS/ {print $2, $3}' /proc/"$refpid"/status)"
fi

if [ "${MILLION:-1}" = 1 ]; then
	echo
	echo "memory for one million distinct client addresses (the rate-limit table):"
	(cd "$repo" && DJSEC_GUARD_MILLION=1 go test -count=1 -run TestMillionClients -v ./internal/guard/ | grep -E "million|ok|FAIL")
fi

if [ "${WAF:-1}" = 1 ]; then
	echo
	echo "the guard's own cost per request without the network (BenchmarkServe), and the Core"
	echo "Rule Set at paranoia level 1 for a GET and a 10 kB form POST (BenchmarkWAF); wall time,"
	echo "on a loaded machine these grow with the load (load now: $(cut -d' ' -f1-3 /proc/loadavg)):"
	(cd "$repo" && go test -run XXX -bench 'BenchmarkServe|BenchmarkWAF' -benchmem -benchtime "${WAFN:-200}x" ./internal/guard/ | grep -E "^Benchmark")
fi

if [ "${BARE:-1}" = 1 ]; then
	echo
	echo "the guard beside a bare net/http/httputil.ReverseProxy, in one process on core $servercpu"
	echo "(GOMAXPROCS=1), wrk on core $loadcpu: what the controls cost beyond Go's own proxy:"
	(cd "$repo" && DJSEC_GUARD_BARE=1 LOADCPU="$loadcpu" GOMAXPROCS=1 taskset -c "$servercpu" go test -count=1 -run TestBareProxyBeside -v ./internal/guard/ | grep -E "bare|guard  ")
fi
