package probe

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/testenv"
)

// runProbe probes a target with test-friendly service ports: only the ones
// given are checked, so a developer's own databases never show up.
func runProbe(t *testing.T, opts Options, ports map[string]int) *Result {
	t.Helper()
	if opts.ServicePorts == nil {
		opts.ServicePorts = map[string]int{}
	}
	for _, s := range services {
		if _, ok := ports[s.name]; !ok {
			opts.ServicePorts[s.name] = -1
		}
	}
	for k, v := range ports {
		opts.ServicePorts[k] = v
	}
	if opts.Timeout == 0 {
		opts.Timeout = 5 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := Run(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Problems {
		t.Logf("problem: %s: %s", p.Location, p.Message)
	}
	return res
}

func byRule(res *Result) map[string][]report.Finding {
	m := map[string][]report.Finding{}
	for _, f := range res.Findings {
		m[f.Rule] = append(m[f.Rule], f)
	}
	return m
}

func dump(res *Result) string {
	var b strings.Builder
	for _, f := range res.Findings {
		fmt.Fprintf(&b, "  %s %-8s %s %s\n", f.Rule, f.Severity, f.Location.URL, f.Message)
	}
	return b.String()
}

// liveTimeout is the per-request timeout of the probes of the real sites.
const liveTimeout = 20 * time.Second

// TestInsecureSite probes the insecure Django site behind nginx and wants
// each expected finding, with the message fragment that proves it is the
// right one.
func TestInsecureSite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts real servers")
	}
	t.Parallel()
	site := startSite(t, "insecure")
	redisPort := startRedis(t, "")
	start := time.Now()
	// A generous timeout: on a loaded CI machine (the long tests run beside
	// this one) a TLS handshake with an old cipher can take seconds.
	res := runProbe(t, Options{Target: site.URL, HTTPPort: site.HTTPPort, Active: true, Services: true, Timeout: liveTimeout}, map[string]int{"redis": redisPort})
	t.Logf("insecure site: %d findings, %d requests in %s\n%s", len(res.Findings), res.Requests, time.Since(start), dump(res))
	got := byRule(res)
	want := []struct{ rule, fragment string }{
		{"DJL101", "TLS 1.0"},
		{"DJL101", "TLS 1.1"},
		{"DJL103", "without forward secrecy"},
		{"DJL104", "djsec test CA"},
		{"DJL120", "follows the client's cipher order"},
		{"DJL127", "carries a CSRF token in its body"},
		{"DJL201", "without redirecting"},
		{"DJL202", "no Strict-Transport-Security"},
		{"DJL204", "no Content-Security-Policy"},
		{"DJL206", "X-Frame-Options"},
		{"DJL207", "nosniff"},
		{"DJL211", "nginx/"},
		{"DJL301", "sessionid"},
		{"DJL301", "csrftoken"},
		{"DJL302", "sessionid"},
		{"DJL303", "sessionid"},
		{"DJL303", "csrftoken"},
		{"DJL304", "echoes the foreign origin"},
		{"DJL305", "Origin: null"},
		{"DJL401", "technical 404"},
		{"DJL403", "/admin/"},
		{"DJL408", "/.env"},
		{"DJL408", "/.git/HEAD"},
		{"DJL408", "/.git/config"},
		{"DJL408", "/db.sqlite3"},
		{"DJL408", "/manage.py"},
		{"DJL408", "/settings.py.bak"},
		{"DJL409", "/static/"},
		{"DJL409", "/media/"},
		{"DJL501", "failed admin logins"},
		{"DJL502", "/accounts/logout/"},
		{"DJL603", "without authentication"},
	}
	has := func(rule, fragment string) bool {
		for _, f := range got[rule] {
			if strings.Contains(f.Message, fragment) {
				return true
			}
		}
		return false
	}
	for _, w := range want {
		if !has(w.rule, w.fragment) {
			t.Errorf("no %s finding mentioning %q", w.rule, w.fragment)
		}
	}
	// What the site shows only when an optional Django app is installed:
	// each is a subtest that skips, in one line, without it.
	optional := []struct{ name, module, pkg, rule, fragment string }{
		{"Django REST framework", "rest_framework", "python3-djangorestframework", "DJL405", "browsable API"},
		{"django-debug-toolbar", "debug_toolbar", "python3-django-debug-toolbar", "DJL404", "debug-toolbar"},
		{"django-cors-headers", "corsheaders", "python3-django-cors-headers", "DJL304", "echoes the foreign origin"},
	}
	for _, o := range optional {
		t.Run(o.rule+"/"+o.module, func(t *testing.T) {
			if exec.Command("/usr/bin/python3", "-c", "import "+o.module).Run() != nil {
				testenv.Missing(t, o.name+" for /usr/bin/python3", "apt-get install "+o.pkg)
			}
			if !has(o.rule, o.fragment) {
				t.Errorf("no %s finding mentioning %q", o.rule, o.fragment)
			}
		})
	}
	for _, f := range res.Findings {
		if f.Location.URL == "" || len(f.CWE) == 0 || len(f.Checklist) == 0 || f.Fingerprint == "" {
			t.Errorf("%s: incomplete finding %+v", f.Rule, f)
		}
	}
	// The DisallowedHost technical page of the real Django, recognized by
	// the markers DJL401 uses (it reports the technical 404 first).
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	req, _ := http.NewRequest("GET", site.URL, nil)
	req.Host = "djsec-test.invalid"
	if resp, err := c.Do(req); err != nil {
		t.Error(err)
	} else {
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !disallowedRe().Match(body) || !debugSentenceRe().Match(body) {
			t.Errorf("Django's DisallowedHost page (%d) does not match the markers:\n%.500s", resp.StatusCode, body)
		}
	}
	grades := map[string]report.Grade{}
	for _, g := range res.Grades {
		grades[g.Name] = g
	}
	if g := grades["headers"]; g.Grade != "F" {
		t.Errorf("headers grade: got %s, want F (%v)", g.Grade, g.Reasons)
	}
	if g := grades["tls"]; g.Grade != "T" {
		t.Errorf("tls grade: got %s, want T (%v)", g.Grade, g.Reasons)
	}
}

