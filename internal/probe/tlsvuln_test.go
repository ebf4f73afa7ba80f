package probe

// The TLS vulnerability rules against real servers: Debian's nginx with
// OpenSSL 3, configured modern and as legacy as OpenSSL 3 allows (TLS 1.0,
// CBC, DHE with a 1024-bit group, shared or its own), and `openssl
// s_server` allowing client-initiated renegotiation. What no Debian server
// can offer any more (SSLv3, export suites, heartbeat, TLS compression,
// early CCS) is covered by the fake servers of internal/tlsraw. With
// DJSEC_TESTSSL=1 and testssl.sh installed (four minutes or so), each verdict is
// compared with testssl.sh's on the same site.

import (
	"context"
	"crypto/tls"
	"encoding/asn1"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/testenv"
	"github.com/djsec/djsec/internal/tlsraw"
)

// oakley2 is the 1024-bit MODP prime of RFC 2409 (Oakley Group 2), the
// best known of the primes shared by many servers.
const oakley2 = "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF"

func vulnRules() []*analysis.Rule {
	return []*analysis.Rule{TLSHeartbleed, TLSCCSInjection, TLSInsecureRenegotiation, TLSClientRenegotiation, TLSFallbackSCSV,
		TLSSweet32, TLSFreak, TLSLogjam, TLSBeast, TLSPoodle, TLSCrime, TLSNullCipher, TLSAnonCipher, TLSLowCipher, TLSSSLv2, TLSDrown, TLSRobot, TLSTicketbleed}
}

// vulnSite is a TLS server for the vulnerability tests.
type vulnSite struct {
	name string
	url  string
	want []string // the rules that must report, in id order
}

const modernCiphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"

// startVulnNginx runs nginx answering 200 on one TLS port with the given
// protocol, cipher and DH lines.
func startVulnNginx(t *testing.T, tlsLines string) string {
	t.Helper()
	nginx := need(t, "nginx", "nginx-light")
	dir := t.TempDir()
	tmp := filepath.Clean(os.TempDir())
	for d := dir; strings.HasPrefix(d, tmp+string(filepath.Separator)); d = filepath.Dir(d) {
		_ = os.Chmod(d, 0o755)
	}
	pki := makePKI(t, dir, time.Now().Add(365*24*time.Hour))
	port := freePort(t)
	user := ""
	if os.Geteuid() == 0 {
		user = "user nobody nogroup;"
	}
	conf := fmt.Sprintf(`%s
worker_processes 1;
daemon off;
pid %[2]s/nginx.pid;
error_log %[2]s/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path %[2]s/body; proxy_temp_path %[2]s/proxy; fastcgi_temp_path %[2]s/fastcgi;
  uwsgi_temp_path %[2]s/uwsgi; scgi_temp_path %[2]s/scgi;
  server {
    listen 127.0.0.1:%[3]d ssl;
    server_name localhost;
    ssl_certificate %[4]s; ssl_certificate_key %[5]s;
    %[6]s
    location / { return 200 "ok\n"; }
  }
}
`, user, dir, port, pki.CertFile, pki.KeyFile, tlsLines)
	confFile := filepath.Join(dir, "nginx.conf")
	must(t, os.WriteFile(confFile, []byte(conf), 0o644))
	out := startProcess(t, nginx, nil, "-p", dir, "-c", confFile, "-e", filepath.Join(dir, "error.log"))
	waitPort(t, port, "nginx", func() string {
		b, _ := os.ReadFile(filepath.Join(dir, "error.log"))
		return out.String() + string(b)
	})
	return fmt.Sprintf("https://localhost:%d/", port)
}

// dhParamFile writes a DHParameter PEM for the prime (generator 2).
func dhParamFile(t *testing.T, dir, hexPrime string) string {
	t.Helper()
	p, _ := new(big.Int).SetString(hexPrime, 16)
	der, err := asn1.Marshal(struct{ P, G *big.Int }{p, big.NewInt(2)})
	must(t, err)
	f := filepath.Join(dir, "dh.pem")
	must(t, os.WriteFile(f, pem.EncodeToMemory(&pem.Block{Type: "DH PARAMETERS", Bytes: der}), 0o644))
	return f
}

