#!/bin/sh
# Compares djsec's headers grade with the MDN HTTP Observatory's on four
# local sites (insecure, middling, hardened: the header sets of
# internal/probe/grade_test.go, and the hardened one behind an untrusted
# certificate), in total and test by test; then djsec's TLS findings with
# testssl.sh's on nginx sites with a certificate from a CA made here
# (modern: Mozilla's intermediate configuration with a stapled OCSP
# response; legacy: OpenSSL's DEFAULT at security level 0 with TLS 1.0 and
# 1.1, CBC, static RSA, a 1024-bit DH group, secp192r1 and gzip) and one
# with a bad certificate (badcert: self-signed, for another name, expiring
# in ten days), test by test (bench/testssl-compare.mjs maps testssl's ids
# to djsec's rules). This OpenSSL has no 3DES or RC4: Go's own server
# serves those in internal/probe's tests.
#
#   bench/probe-peers.sh [all|headers|tls]
#
# Known differences on the TLS side: testssl offers the RFC 7919 groups
# and reports those as DH_groups, while djsec offers none, as the old
# clients that still use DHE do, and reports the 1024-bit group they get
# (testssl reports that one under LOGJAM); testssl's session-ID test
# resumes at TLS 1.3 (stateful tickets), djsec's at TLS 1.2, where session
# IDs exist.
#
# One known difference: the Observatory's table gives -50 to an origin
# echoed back with credentials, but its scanner (npm 1.4.8) reads the
# request's Origin from a Node ClientRequest, finds none, and scores the
# case as restricted access (0). djsec keeps the table's -50.
#
#   bench/probe-peers.sh            # needs node and npm; installs the
#                                   # Observatory into $OBSERVATORY_DIR once
#
# Loopback only. The Observatory's postinstall downloads the HSTS preload
# list; it is skipped and an empty list written instead, as djsec has none.
set -eu
cd "$(dirname "$0")/.."
what=${1:-all}
OBSERVATORY_DIR=${OBSERVATORY_DIR:-/tmp/obs}
export OBSERVATORY_DIR
pkg="$OBSERVATORY_DIR/node_modules/@mdn/mdn-http-observatory"
if ! command -v node >/dev/null 2>&1; then
	echo "skip: node is missing (apt-get install nodejs npm)"
	exit 0
fi
if [ ! -d "$pkg" ]; then
	mkdir -p "$OBSERVATORY_DIR"
	(cd "$OBSERVATORY_DIR" && npm init -y >/dev/null && npm install --ignore-scripts @mdn/mdn-http-observatory >/dev/null)
fi
mkdir -p "$pkg/conf"
[ -f "$pkg/conf/hsts-preload.json" ] || echo '{}' >"$pkg/conf/hsts-preload.json"
cp bench/observatory-score.mjs "$OBSERVATORY_DIR/"

work=$(mktemp -d)
ngpid=""
# KEEP=1 keeps the reports (djsec's and testssl's JSON) in $work.
trap 'if [ -n "$ngpid" ]; then kill "$ngpid" 2>/dev/null || true; fi; if [ -n "${KEEP:-}" ]; then echo "reports kept in $work"; else rm -rf "$work"; fi' EXIT
go build -o "$work/djsec" ./cmd/djsec
go test -c -o "$work/probe.test" ./internal/probe

