package probe

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/djsec/djsec/internal/report"
	"golang.org/x/crypto/ocsp"
)

// nginxTLS is one nginx TLS configuration for the handshake tests.
type nginxTLS struct {
	directives string // inside the server block: protocols, ciphers, caches
	ocspURL    bool   // the certificate names an OCSP responder
	mustStaple bool   // and carries the Must-Staple feature
	staple     string // "", "good", "stale" or "revoked": an ssl_stapling_file to serve
	dhparam    bool   // a 1024-bit ssl_dhparam (made by openssl)
	page       string // the body of /
}

// startNginxTLS starts nginx on 127.0.0.1 with a certificate for localhost
// from a CA made here, serving a static page; it returns the URL and the
// CA pool.
func startNginxTLS(t *testing.T, c nginxTLS) (string, *x509.CertPool) {
	t.Helper()
	nginx := need(t, "nginx", "nginx-light")
	dir := t.TempDir()
	tmp := filepath.Clean(os.TempDir())
	for d := dir; strings.HasPrefix(d, tmp+string(filepath.Separator)); d = filepath.Dir(d) {
		_ = os.Chmod(d, 0o755)
	}
	ca := newTestCA(t)
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	must(t, err)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(200 * 24 * time.Hour),
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	if c.ocspURL {
		tmpl.OCSPServer = []string{"http://ocsp.example.test/"}
	}
	if c.mustStaple {
		v, _ := asn1.Marshal([]int{5})
		tmpl.ExtraExtensions = append(tmpl.ExtraExtensions, pkix.Extension{Id: oidMustStaple, Value: v})
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	must(t, err)
	leaf, _ := x509.ParseCertificate(der)
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	writePEM(t, certFile, "CERTIFICATE", der)
	writePEM(t, keyFile, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(key))
	extra := ""
	if c.staple != "" {
		next := time.Now().Add(24 * time.Hour)
		if c.staple == "stale" {
			next = time.Now().Add(-time.Hour)
		}
		status := ocsp.Good
		if c.staple == "revoked" {
			status = ocsp.Revoked
		}
		resp, err := ocsp.CreateResponse(ca.cert, ca.cert, ocsp.Response{
			Status: status, SerialNumber: leaf.SerialNumber, RevokedAt: time.Now().Add(-2 * time.Hour),
			ThisUpdate: next.Add(-48 * time.Hour), NextUpdate: next,
		}, ca.key.(crypto.Signer))
		must(t, err)
		staple := filepath.Join(dir, "ocsp.der")
		must(t, os.WriteFile(staple, resp, 0o644))
		extra += "ssl_stapling on; ssl_stapling_file " + staple + ";\n"
	}
	if c.dhparam {
		openssl := need(t, "openssl", "openssl")
		dh := filepath.Join(dir, "dh.pem")
		if out, err := exec.Command(openssl, "dhparam", "-dsaparam", "-out", dh, "1024").CombinedOutput(); err != nil {
			t.Fatalf("openssl dhparam: %v: %s", err, out)
		}
		must(t, os.Chmod(dh, 0o644))
		extra += "ssl_dhparam " + dh + ";\n"
	}
	page := c.page
	if page == "" {
		page = "<html><body>ok</body></html>"
	}
	must(t, os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644))
	port := freePort(t)
	user := ""
	if os.Geteuid() == 0 {
		user = "user nobody nogroup;"
	}
	ng := filepath.Join(dir, "nginx")
	must(t, os.MkdirAll(ng, 0o777))
	must(t, os.Chmod(ng, 0o777))
	conf := fmt.Sprintf(`%s
worker_processes 1;
daemon off;
pid %[2]s/nginx.pid;
error_log %[2]s/error.log;
events { worker_connections 128; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path %[2]s/body;
  proxy_temp_path %[2]s/proxy;
  fastcgi_temp_path %[2]s/fastcgi;
  uwsgi_temp_path %[2]s/uwsgi;
  scgi_temp_path %[2]s/scgi;
  server {
    listen 127.0.0.1:%[3]d ssl;
    server_name localhost;
    ssl_certificate %[4]s;
    ssl_certificate_key %[5]s;
    %[6]s
    %[7]s
    root %[8]s;
  }
}
`, user, ng, port, certFile, keyFile, c.directives, extra, dir)
	confFile := filepath.Join(ng, "nginx.conf")
	must(t, os.WriteFile(confFile, []byte(conf), 0o644))
	out := startProcess(t, nginx, nil, "-p", ng, "-c", confFile, "-e", filepath.Join(ng, "error.log"))
	waitPort(t, port, "nginx", func() string {
		b, _ := os.ReadFile(filepath.Join(ng, "error.log"))
		return out.String() + string(b)
	})
	return fmt.Sprintf("https://localhost:%d/", port), ca.pool
}

const (
	mozillaCiphers = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"
	csrfPage       = `<html><body><form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="q8v2mKx0RZlS1nYc"><input name="q"></form></body></html>`
)

func tlsInfoRules() []*analysisRule {
	return []*analysisRule{
		TLSLegacyProtocol, TLSWeakCipher, TLSNoForwardSecrecy, TLSCertUntrusted, TLSCertHostname, TLSCertExpiry, TLSWeakKey, TLSWeakSignature,
		TLSCipherOrder, TLSOCSPStapling, TLSWeakDH, TLSWeakCurve, TLSNoResumption, CAAMissing, CTMissing, BREACH,
	}
}