// ownDHFile generates a 1024-bit group of the site's own.
func ownDHFile(t *testing.T, dir string) string {
	t.Helper()
	openssl := need(t, "openssl", "openssl")
	f := filepath.Join(dir, "dh-own.pem")
	if out, err := exec.Command(openssl, "dhparam", "-out", f, "1024").CombinedOutput(); err != nil {
		t.Fatalf("openssl dhparam: %v: %s", err, out)
	}
	must(t, os.Chmod(f, 0o644))
	return f
}

// startSServer runs `openssl s_server` for TLS 1.2 only, answering HTTP.
func startSServer(t *testing.T, flags ...string) string {
	t.Helper()
	openssl := need(t, "openssl", "openssl")
	dir := t.TempDir()
	pki := makePKI(t, dir, time.Now().Add(365*24*time.Hour))
	port := freePort(t)
	args := append([]string{"s_server", "-accept", "127.0.0.1:" + strconv.Itoa(port), "-cert", pki.CertFile, "-key", pki.KeyFile,
		"-tls1_2", "-www", "-quiet"}, flags...)
	out := startProcess(t, openssl, nil, args...)
	waitPort(t, port, "openssl s_server", out.String)
	return fmt.Sprintf("https://localhost:%d/", port)
}

func vulnSites(t *testing.T) []vulnSite {
	t.Helper()
	dhDir := t.TempDir()
	_ = os.Chmod(dhDir, 0o755)
	legacy := "ssl_protocols TLSv1 TLSv1.1 TLSv1.2; ssl_ciphers ALL:@SECLEVEL=0; ssl_prefer_server_ciphers on;"
	sites := []vulnSite{
		{"nginx modern", startVulnNginx(t, "ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers "+modernCiphers+";"), nil},
		{"nginx legacy, RFC 2409 DH group", startVulnNginx(t, legacy+" ssl_dhparam "+dhParamFile(t, dhDir, oakley2)+";"),
			[]string{"DJL137", "DJL138", "DJL142"}},
		{"nginx legacy, own 1024-bit DH group", startVulnNginx(t, legacy+" ssl_dhparam "+ownDHFile(t, dhDir)+";"),
			[]string{"DJL122", "DJL138", "DJL142"}},
		// OpenSSL's ALL has the anonymous suites (not the NULL ones).
		{"nginx TLS 1.0 only", startVulnNginx(t, "ssl_protocols TLSv1; ssl_ciphers ALL:@SECLEVEL=0;"), []string{"DJL138", "DJL142"}},
		{"nginx NULL suites", startVulnNginx(t, "ssl_protocols TLSv1.2; ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:eNULL:!aNULL:@SECLEVEL=0;"), []string{"DJL141"}},
		{"openssl s_server -client_renegotiation", startSServer(t, "-client_renegotiation"), []string{"DJL133"}},
	}
	// GnuTLS's server is the only real one here with a heartbeat, 3DES and
	// client renegotiation; without it the others still run.
	if why := gnutlsMissing(); why != "" {
		t.Log(why)
		return sites
	}
	return append(sites, vulnSite{"gnutls-serv, heartbeat, 3DES, TLS 1.0",
		startGnuTLS(t, "NORMAL:+3DES-CBC:+VERS-TLS1.0:+VERS-TLS1.1:+SHA1:+RSA"), []string{"DJL133", "DJL135", "DJL138"}})
}

// gnutlsMissing says in one line what startGnuTLS lacks, "" if nothing.
func gnutlsMissing() string {
	for _, c := range []struct{ bin, pkg string }{{"gnutls-serv", "gnutls-bin"}, {"unshare", "util-linux"}, {"ip", "iproute2"}} {
		if _, err := exec.LookPath(c.bin); err != nil && !fileExists("/usr/sbin/"+c.bin) && !fileExists("/usr/bin/"+c.bin) {
			return c.bin + " missing: apt-get install " + c.pkg + " (the GnuTLS site is left out)"
		}
	}
	if os.Geteuid() != 0 {
		return "root missing: gnutls-serv runs in a network namespace of its own (the GnuTLS site is left out)"
	}
	return ""
}

