#!/usr/bin/env bash
# Benchmark of `djsec guard` beside nginx with the same controls, in one
# run: both proxy to the same small upstream (an nginx server block that
# answers "hello"), both apply a per-address rate limit high enough never
# to trigger, add the same security headers and strip Server. wrk loads
# each in turn; the figures are requests per second and wrk's p50 and p99
# latencies.
#
#   bench/guard.sh [DURATION]        # default 10s per run
#
# Environment:
#   CONNS=64      concurrent connections
#   THREADS=2     wrk threads
#   LOADCPU=1     core wrk is pinned to; SERVERCPU=0 the core the proxies
#                 and the upstream share (taskset)
#   KEEP=1        keep the temporary directory
#   MILLION=0     skip the memory figure for one million client addresses
#   WAF=0         skip the WAF cost per request (WAFN=200 requests each)
#   BARE=0        skip the guard beside a bare Go reverse proxy
#
# Needs Debian's nginx (or nginx-light) and wrk. On a machine shared with
# other work, run it twice and quote both; the ratio guard/nginx from one
# run means more than either figure alone.
set -euo pipefail

dur=${1:-10s}
conns=${CONNS:-64}
threads=${THREADS:-2}
loadcpu=${LOADCPU:-1}
servercpu=${SERVERCPU:-0}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/djsec-guard-bench.XXXXXX")
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	[ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
	if [ "${KEEP:-0}" != 1 ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

for tool in nginx wrk taskset; do
	command -v "$tool" >/dev/null || { echo "bench/guard.sh: $tool is not installed (apt-get install -y nginx-light wrk)"; exit 2; }
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
up=$(free_port); ngx=$(free_port); grd=$(free_port)

hdrs='add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
      add_header Content-Security-Policy "default-src '"'"'self'"'"'; object-src '"'"'none'"'"'; base-uri '"'"'self'"'"'; frame-ancestors '"'"'none'"'"'" always;
      add_header X-Frame-Options DENY always;
      add_header X-Content-Type-Options nosniff always;
      add_header Referrer-Policy same-origin always;
      add_header Cross-Origin-Opener-Policy same-origin always;
      add_header Permissions-Policy "camera=(), microphone=(), geolocation=(), payment=()" always;'

cat > "$work/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    server_tokens off;
    limit_req_zone \$binary_remote_addr zone=perip:64m rate=100000r/s;
    upstream app { server 127.0.0.1:$up; keepalive 64; }
    # the small upstream both proxies share
    server {
        listen 127.0.0.1:$up;
        location / { return 200 "hello\n"; }
    }
    # nginx as the guard's rival
    server {
        listen 127.0.0.1:$ngx;
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

cat > "$work/guard.toml" <<EOF
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

echo "building djsec..."
(cd "$repo" && CGO_ENABLED=0 go build -o "$work/djsec" ./cmd/djsec)
taskset -c "$servercpu" nginx -c "$work/nginx.conf" -p "$work" >/dev/null 2>&1
GOMAXPROCS=1 taskset -c "$servercpu" "$work/djsec" guard --config "$work/guard.toml" 2>"$work/guard.log" &
pids+=($!)
for _ in $(seq 50); do
	curl -fs "http://127.0.0.1:$grd/" >/dev/null 2>&1 && curl -fs "http://127.0.0.1:$ngx/" >/dev/null 2>&1 && break
	sleep 0.1
done

echo
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); proxies and upstream on core $servercpu, wrk on core $loadcpu"
echo "wrk -t$threads -c$conns -d$dur --latency (after a 3 s warm-up each)"
echo
printf "%-8s %12s %10s %10s\n" proxy "req/s" p50 p99
run() {
	local name=$1 url=$2
	taskset -c "$loadcpu" wrk -t"$threads" -c"$conns" -d3s "$url" >/dev/null
	local out
	out=$(taskset -c "$loadcpu" wrk -t"$threads" -c"$conns" -d"$dur" --latency "$url")
	local rps p50 p99
	rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
	p50=$(awk '$1=="50%" {print $2}' <<<"$out")
	p99=$(awk '$1=="99%" {print $2}' <<<"$out")
	printf "%-8s %12s %10s %10s\n" "$name" "$rps" "$p50" "$p99"
	echo "$name $rps" >>"$work/rps"
}
run upstream "http://127.0.0.1:$up/"
run nginx "http://127.0.0.1:$ngx/"
run guard "http://127.0.0.1:$grd/"
awk '/^nginx/ {n=$2} /^guard/ {g=$2} END {if (n > 0) printf "\nguard/nginx throughput: %.2f\n", g/n}' "$work/rps"
curl -sI "http://127.0.0.1:$grd/" | grep -ci "^x-frame-options: DENY" >/dev/null || echo "warning: the guard's answer lacks the headers"
echo "guard RSS after the runs: $(awk '/VmRSS/ {print $2, $3}' /proc/"${pids[0]}"/status)"

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