// TestHardenedSite probes the hardened site and wants nothing of medium
// or above, with every check enabled.
func TestHardenedSite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts real servers")
	}
	t.Parallel()
	site := startSite(t, "hardened")
	redisPort := startRedis(t, "s3cret-s3cret")
	res := runProbe(t, Options{Target: site.URL, HTTPPort: site.HTTPPort, RootCAs: site.PKI.Pool, Active: true, Services: true, AdminPaths: []string{"/backstage/"}, Timeout: liveTimeout},
		map[string]int{"redis": redisPort})
	t.Logf("hardened site: %d findings, %d requests in %s\n%s", len(res.Findings), res.Requests, res.Elapsed, dump(res))
	for _, f := range res.Findings {
		if f.Severity >= report.Medium && f.Rule != "DJL601" {
			t.Errorf("unexpected %s %s finding: %s", f.Severity, f.Rule, f.Message)
		}
	}
	// Redis with a password is still an exposed port, but not DJL603.
	got := byRule(res)
	if len(got["DJL603"]) > 0 {
		t.Errorf("DJL603 on a Redis with requirepass: %v", got["DJL603"])
	}
	if len(got["DJL601"]) != 1 || !strings.Contains(got["DJL601"][0].Message, "password required") {
		t.Errorf("DJL601: got %v, want one finding for Redis with a password", got["DJL601"])
	}
	var names []string
	for _, g := range res.Grades {
		names = append(names, g.Name+"="+g.Grade)
		switch {
		case g.Name == "headers" && !strings.HasPrefix(g.Grade, "A"):
			t.Errorf("headers grade: got %s, want A or better (%v)", g.Grade, g.Reasons)
		case g.Name == "tls" && g.Grade != "A+":
			t.Errorf("tls grade: got %s, want A+ (%v)", g.Grade, g.Reasons)
		}
	}
	sort.Strings(names)
	t.Logf("grades: %v", names)
}

// TestServeSite keeps a test site running for trying the CLI by hand:
//
//	DJSEC_SERVE_SITE=insecure go test ./internal/probe -run TestServeSite -v
//
// prints the URL and the plain-HTTP port, and serves until the file it
// names is removed (or ten minutes pass).
func TestServeSite(t *testing.T) {
	variant := os.Getenv("DJSEC_SERVE_SITE")
	if variant == "" {
		t.Skip("set DJSEC_SERVE_SITE=insecure, middling or hardened to serve a test site")
	}
	site := startSite(t, variant)
	redis := startRedis(t, "")
	flag := filepath.Join(site.Dir, "serving")
	must(t, os.WriteFile(flag, []byte(site.URL), 0o644))
	fmt.Printf("serving %s --http-port %d --ca-file %s (redis on %d); rm %s to stop\n", site.URL, site.HTTPPort, site.PKI.CAFile, redis, flag)
	for end := time.Now().Add(10 * time.Minute); time.Now().Before(end) && fileExists(flag); {
		time.Sleep(200 * time.Millisecond)
	}
}