// TestTLSVulnRealServers probes each real server with the vulnerability
// rules and wants exactly the findings listed, and no test left undecided.
func TestTLSVulnRealServers(t *testing.T) {
	if testing.Short() {
		t.Skip("starts real servers")
	}
	sites := vulnSites(t)
	results := make([]*Result, len(sites))
	for i, site := range sites {
		start := time.Now()
		// DJL122 runs too: LOGJAM supersedes it on a shared prime, and
		// it alone reports a weak group of the server's own.
		res := runProbe(t, Options{Target: site.url, Rules: append(vulnRules(), TLSWeakDH), Timeout: liveTimeout}, nil)
		results[i] = res
		t.Logf("%s: %d findings in %s\n%s", site.name, len(res.Findings), time.Since(start).Round(time.Millisecond), dump(res))
		v := djsecRun(t, site)
		// No Debian server speaks SSLv2 any more (OpenSSL 3, GnuTLS).
		if r := v.byKey["sslv2"]; r.Verdict != tlsraw.NotVulnerable {
			t.Errorf("%s: SSLv2 %s (%s), want not vulnerable", site.name, r.Verdict, r.Detail)
		} else {
			t.Logf("%s: %s", site.name, r.Detail)
		}
		if v.conns > tlsraw.DefaultMaxConns {
			t.Errorf("%s: %d connections, over the budget of %d", site.name, v.conns, tlsraw.DefaultMaxConns)
		} else {
			t.Logf("%s: the tests opened %d connections", site.name, v.conns)
		}
		var got []string
		for _, f := range res.Findings {
			got = append(got, f.Rule)
		}
		sort.Strings(got)
		if strings.Join(got, " ") != strings.Join(site.want, " ") {
			t.Errorf("%s: got findings %v, want %v", site.name, got, site.want)
		}
		for _, n := range res.Notes {
			t.Errorf("%s: a test could not decide: %s", site.name, n)
		}
	}
	if os.Getenv("DJSEC_TESTSSL") == "" {
		t.Log("the comparison with testssl.sh is long: DJSEC_TESTSSL=1 runs it")
		return
	}
	testssl, err := exec.LookPath("testssl")
	if err != nil {
		testenv.Missing(t, "testssl", "apt-get install testssl.sh")
	}
	compareTestssl(t, testssl, sites)
}

// testsslIDs maps each djsec test to the testssl.sh JSON ids that decide
// the same question.
var testsslIDs = []struct {
	key, rule string
	ids       []string
}{
	{"heartbleed", "DJL130", []string{"heartbleed"}},
	{"ccs", "DJL131", []string{"CCS"}},
	{"renegotiation", "DJL132", []string{"secure_renego"}},
	{"client-renegotiation", "DJL133", []string{"secure_client_renego"}},
	{"fallback", "DJL134", []string{"fallback_SCSV"}},
	{"sweet32", "DJL135", []string{"SWEET32"}},
	{"freak", "DJL136", []string{"FREAK"}},
	{"logjam", "DJL137", []string{"LOGJAM", "LOGJAM-common_primes"}},
	{"beast", "DJL138", []string{"BEAST"}},
	{"poodle", "DJL139", []string{"POODLE_SSL"}},
	{"crime", "DJL140", []string{"CRIME_TLS"}},
	{"null", "DJL141", []string{"cipherlist_NULL"}},
	{"anon", "DJL142", []string{"cipherlist_aNULL"}},
	{"low", "DJL143", []string{"cipherlist_LOW"}},
	{"sslv2", "DJL144", []string{"SSLv2"}},
	{"drown", "DJL145", []string{"DROWN"}},
	{"robot", "DJL146", []string{"ROBOT"}},
	{"ticketbleed", "DJL147", []string{"ticketbleed"}},
}