// TestNginxHandshakes probes real nginx configurations: a legacy one
// (OpenSSL's DEFAULT at security level 0, a 1024-bit DH group, a weak
// curve, gzip), Mozilla's intermediate one with a stapled OCSP response,
// and variants, and wants each finding, nothing else, and the grade.
func TestNginxHandshakes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts nginx")
	}
	cases := []struct {
		name  string
		conf  nginxTLS
		want  []string // "RULE severity fragment"
		grade string
		seen  []string // fragments of the grade's reasons
	}{
		{
			name: "legacy",
			conf: nginxTLS{
				directives: "ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3; ssl_ciphers DEFAULT:@SECLEVEL=0; ssl_ecdh_curve prime192v1:X25519:prime256v1; gzip on;",
				dhparam:    true, page: csrfPage,
			},
			want: []string{
				"DJL101 medium TLS 1.0", "DJL101 medium TLS 1.1",
				"DJL102 low TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "DJL102 low TLS_RSA_WITH_AES_128_CBC_SHA256",
				"DJL103 low without forward secrecy",
				"DJL120 low follows the client's cipher order at TLS 1.2",
				"DJL122 medium 1024-bit group",
				"DJL123 medium secp192r1",
				"DJL127 low Content-Encoding: gzip",
			},
			grade: "B",
			seen:  []string{"capped at B: TLS 1.0 accepted", "capped at B: weak key exchange (1024-bit DHE group)", "client cipher order", "DHE 1024-bit group at TLS 1.2", "session IDs no"},
		},
		{
			name: "intermediate with a stapled response",
			conf: nginxTLS{
				directives: "ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers " + mozillaCiphers + "; ssl_prefer_server_ciphers off; " +
					"ssl_session_cache shared:SSL:1m; ssl_session_tickets off; add_header Strict-Transport-Security \"max-age=63072000\" always; gzip on;",
				ocspURL: true, staple: "good", page: "<html><body>no secrets here</body></html>",
			},
			want:  []string{"DJL120 info harmless here"},
			grade: "A+",
			seen:  []string{"A+: no cap", "OCSP stapled yes", "session IDs yes", "tickets no at TLS 1.2", "ECDHE curves secp256r1 secp384r1 secp521r1 X25519", "finite-field groups ffdhe2048 ffdhe3072 ffdhe4096 ffdhe6144 ffdhe8192 at TLS 1.3"},
		},
		{
			name: "server order, no stapling, no resumption",
			conf: nginxTLS{
				directives: "ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers " + mozillaCiphers + ":AES128-GCM-SHA256; ssl_prefer_server_ciphers on; " +
					"ssl_session_cache off; ssl_session_tickets off;",
				ocspURL: true, mustStaple: true,
			},
			want: []string{
				"DJL103 low without forward secrecy",
				"DJL121 high Must-Staple",
				"DJL124 info resumed no session",
			},
			grade: "A",
			seen:  []string{"server cipher order at TLS 1.2", "OCSP stapled no", "tickets no"},
		},
		{
			name: "stale staple",
			conf: nginxTLS{
				directives: "ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers " + mozillaCiphers + "; ssl_prefer_server_ciphers on;",
				ocspURL:    true, staple: "stale",
			},
			want:  []string{"DJL121 medium stale"},
			grade: "A",
		},
		{
			name: "revoked staple",
			conf: nginxTLS{
				directives: "ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers " + mozillaCiphers + "; ssl_prefer_server_ciphers on;",
				ocspURL:    true, staple: "revoked",
			},
			want:  []string{"DJL121 high revoked"},
			grade: "A",
		},
		{
			name: "a responder but no stapling",
			conf: nginxTLS{
				directives: "ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers " + mozillaCiphers + "; ssl_prefer_server_ciphers on;",
				ocspURL:    true,
			},
			want:  []string{"DJL121 low names a responder"},
			grade: "A",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u, pool := startNginxTLS(t, c.conf)
			res := runProbe(t, Options{Target: u, RootCAs: pool, Rules: tlsInfoRules(), HTTPPort: freePort(t)}, nil)
			for _, w := range c.want {
				parts := strings.SplitN(w, " ", 3)
				found := false
				for _, f := range res.Findings {
					found = found || (f.Rule == parts[0] && f.Severity.String() == parts[1] && strings.Contains(f.Message, parts[2]))
				}
				if !found {
					t.Errorf("no %s %s finding mentioning %q in\n%s", parts[0], parts[1], parts[2], dump(res))
				}
			}
			if len(res.Findings) != len(c.want) {
				t.Errorf("got %d findings, want %d:\n%s", len(res.Findings), len(c.want), dump(res))
			}
			g := gradeNamed(res, "tls")
			all := strings.Join(g.Reasons, "\n")
			t.Logf("%s: %d findings, tls grade %s\n%s%s", c.name, len(res.Findings), g.Grade, dump(res), all)
			if g.Grade != c.grade {
				t.Errorf("tls grade: got %s, want %s:\n%s", g.Grade, c.grade, all)
			}
			for _, s := range c.seen {
				if !strings.Contains(all, s) {
					t.Errorf("no reason mentioning %q in:\n%s", s, all)
				}
			}
			notes := strings.Join(res.Notes, "\n")
			if !strings.Contains(notes, "CAA records were not checked: localhost is a loopback name") ||
				!strings.Contains(notes, "certificate transparency was not checked: localhost is a loopback name") {
				t.Errorf("the notes do not say why CAA and CT were not checked:\n%s", notes)
			}
		})
	}
}

func gradeNamed(res *Result, name string) report.Grade {
	for _, g := range res.Grades {
		if g.Name == name {
			return g
		}
	}
	return report.Grade{}
}
