package probe

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// observatorySites are three header sets modelled on the test sites (an
// insecure, a middling and a hardened deployment), each with the score the
// MDN HTTP Observatory's table (algorithm 4, no HSTS preload list) gives
// it, computed by hand test by test.
var observatorySites = []struct {
	name    string
	trusted bool // the client trusts the certificate
	headers [][2]string
	body    string
	score   int
	grade   string
	reasons []string // fragments every one of which must appear
}{
	{
		// -25 CSP, -40 session cookie without Secure, -50 CORS reflected
		// with credentials, -20 redirection (none), -20
		// HSTS (untrusted certificate), -50 SRI (http: script from another
		// site), -5 nosniff, -20 framing: 100-230 = -130, floored at 0.
		name: "insecure",
		headers: [][2]string{
			{"Set-Cookie", "sessionid=abc; Path=/"},
			{"Set-Cookie", "csrftoken=x; Path=/; SameSite=None"},
			{"Strict-Transport-Security", "max-age=63072000"},
			{"Access-Control-Allow-Origin", "$origin"},
			{"Access-Control-Allow-Credentials", "true"},
		},
		body:  `<script src="http://cdn.example.net/jquery.js"></script>`,
		score: 0, grade: "F",
		reasons: []string{"-50 cross-origin-resource-sharing: any origin", "-40 cookies: a session cookie without Secure", "-20 redirection: plain HTTP does not redirect",
			"-20 strict-transport-security: not counted, the certificate is not trusted", "-50 subresource-integrity"},
	},
	{
		// -20 CSP unsafe-inline, -10 HSTS under six months, -20 anti-CSRF
		// cookie without SameSite, -5 Referrer-Policy unsafe-url, -5 SRI
		// (https: script from another site without integrity), -5 nosniff;
		// CORS "*" is public access (0), CORP cross-origin (0): 35, D.
		name:    "middling",
		trusted: true,
		headers: [][2]string{
			{"Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'"},
			{"Strict-Transport-Security", "max-age=3600"},
			{"Set-Cookie", "csrftoken=x; Path=/; Secure"},
			{"Referrer-Policy", "unsafe-url"},
			{"X-Frame-Options", "DENY"},
			{"Access-Control-Allow-Origin", "*"},
			{"Cross-Origin-Resource-Policy", "cross-origin"},
		},
		body:  `<script src="https://cdn.example.net/htmx.min.js"></script>`,
		score: 35, grade: "D",
		reasons: []string{"0 cross-origin-resource-sharing: public access", "-20 cookies: an anti-CSRF cookie without SameSite (csrftoken)", "-10 strict-transport-security: Strict-Transport-Security max-age under six months",
			"0 redirection: plain HTTP redirects to HTTPS on the same host", "-5 subresource-integrity"},
	},
	{
		// The hardened site's nginx and Django headers: +5 CSP, +5 cookies,
		// +5 Referrer-Policy, +5 SRI (own script with integrity over
		// HTTPS), +5 frame-ancestors, +10 CORP same-origin; HSTS with
		// preload earns nothing without a preload list: 135, A+.
		name:    "hardened",
		trusted: true,
		headers: [][2]string{
			{"Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload"},
			{"Content-Security-Policy", "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"},
			{"Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"},
			{"Cross-Origin-Opener-Policy", "same-origin"},
			{"Cross-Origin-Resource-Policy", "same-origin"},
			{"X-Content-Type-Options", "nosniff"},
			{"X-Frame-Options", "DENY"},
			{"Referrer-Policy", "strict-origin-when-cross-origin"},
			{"Set-Cookie", "csrftoken=x; Path=/; Secure; SameSite=Lax"},
			{"Set-Cookie", "sessionid=y; Path=/; Secure; HttpOnly; SameSite=Lax"},
		},
		body:  `<script src="/static/app.js" integrity="sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC"></script>`,
		score: 135, grade: "A+",
		reasons: []string{"+10 cross-origin-resource-policy: same-origin", "+5 cookies: all Secure", "no preload bonus", "not scored, as in the Observatory: Cross-Origin-Opener-Policy and Permissions-Policy"},
	},
}

func init() {
	// The hardened headers behind a certificate the client does not trust:
	// HSTS and the redirection are void (-20 each, RFC 6797 section 8.1),
	// and under 90 no bonus counts: 60, C+.
	h := observatorySites[2]
	h.name, h.trusted, h.score, h.grade = "untrusted", false, 60, "C+"
	h.reasons = []string{"-20 redirection: not counted, the certificate is not trusted", "-20 strict-transport-security: not counted", "bonuses (+35) not counted"}
	observatorySites = append(observatorySites, h)
}

