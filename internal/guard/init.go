package guard

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
)

// Site is what `djsec guard init` learned about a project: the routes
// that need their own controls. Paths start and end with "/".
type Site struct {
	Project string
	Admin   []SiteRoute
	Logins  []SiteRoute
	APIs    []SiteRoute
	// Hosts is ALLOWED_HOSTS when the settings give it as literal names.
	Hosts  []string
	Static string // STATIC_URL
	Media  string // MEDIA_URL
	// Upload is DATA_UPLOAD_MAX_MEMORY_SIZE when the settings set it.
	Upload int64
	Notes  []string
}

// SiteRoute is one route and where it was found.
type SiteRoute struct {
	Path  string
	From  string // "shop/urls.py:12 (LoginView)"
	Token bool   // a JSON or token endpoint: failures are 400/401, not a re-rendered form
	// Exact is true when the route is all literal: the guard matches the
	// path exactly rather than as a prefix.
	Exact bool
}

// match is the TOML line that selects the route's requests.
func (r SiteRoute) match() string {
	if r.Exact {
		return fmt.Sprintf("pattern = %q", "^"+regexp.QuoteMeta(r.Path)+"$")
	}
	return fmt.Sprintf("path = %q", r.Path)
}

// WriteConfig writes a commented guard.toml for the site. Every line it
// writes passes ParseConfig.
func WriteConfig(w io.Writer, s Site) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("# guard.toml for %s, written by `djsec guard init`.\n", s.Project)
	p("# Check it with `djsec guard --check --config guard.toml`; reload a running\n")
	p("# guard with SIGHUP. Every key is described in djsec's README (\"djsec guard\").\n\n")
	p("# Where the guard listens, and the application it protects (gunicorn's\n# --bind: an address, or unix:/path/to.sock).\n")
	p("listen = \":8080\"\nupstream = \"http://127.0.0.1:8000\"\n\n")
	if len(s.Hosts) > 0 {
		p("# The host names served (ALLOWED_HOSTS); any other Host is refused with 400.\nhosts = [")
		for i, h := range s.Hosts {
			if i > 0 {
				p(", ")
			}
			p("%q", h)
		}
		p("]\n\n")
	} else {
		p("# The host names served, as in ALLOWED_HOSTS; any other Host is refused.\n# hosts = [\"example.org\", \".example.org\"]\n\n")
	}
	p("# Bans survive restarts in this directory.\nstate_dir = \"/var/lib/djsec-guard\"\n\n")
	p("# Load balancers in front of the guard, whose X-Forwarded-For is believed.\n# Leave empty when clients connect to the guard directly.\ntrusted_proxies = []\n\n")
	p("# Share limits and bans between replicas:\n# redis = \"redis://127.0.0.1:6379/0\"\n# redis_failure = \"local\"   # or \"open\" (no limits) or \"closed\" (503) while Redis is down\n\n")
	p("# [tls]\n# cert = \"/etc/ssl/example.org/fullchain.pem\"\n# key = \"/etc/ssl/example.org/privkey.pem\"\n# redirect_http = \":80\"\n\n")
	p("[timeouts]\nheader = \"10s\"   # slow headers (slowloris)\nbody = \"30s\"     # between two reads of a request body\nsend = \"30s\"     # between two writes of a response\nupstream = \"60s\" # the application's time to answer\n\n")
	maxBody := "10m"
	if s.Upload > 0 {
		maxBody = sizeString(max(s.Upload, 1<<20))
		p("# DATA_UPLOAD_MAX_MEMORY_SIZE is %d bytes in the settings.\n", s.Upload)
	}
	p("# Every request not matched by a [[route]] below: per client address.\n[default]\nrate = \"20r/s\"\nburst = 50\nnodelay = true\nmax_body = %q\n\n", maxBody)
	p("[bans]\n# maxretry failed logins within findtime ban the address for bantime;\n# each later ban lasts factor times longer, up to max_bantime.\nfindtime = \"10m\"\nmaxretry = 5\nbantime = \"10m\"\nfactor = 2\nmax_bantime = \"7d\"\n# Requests for /.env, /.git/ and the like count as failures too.\nblocked_paths = true\n# ignore = [\"203.0.113.0/24\"]   # never banned: monitoring, the office\n\n")
	p("[headers]\n# Added when the application did not set them; force = true replaces them.\n")
	p("hsts = %q\n", Defaults().Headers.HSTS)
	p("csp = %q\n", Defaults().Headers.CSP)
	p("csp_report_only = false\nframe_options = \"DENY\"\nreferrer_policy = \"same-origin\"\n")
	p("strip = [\"Server\", \"X-Powered-By\"]\n\n")
	p("[metrics]\n# Prometheus metrics and the ban list; keep this address private.\nlisten = \"127.0.0.1:9108\"\n\n")
	p("[events]\noutput = \"stderr\"   # or a file, or \"off\"\n\n")
	p("# [alerts]\n# alertmanager = \"http://127.0.0.1:9093\"\n\n")
	p("# The OWASP Core Rule Set (Coraza). Run it in detect mode first, read the\n# waf_match events, exclude what is false on a route (waf_exclude = [\"942100\"]),\n# then switch to block.\n")
	p("# [waf]\n# enabled = true\n# mode = \"detect\"\n# paranoia = 1\n\n")
	names := map[string]bool{}
	name := func(kind, path string) string {
		n := kind
		if path != "" {
			n = kind + " " + path
		}
		for i := 2; names[n]; i++ {
			n = fmt.Sprintf("%s %s #%d", kind, path, i)
		}
		names[n] = true
		return n
	}
	// Logins first: the first matching route wins, and a login inside the
	// admin (/admin/login/) needs its own limit before the admin's.
	for _, r := range s.Logins {
		p("# A login found at %s.\n", r.From)
		p("[[route]]\nname = %q\n%s\nmethods = [\"POST\"]\nrate = \"10r/m\"\nburst = 5\nnodelay = true\nmax_body = \"64k\"\nlogin = true\n", name("login", r.Path), r.match())
		for _, a := range s.Admin {
			if strings.HasPrefix(r.Path, a.Path) {
				p("# Inside the admin: the same allowlist as the admin below.\nallow = %s\n", adminAllow)
				break
			}
		}
		if r.Token {
			p("failure_status = [400, 401, 403]\n")
		} else {
			p("# Django's LoginView answers a failed login with the form again (200).\nfailure_status = [200, 400, 401, 403]\n")
		}
		p("\n")
	}
	for _, r := range s.Admin {
		p("# The admin, found at %s.\n", r.From)
		p("[[route]]\nname = %q\npath = %q\nrate = \"10r/s\"\nburst = 20\nnodelay = true\n", name("admin", r.Path), r.Path)
		p("# Only these addresses reach the admin: add your office or VPN ranges\n# (or remove the line to open it to everyone).\n")
		p("allow = %s\n\n", adminAllow)
	}
	for _, r := range s.APIs {
		p("# An API found at %s.\n", r.From)
		p("[[route]]\nname = %q\npath = %q\nrate = \"10r/s\"\nburst = 40\nnodelay = true\nmax_body = \"1m\"\n\n", name("api", r.Path), r.Path)
	}
	for _, st := range []struct{ kind, path string }{{"static", s.Static}, {"media", s.Media}} {
		if st.path == "" || !strings.HasPrefix(st.path, "/") {
			continue
		}
		p("# %s files (%s_URL): read-only, generous limits.\n", st.kind, strings.ToUpper(st.kind))
		p("[[route]]\nname = %q\npath = %q\nallow_methods = [\"GET\", \"HEAD\", \"OPTIONS\"]\nrate = \"100r/s\"\nburst = 200\nnodelay = true\nmax_body = \"1k\"\nwaf_off = true\n\n", name(st.kind, ""), st.path)
	}
	for _, n := range s.Notes {
		p("# Note: %s\n", n)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// adminAllow keeps the admin to loopback and private networks until the
// user names their own.
const adminAllow = `["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"]`

func sizeString(n int64) string {
	switch {
	case n%(1<<20) == 0:
		return fmt.Sprintf("%dm", n>>20)
	case n%(1<<10) == 0:
		return fmt.Sprintf("%dk", n>>10)
	}
	return fmt.Sprint(n)
}

var convRE = regexp.MustCompile(`<[^>]*>`)

// RoutePrefix is the literal beginning of a Django route ("accounts/
// login/" for path(), "^api/v1/" for re_path()) as a guard path prefix
// ("/accounts/login/"), and whether the route is all literal (then the
// path is the route itself, to be matched exactly).
func RoutePrefix(route string, regex bool) (string, bool) {
	literal := true
	if regex {
		route = strings.TrimPrefix(route, "^")
		var b strings.Builder
		end := false
		for i := 0; i < len(route); i++ {
			c := route[i]
			if c == '\\' && i+1 < len(route) && !isWordByte(route[i+1]) {
				b.WriteByte(route[i+1])
				i++
				continue
			}
			if c == '$' && i == len(route)-1 {
				end = true
				break
			}
			if strings.IndexByte(`\[](){}.*+?^$|`, c) >= 0 {
				literal = false
				break
			}
			b.WriteByte(c)
		}
		route = b.String()
		literal = literal && end
	} else if i := convRE.FindStringIndex(route); i != nil {
		route, literal = route[:i[0]], false
	}
	if !literal {
		route = route[:strings.LastIndexByte(route, '/')+1]
	}
	return "/" + strings.TrimPrefix(route, "/"), literal
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// Dedupe sorts routes by path and drops repeats and paths covered by a
// shorter one of the same kind.
func Dedupe(rs []SiteRoute) []SiteRoute {
	slices.SortStableFunc(rs, func(a, b SiteRoute) int { return strings.Compare(a.Path, b.Path) })
	var out []SiteRoute
	for _, r := range rs {
		if len(out) > 0 && (r.Path == out[len(out)-1].Path || !out[len(out)-1].Exact && strings.HasPrefix(r.Path, out[len(out)-1].Path)) {
			continue
		}
		out = append(out, r)
	}
	return out
}