// compareTestssl runs testssl.sh's vulnerability checks on each site and
// wants the same verdict for every test. testssl.sh runs the system
// OpenSSL, which refuses TLS 1.0 at its default security level: it gets a
// configuration that allows it, or it would miss BEAST on the legacy site.
func compareTestssl(t *testing.T, testssl string, sites []vulnSite) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "openssl.cnf")
	must(t, os.WriteFile(conf, []byte("openssl_conf = d\n[d]\nssl_conf = s\n[s]\nsystem_default = sd\n[sd]\nMinProtocol = None\nCipherString = ALL:@SECLEVEL=0\n"), 0o644))
	var table strings.Builder
	table.WriteString("| test | " + func() string {
		var h []string
		for _, s := range sites {
			h = append(h, s.name)
		}
		return strings.Join(h, " | ")
	}() + " |\n|---|" + strings.Repeat("---|", len(sites)) + "\n")
	verdicts := make([]map[string]string, len(sites))
	djsec := make([]map[string]tlsraw.Result, len(sites))
	for i, site := range sites {
		jsonFile := filepath.Join(dir, fmt.Sprintf("site%d.json", i))
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		cmd := exec.CommandContext(ctx, testssl, "--quiet", "--color", "0", "--warnings", "off", "--jsonfile", jsonFile,
			"-s", "-H", "-I", "-T", "-BB", "-R", "-C", "-O", "-Z", "-W", "-F", "-J", "-A", strings.Replace(site.url, "localhost", "127.0.0.1", 1))
		cmd.Env = append(os.Environ(), "OPENSSL_CONF="+conf)
		out, err := cmd.CombinedOutput()
		cancel()
		b, rerr := os.ReadFile(jsonFile)
		if rerr != nil {
			t.Fatalf("testssl on %s: %v: %s", site.name, err, out)
		}
		var entries []struct{ ID, Severity, Finding string }
		must(t, json.Unmarshal(b, &entries))
		verdicts[i] = testsslVerdicts(entries)
		djsec[i] = djsecVerdicts(t, site)
	}
	for _, m := range testsslIDs {
		row := "| " + m.key + " (" + m.rule + ") |"
		for i, site := range sites {
			d, ts := djsec[i][m.key], verdicts[i][m.key]
			mark := "agree"
			switch {
			case d.Verdict.String() == ts:
			case ts == "not tested" && d.Verdict != tlsraw.Untested:
				// testssl.sh's own limits (its fallback test wants
				// an SSLv3-capable OpenSSL): djsec decides alone.
				mark = "testssl.sh could not test"
				t.Logf("%s on %s: testssl.sh could not test; djsec says %s (%s)", m.key, site.name, d.Verdict, d.Detail)
			default:
				mark = "DIFFER"
				t.Errorf("%s on %s: djsec says %s (%s), testssl.sh says %s", m.key, site.name, d.Verdict, d.Detail, ts)
			}
			row += fmt.Sprintf(" %s / %s (%s) |", d.Verdict, ts, mark)
		}
		table.WriteString(row + "\n")
	}
	t.Logf("djsec / testssl.sh, per test and site:\n%s", table.String())
}

// testsslVerdicts reads testssl.sh's JSON: OK and INFO are "not
// vulnerable", LOW to CRITICAL "vulnerable", anything else "not tested".
// Of LOGJAM's two entries the first judges export DH; the second, the
// size of a group of the server's own, is DJL122's question, not LOGJAM's.
func testsslVerdicts(entries []struct{ ID, Severity, Finding string }) map[string]string {
	out := map[string]string{}
	seen := map[string]bool{}
	for _, m := range testsslIDs {
		v := ""
		for _, e := range entries {
			if !slices.Contains(m.ids, e.ID) || seen[e.ID+"\x00"+m.key] && e.ID == "LOGJAM" {
				continue
			}
			seen[e.ID+"\x00"+m.key] = true
			var this string
			switch e.Severity {
			case "OK", "INFO":
				this = "not vulnerable"
			case "LOW", "MEDIUM", "HIGH", "CRITICAL":
				this = "vulnerable"
			default:
				this = "not tested"
			}
			if v == "" || this == "vulnerable" {
				v = this
			}
		}
		if v == "" {
			v = "not tested"
		}
		out[m.key] = v
	}
	return out
}

// djsecVerdicts runs the tlsraw tests on a site directly, for their
// verdicts (the findings say only what is vulnerable).
func djsecVerdicts(t *testing.T, site vulnSite) map[string]tlsraw.Result {
	t.Helper()
	return djsecRun(t, site).byKey
}

func djsecRun(t *testing.T, site vulnSite) *vulnResults {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s, err := newSite(ctx, &Options{Target: site.url, Timeout: liveTimeout, Concurrency: 8, MaxRequests: 10})
	must(t, err)
	s.opts.defaults()
	return s.tlsVulns()
}