// TestObservatoryScores serves each header set over HTTPS (with a plain
// HTTP port that redirects) and wants the Observatory's score exactly.
func TestObservatoryScores(t *testing.T) {
	for _, c := range observatorySites {
		t.Run(c.name, func(t *testing.T) {
			srv, redirect := serveHeaderSite(c.headers, c.body, c.name == "insecure")
			defer srv.Close()
			defer redirect.Close()
			httpPort, _ := strconv.Atoi(portOf(redirect.URL))
			var roots *x509.CertPool
			if c.trusted {
				roots = x509.NewCertPool()
				roots.AddCert(srv.Certificate())
			}
			res := runProbe(t, Options{Target: srv.URL + "/", HTTPPort: httpPort, RootCAs: roots, Rules: []*analysisRule{CSPMissing, CORSReflected}}, nil)
			g := res.Grades[0]
			if g.Score == nil || *g.Score != c.score || g.Grade != c.grade {
				t.Errorf("headers grade: got %s (%v), want %s (%d):\n%s", g.Grade, g.Score, c.grade, c.score, strings.Join(g.Reasons, "\n"))
			}
			all := strings.Join(g.Reasons, "\n")
			for _, want := range c.reasons {
				if !strings.Contains(all, want) {
					t.Errorf("no reason containing %q in:\n%s", want, all)
				}
			}
			// The grade and the findings agree on CORS.
			reflected := strings.Contains(all, "-50 cross-origin-resource-sharing")
			if got := len(byRule(res)[CORSReflected.ID]) > 0; got != reflected {
				t.Errorf("CORS: finding %v, grade penalty %v", got, reflected)
			}
		})
	}
}

// TestServeHeaderSite serves one of observatorySites for comparing the
// grade with other scanners by hand (bench/probe-peers.sh does):
//
//	DJSEC_SERVE_HEADERS=middling go test ./internal/probe -run TestServeHeaderSite -v
//
// prints the HTTPS and plain-HTTP ports and the certificate file, and
// serves until the file it names is removed (or ten minutes pass).
func TestServeHeaderSite(t *testing.T) {
	name := os.Getenv("DJSEC_SERVE_HEADERS")
	if name == "" {
		t.Skip("set DJSEC_SERVE_HEADERS=insecure, middling, hardened or untrusted to serve a header set")
	}
	for _, c := range observatorySites {
		if c.name != name {
			continue
		}
		srv, plain := serveHeaderSite(c.headers, c.body, c.name == "insecure")
		defer srv.Close()
		defer plain.Close()
		dir := t.TempDir()
		caFile, flag := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "serving")
		must(t, os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o644))
		must(t, os.WriteFile(flag, nil, 0o644))
		fmt.Printf("serving %s https=%s http=%s ca=%s trusted=%v score=%d grade=%s; rm %s to stop\n",
			name, portOf(srv.URL), portOf(plain.URL), caFile, c.trusted, c.score, c.grade, flag)
		for end := time.Now().Add(10 * time.Minute); time.Now().Before(end) && fileExists(flag); {
			time.Sleep(200 * time.Millisecond)
		}
		return
	}
	t.Fatalf("no header set %q", name)
}

func portOf(u string) string {
	_, port, _ := net.SplitHostPort(u[strings.Index(u, "//")+2:])
	return port
}

// serveHeaderSite serves the header set over HTTPS, and a plain-HTTP port
// that redirects to it (or answers 200 when noRedirect).
func serveHeaderSite(headers [][2]string, body string, noRedirect bool) (srv, plain *httptest.Server) {
	srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		for _, h := range headers {
			v := h[1]
			if v == "$origin" {
				if v = r.Header.Get("Origin"); v == "" {
					continue
				}
			}
			w.Header().Add(h[0], v)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<!doctype html><html><head>" + body + "</head><body>home</body></html>"))
	}))
	srv.StartTLS()
	plain = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if noRedirect {
			w.Write([]byte("plain"))
			return
		}
		http.Redirect(w, r, srv.URL+r.URL.RequestURI(), http.StatusMovedPermanently)
	}))
	return srv, plain
}

// TestFrameAncestorsWildcard: the Observatory counts any frame-ancestors,
// djsec's finding says "*" protects nothing; the grade line says both.
func TestFrameAncestorsWildcard(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; frame-ancestors *")
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body>home</body></html>"))
	}))
	defer srv.Close()
	res := runProbe(t, Options{Target: srv.URL, Rules: []*analysisRule{FramingAllowed}}, nil)
	if len(byRule(res)[FramingAllowed.ID]) != 1 {
		t.Errorf("want one %s finding, got %v", FramingAllowed.ID, res.Findings)
	}
	if all := strings.Join(res.Grades[0].Reasons, "\n"); !strings.Contains(all, "+5 x-frame-options: CSP frame-ancestors is set, which the Observatory counts, but it allows every site") {
		t.Errorf("the x-frame-options line does not say why it disagrees with the finding:\n%s", all)
	}
}
