#!/bin/sh
# Compares djsec's headers grade with the MDN HTTP Observatory's on four
# local sites (insecure, middling, hardened: the header sets of
# internal/probe/grade_test.go, and the hardened one behind an untrusted
# certificate), in total and test by test.
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
trap 'rm -rf "$work"' EXIT
go build -o "$work/djsec" ./cmd/djsec
go test -c -o "$work/probe.test" ./internal/probe

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