// TestSweet32TakesOver3DES: when DJL135 runs and reports the 64-bit
// ciphers, DJL102 leaves 3DES to it (one finding for one mistake); when it
// does not run, DJL102 still reports 3DES.
func TestSweet32TakesOver3DES(t *testing.T) {
	ca := newTestCA(t)
	cert, err := ca.issue(t, certSpec{})
	must(t, err)
	url := tlsServer(t, &tls.Config{Certificates: []tls.Certificate{cert}, MaxVersion: tls.VersionTLS12,
		CipherSuites: []uint16{tls.TLS_ECDHE_RSA_WITH_RC4_128_SHA, tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA, tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}})
	for _, tc := range []struct {
		rules []*analysis.Rule
		want  string
	}{
		{[]*analysis.Rule{TLSWeakCipher, TLSSweet32}, "DJL102 RC4|DJL135 TLS_RSA_WITH_3DES_EDE_CBC_SHA"},
		{[]*analysis.Rule{TLSWeakCipher}, "DJL102 3DES|DJL102 RC4"},
	} {
		res := runProbe(t, Options{Target: url, Rules: tc.rules, RootCAs: ca.pool}, nil)
		var got []string
		for _, f := range res.Findings {
			switch {
			case strings.Contains(f.Message, "3DES"):
				got = append(got, f.Rule+" "+map[bool]string{true: "TLS_RSA_WITH_3DES_EDE_CBC_SHA", false: "3DES"}[f.Rule == "DJL135"])
			case strings.Contains(f.Message, "RC4"):
				got = append(got, f.Rule+" RC4")
			default:
				got = append(got, f.Rule+" "+f.Message)
			}
		}
		sort.Strings(got)
		if g := strings.Join(got, "|"); g != tc.want {
			t.Errorf("rules %d: got %s, want %s", len(tc.rules), g, tc.want)
		}
	}
}

// gnutlsRelay carries connections from a unix socket to a TCP port inside
// gnutls-serv's network namespace.
const gnutlsRelay = `
import os, socket, sys, threading, time
path, port = sys.argv[1], int(sys.argv[2])
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(path + ".tmp"); os.chmod(path + ".tmp", 0o600); srv.listen(64)
for _ in range(200):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close(); break
    except OSError:
        time.sleep(0.05)
os.rename(path + ".tmp", path)
def pump(a, b):
    try:
        while True:
            d = a.recv(65536)
            if not d: break
            b.sendall(d)
    except OSError:
        pass
    for s in (a, b):
        try: s.shutdown(socket.SHUT_RDWR)
        except OSError: pass
while True:
    c, _ = srv.accept()
    try:
        u = socket.create_connection(("127.0.0.1", port), timeout=5)
    except OSError:
        c.close(); continue
    u.settimeout(None)
    threading.Thread(target=pump, args=(c, u), daemon=True).start()
    threading.Thread(target=pump, args=(u, c), daemon=True).start()
`

// startGnuTLS runs GnuTLS's gnutls-serv, which can still announce the
// heartbeat extension, offer 3DES and allow client-initiated
// renegotiation. It cannot be told to listen on loopback only, so it runs
// in a network namespace of its own (root and unshare(1) needed),
// reached through a unix socket and a relay on 127.0.0.1.
func startGnuTLS(t *testing.T, priority string) string {
	t.Helper()
	bin := need(t, "gnutls-serv", "gnutls-bin")
	unshare := need(t, "unshare", "util-linux")
	ip := need(t, "ip", "iproute2")
	dir := t.TempDir()
	pki := makePKI(t, dir, time.Now().Add(365*24*time.Hour))
	sock := filepath.Join(dir, "gnutls.sock")
	script := fmt.Sprintf("%s link set lo up && { %s --http --heartbeat --quiet -p 4433 --x509certfile %s --x509keyfile %s --priority '%s' >/dev/null 2>&1 & exec /usr/bin/python3 -c \"$RELAY\" %s 4433; }",
		ip, bin, pki.CertFile, pki.KeyFile, priority, sock)
	out := startProcess(t, unshare, []string{"RELAY=" + gnutlsRelay}, "-n", "sh", "-c", script)
	for end := time.Now().Add(20 * time.Second); !fileExists(sock); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("gnutls-serv did not start: %s", out.String())
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				u, err := net.Dial("unix", sock)
				if err != nil {
					return
				}
				defer u.Close()
				done := make(chan struct{}, 2)
				go func() { io.Copy(u, c); u.(*net.UnixConn).CloseWrite(); done <- struct{}{} }()
				go func() { io.Copy(c, u); c.(*net.TCPConn).CloseWrite(); done <- struct{}{} }()
				<-done
				<-done
			}()
		}
	}()
	return fmt.Sprintf("https://localhost:%d/", l.Addr().(*net.TCPAddr).Port)
}