if [ "$what" != tls ]; then
printf '%-9s %-14s %-14s %-14s %s\n' site djsec observatory expected agree
for site in insecure middling hardened untrusted; do
	log="$work/$site.log"
	DJSEC_SERVE_HEADERS=$site "$work/probe.test" -test.run '^TestServeHeaderSite$' -test.v >"$log" 2>&1 &
	pid=$!
	i=0
	while ! grep -q '^serving' "$log" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	line=$(grep '^serving' "$log")
	get() { echo "$line" | tr ' ;' '\n\n' | sed -n "s/^$1=//p"; }
	https=$(get https); http=$(get http); ca=$(get ca); trusted=$(get trusted)
	flag=$(echo "$line" | sed 's/.*rm \([^ ]*\) to stop/\1/')
	expected="$(get score) $(get grade)"
	cafl=""
	extra=""
	if [ "$trusted" = true ]; then cafl="--ca-file $ca"; extra=$ca; fi
	# shellcheck disable=SC2086
	"$work/djsec" probe "https://127.0.0.1:$https/" --http-port "$http" $cafl -f json -o "$work/$site.json" --fail-on never -q >/dev/null 2>&1 || true
	d=$(node -e 'const r=require(process.argv[1]);const g=(r.grades||[]).find(g=>g.name==="headers");console.log(g?`${g.score} ${g.grade}`:"-")' "$work/$site.json")
	o=$(cd "$OBSERVATORY_DIR" && NODE_EXTRA_CA_CERTS=${extra:-/dev/null} node observatory-score.mjs 127.0.0.1 "$https" "$http" 2>/dev/null || echo '{}')
	echo "$o" >"$work/$site.obs.json"
	os=$(echo "$o" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s);console.log(r.grade?`${r.score} ${r.grade}`:"-")})')
	agree=no
	[ "$d" = "$os" ] && agree=yes
	printf '%-9s %-14s %-14s %-14s %s\n' "$site" "$d" "$os" "$expected" "$agree"
	# Per test: the Observatory's result and modifier, djsec's points and reason.
	node -e '
const fs=require("fs");const o=JSON.parse(fs.readFileSync(process.argv[1],"utf8"));
const d=(require(process.argv[2]).grades||[]).find(g=>g.name==="headers")||{reasons:[]};
const mine={};for(const r of d.reasons){const m=r.match(/^([+-]?\d+) ([a-z-]+): (.*)$/);if(m)mine[m[2]]=[Number(m[1]),m[3]];}
for(const [k,v] of Object.entries(o.tests||{})){const m=mine[k]||["-",""];
console.log(`    ${m[0]===v.modifier?"=":"≠"} ${k.padEnd(30)} obs ${String(v.modifier).padStart(4)} djsec ${String(m[0]).padStart(4)}  ${v.result}`);}' "$work/$site.obs.json" "$work/$site.json"
	rm -f "$flag"
	wait $pid || true
done
fi
[ "$what" = headers ] && exit 0

# TLS: djsec and testssl.sh side by side.
TESTSSL=${TESTSSL:-$(command -v testssl || command -v testssl.sh || true)}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ -z "$TESTSSL" ] || [ ! -x "$NGINX" ] || ! command -v openssl >/dev/null 2>&1; then
	echo "skip TLS: needs testssl (apt-get install testssl.sh), nginx (nginx-light) and openssl"
	exit 0
