package probe

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/testenv"
)

// wordingRules are the checks whose wording depends on whether the site is
// Django.
func wordingRules() []*analysisRule { return []*analysisRule{DebugEnabled, HostNotValidated} }

// messages returns the messages of a rule's findings, and fails the test
// when a finding lacks what every finding carries.
func messages(t *testing.T, res *Result, rule string) []string {
	t.Helper()
	var out []string
	for _, f := range res.Findings {
		if f.Location.URL == "" || len(f.CWE) == 0 || len(f.Checklist) == 0 || f.Fix == "" || f.Fingerprint == "" || f.Confidence == 0 {
			t.Errorf("%s: incomplete finding %+v", f.Rule, f)
		}
		if f.Rule == rule {
			out = append(out, f.Message)
		}
	}
	return out
}

// TestPythonHTTPServerWording probes Python's http.server, which answers
// every Host with the same directory listing: the finding speaks of the
// server, not of ALLOWED_HOSTS, and nothing is called DEBUG.
func TestPythonHTTPServerWording(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a real server")
	}
	t.Parallel()
	py := need(t, "python3", "python3")
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "prices.csv"), []byte("sku,price\n1,9.99\n"), 0o644))
	port := freePort(t)
	out := startProcess(t, py, nil, "-m", "http.server", "--bind", "127.0.0.1", "--directory", dir, strconv.Itoa(port))
	waitPort(t, port, "python3 -m http.server", out.String)
	res := runProbe(t, Options{Target: fmt.Sprintf("http://127.0.0.1:%d/", port), Rules: wordingRules()}, nil)
	t.Logf("http.server:\n%s", dump(res))
	host := messages(t, res, "DJL402")
	if len(host) != 1 || !strings.Contains(host[0], "the server (and any proxy in front of it) accepts any host") || strings.Contains(host[0], "ALLOWED_HOSTS") {
		t.Errorf("DJL402: got %q, want one finding about the server accepting any host, without ALLOWED_HOSTS", host)
	}
	if debug := messages(t, res, "DJL401"); len(debug) != 0 {
		t.Errorf("DJL401 on a plain file server: %q", debug)
	}
	if !hasNote(res, "saw no sign of Django") {
		t.Errorf("no note that the site does not look like Django: %q", res.Notes)
	}
}

func hasNote(res *Result, fragment string) bool {
	for _, n := range res.Notes {
		if strings.Contains(n, fragment) {
			return true
		}
	}
	return false
}

// flaskApp is a Flask application in debug mode, on Werkzeug's development
// server: its home page fails (the Werkzeug debugger answers), /shop/
// builds its links from the Host header and /go/ redirects to it.
const flaskApp = `
import sys
from flask import Flask, redirect, url_for

app = Flask(__name__)

@app.route("/")
def home():
    carts = {}
    return carts["alice"]

@app.route("/shop/")
def shop():
    return ('<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1>'
            '<a href="%s">Cart</a></body></html>' % url_for("cart", _external=True))

@app.route("/cart/")
def cart():
    return "<html><body>cart</body></html>"

@app.route("/go/")
def go():
    return redirect(url_for("shop", _external=True))

app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=True, use_reloader=False)
`

func TestFlaskDebugWording(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a real server")
	}
	t.Parallel()
	py := "/usr/bin/python3"
	if exec.Command(py, "-c", "import flask").Run() != nil {
		testenv.Missing(t, "Flask for /usr/bin/python3", "apt-get install python3-flask")
	}
	dir := t.TempDir()
	app := filepath.Join(dir, "app.py")
	must(t, os.WriteFile(app, []byte(flaskApp), 0o644))
	port := freePort(t)
	out := startProcess(t, py, []string{"PYTHONDONTWRITEBYTECODE=1"}, app, strconv.Itoa(port))
	waitPort(t, port, "flask", out.String)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)

	res := runProbe(t, Options{Target: base + "/", Rules: wordingRules()}, nil)
	t.Logf("flask /:\n%s", dump(res))
	debug := messages(t, res, "DJL401")
	if len(debug) != 1 || !strings.Contains(debug[0], "the home page answers with the Werkzeug debugger") || strings.Contains(debug[0], "DEBUG = True") {
		t.Errorf("DJL401: got %q, want the Werkzeug debugger on the home page, without DEBUG = True", debug)
	}
	for _, f := range res.Findings {
		if f.Rule == "DJL401" && !strings.Contains(f.Fix, "FLASK_DEBUG") {
			t.Errorf("DJL401 fix: got %q, want Flask's", f.Fix)
		}
	}

	res = runProbe(t, Options{Target: base + "/shop/", Rules: wordingRules()}, nil)
	t.Logf("flask /shop/:\n%s", dump(res))
	host := messages(t, res, "DJL402")
	if len(host) != 1 || !strings.Contains(host[0], "builds its links from it") || strings.Contains(host[0], "ALLOWED_HOSTS") {
		t.Errorf("DJL402 at /shop/: got %q, want links built from the Host header, without ALLOWED_HOSTS", host)
	}

	res = runProbe(t, Options{Target: base + "/go/", Rules: wordingRules()}, nil)
	t.Logf("flask /go/:\n%s", dump(res))
	host = messages(t, res, "DJL402")
	if len(host) != 1 || !strings.Contains(host[0], "builds its redirects from whatever Host it is sent") || strings.Contains(host[0], "ALLOWED_HOSTS") {
		t.Errorf("DJL402 at /go/: got %q, want a redirect built from the Host header, without ALLOWED_HOSTS", host)
	}
}

// djangoWording checks the DEBUG and Host wording on the Django test sites
// (TestShortcutsKeepFindings probes them): Django's own words there.
func djangoWording(t *testing.T, variant string, res *Result) {
	t.Helper()
	debug, host := messages(t, res, "DJL401"), messages(t, res, "DJL402")
	if hasNote(res, "saw no sign of Django") {
		t.Errorf("the Django site %s is said not to look like Django: %q", variant, res.Notes)
	}
	switch variant {
	case "insecure":
		if len(debug) != 1 || !strings.Contains(debug[0], "Django's technical 404 page (DEBUG = True)") {
			t.Errorf("DJL401: got %q, want Django's technical 404", debug)
		}
	case "middling":
		if len(host) != 1 || !strings.Contains(host[0], "ALLOWED_HOSTS (or the proxy) accepts any host") {
			t.Errorf("DJL402: got %q, want ALLOWED_HOSTS named", host)
		}
		if len(debug) != 0 {
			t.Errorf("DJL401 with DEBUG off: %q", debug)
		}
	case "hardened":
		if len(debug)+len(host) != 0 {
			t.Errorf("hardened: got DJL401 %q, DJL402 %q", debug, host)
		}
	}
}