fi
tls="$work/tls"
mkdir -p "$tls/nginx" "$tls/www-modern" "$tls/www-legacy"
chmod 755 "$work" "$tls" "$tls/www-modern" "$tls/www-legacy"
chmod 777 "$tls/nginx" # nginx workers run as nobody when started as root
(
	cd "$tls"
	openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 30 -subj "/CN=djsec bench CA" 2>/dev/null
	openssl req -newkey rsa:2048 -nodes -keyout key.pem -out req.csr -subj "/CN=localhost" 2>/dev/null
	printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1" "basicConstraints=CA:FALSE" "keyUsage=digitalSignature,keyEncipherment" \
		"extendedKeyUsage=serverAuth" "authorityInfoAccess=OCSP;URI:http://ocsp.djsec.invalid/" >ext.cnf
	openssl x509 -req -in req.csr -CA ca.pem -CAkey ca.key -set_serial 0x1001 -out cert.pem -days 200 -extfile ext.cnf 2>/dev/null
	# A "good" OCSP response from the CA itself, for ssl_stapling_file.
	printf 'V\t%s\t\t1001\tunknown\t/CN=localhost\n' "$(date -u -d '+200 days' +%y%m%d%H%M%SZ)" >index.txt
	openssl ocsp -index index.txt -rsigner ca.pem -rkey ca.key -CA ca.pem -issuer ca.pem -cert cert.pem -respout ocsp.der -ndays 1 >/dev/null 2>&1
	openssl dhparam -dsaparam -out dh1024.pem 1024 2>/dev/null
	openssl req -x509 -newkey rsa:2048 -nodes -keyout bad.key -out bad.pem -days 10 -subj "/CN=shop.example.com" \
		-addext "subjectAltName=DNS:shop.example.com" 2>/dev/null
	chmod 644 ./*.pem ./*.key ocsp.der
	echo '<!doctype html><html><body>home</body></html>' >www-modern/index.html
	echo '<!doctype html><html><body><form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="q8v2mKx0RZlS1nYc"><input name="q"></form></body></html>' >www-legacy/index.html
	chmod 644 www-*/index.html
)
base=$((20000 + $$ % 20000))
modern=$base
legacy=$((base + 1))
badcert=$((base + 2))
user=""
[ "$(id -u)" = 0 ] && user="user nobody nogroup;"
mozilla="ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"
cat >"$tls/nginx/nginx.conf" <<EOF
$user
worker_processes 1;
daemon off;
pid $tls/nginx/nginx.pid;
error_log $tls/nginx/error.log;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $tls/nginx/body;
  proxy_temp_path $tls/nginx/proxy;
  fastcgi_temp_path $tls/nginx/fastcgi;
  uwsgi_temp_path $tls/nginx/uwsgi;
  scgi_temp_path $tls/nginx/scgi;
  ssl_certificate $tls/cert.pem;
  ssl_certificate_key $tls/key.pem;
  server {
    listen 127.0.0.1:$modern ssl;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers $mozilla;
    ssl_prefer_server_ciphers off;
    ssl_session_cache shared:SSL:1m;
    ssl_session_timeout 1d;
    ssl_session_tickets off;
    ssl_stapling on;
    ssl_stapling_file $tls/ocsp.der;
    add_header Strict-Transport-Security "max-age=63072000" always;
    root $tls/www-modern;
  }
  server {
    listen 127.0.0.1:$legacy ssl;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
    ssl_ciphers DEFAULT:@SECLEVEL=0;
    ssl_ecdh_curve prime192v1:X25519:prime256v1:secp384r1;
    ssl_dhparam $tls/dh1024.pem;
    gzip on;
    root $tls/www-legacy;
  }
  server {
    listen 127.0.0.1:$badcert ssl;
    ssl_certificate $tls/bad.pem;
    ssl_certificate_key $tls/bad.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers $mozilla;
    root $tls/www-modern;
  }
}
EOF
"$NGINX" -p "$tls/nginx" -c "$tls/nginx/nginx.conf" -e "$tls/nginx/error.log" >"$tls/nginx/out.log" 2>&1 &
ngpid=$!
i=0
while ! (echo | openssl s_client -connect "127.0.0.1:$legacy" >/dev/null 2>&1) && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
"$work/djsec" rules --format json >"$tls/rules.json"
echo
echo "TLS: djsec and $("$TESTSSL" --version 2>/dev/null | grep -o 'testssl[^ ]* *[0-9][0-9.]*' | head -1 | tr -s ' ') (one run of about a minute and a half per site)"
for site in modern legacy badcert; do
	eval port=\$$site
	"$work/djsec" probe "https://127.0.0.1:$port/" --ca-file "$tls/ca.pem" --http-port 9 -f json -o "$tls/$site.djsec.json" --fail-on never -q >/dev/null 2>&1 || true
	"$TESTSSL" --quiet --color 0 --add-ca "$tls/ca.pem" --jsonfile "$tls/$site.testssl.json" "https://127.0.0.1:$port" >"$tls/$site.testssl.txt" 2>&1 || true
	g=$(node -e 'const g=(require(process.argv[1]).grades||[]).find(g=>g.name==="tls")||{};console.log(`${g.grade} (score ${g.score}); ${(g.reasons||[]).filter(r=>/^(capped|warning|[TM]:|A)/.test(r)).join("; ")||"no cap"}`)' "$tls/$site.djsec.json")
	echo "$site (https://127.0.0.1:$port): djsec TLS grade $g"
	node bench/testssl-compare.mjs "$site" "$tls/$site.testssl.json" "$tls/$site.djsec.json" "$tls/rules.json"
done
