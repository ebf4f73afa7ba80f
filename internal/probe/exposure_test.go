package probe

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// djangoLike serves a few pages by path; everything else is a plain 404.
func djangoLike(pages map[string]func(w http.ResponseWriter, r *http.Request)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h, ok := pages[r.Method+" "+r.URL.Path]; ok {
			h(w, r)
			return
		}
		if h, ok := pages[r.URL.Path]; ok && r.Method == http.MethodGet {
			h(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(404)
		w.Write([]byte("<h1>Not Found</h1><p>The requested resource was not found on this server.</p>"))
	})
}

func htmlPage(body string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(body))
	}
}

// TestExposure: each Django exposure check on pages that have the real
// markers, and the silence of every other check.
func TestExposure(t *testing.T) {
	home := "<html><head><title>Shop</title></head><body>shop</body></html>"
	srv := httptest.NewServer(djangoLike(map[string]func(http.ResponseWriter, *http.Request){
		"/": func(w http.ResponseWriter, r *http.Request) {
			// Like ALLOWED_HOSTS = ["*"]: any Host gets the shop.
			htmlPage(home)(w, r)
		},
		"/__debug__/render_panel/": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"content": "<p>Data for this panel isn't available anymore. Please reload the page and retry.</p>", "scripts": []}`))
		},
		"/silk/": htmlPage(`<html><head><title>Silky - Summary</title><link rel="stylesheet" href="/static/silk/css/summary.css"></head></html>`),
		"/api/schema/": func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`{"openapi": "3.0.3", "info": {"title": "Shop API"}}`))
		},
		"/swagger/": htmlPage(`<html><head><title>Swagger</title><link href="/static/drf-yasg/swagger-ui-dist/swagger-ui.css"></head></html>`),
		"TRACE /": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "message/http")
			r.Write(w)
		},
		"/backstage/login/": htmlPage(`<html><head><link rel="stylesheet" href="/static/admin/css/login.css"></head><body>
<form action="/backstage/login/" method="post" id="login-form"><input type="hidden" name="csrfmiddlewaretoken" value="abc">
<input type="password" name="password"></form></body></html>`),
	}))
	defer srv.Close()
	res := runProbe(t, Options{Target: srv.URL, AdminPaths: []string{"backstage"}}, nil)
	got := byRule(res)
	want := map[string]string{
		"DJL402": "accepts any host",
		"DJL403": "/backstage/",
		"DJL404": "/__debug__/",
		"DJL406": "/api/schema/",
		"DJL407": "/silk/",
		"DJL410": "TRACE",
	}
	for rule, frag := range want {
		if len(got[rule]) == 0 || !strings.Contains(got[rule][0].Message, frag) {
			t.Errorf("%s: got %v, want a finding mentioning %q", rule, got[rule], frag)
		}
	}
	if len(got["DJL406"]) != 2 {
		t.Errorf("DJL406: got %d findings, want 2 (/api/schema/ and /swagger/)", len(got["DJL406"]))
	}
	for _, rule := range []string{"DJL401", "DJL405", "DJL408", "DJL409"} {
		if len(got[rule]) > 0 {
			t.Errorf("%s: unexpected %v", rule, got[rule])
		}
	}
	if f := got["DJL403"]; len(f) == 1 && f[0].Severity.String() != "info" {
		t.Errorf("DJL403 at a custom path: got severity %s, want info", f[0].Severity)
	}
}

// TestCatchAll: a site answering 200 with the same page to every path, even
// echoing the path and quoting every marker djsec looks for, yields no path
// finding: each is compared with the answer to a random path first.
func TestCatchAll(t *testing.T) {
	page := `<html><head><title>Django tips</title></head><body>
<p>Never serve SECRET_KEY or INSTALLED_APPS; never leave DJANGO_SETTINGS_MODULE in /manage.py public.</p>
<p>Index of /static/ — swagger-ui — "openapi": — /static/silk/ — id="djDebug" — SQLite format 3 — [core] — CREATE TABLE</p>
<p>You asked for %s</p></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(strings.Replace(page, "%s", r.URL.Path, 1)))
	}))
	defer srv.Close()
	res := runProbe(t, Options{Target: srv.URL, Active: true}, nil)
	for _, f := range res.Findings {
		switch f.Rule {
		case "DJL404":
			// The home page itself carries the toolbar's markup: that one
			// is about the page, not a path, and is right.
		case "DJL402":
			// Any Host is served: right as well.
		default:
			if f.Rule[3] == '4' || f.Rule[3] == '5' {
				t.Errorf("false positive on a catch-all site: %s %s %s", f.Rule, f.Location.URL, f.Message)
			}
		}
	}
}

// TestDebugPages: the technical 404 and DisallowedHost pages are
// recognized by their text, whatever the status, and a custom 404 that
// mentions DEBUG is not.
func TestDebugPages(t *testing.T) {
	tech404 := `<title>Page not found at /x/</title><p>Using the URLconf defined in <code>shop.urls</code>, Django tried these URL patterns</p>
<p>You’re seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p>`
	disallowed := `<title>DisallowedHost at /</title><pre class="exception_value">Invalid HTTP_HOST header: 'x.invalid'.</pre>
<p>You’re seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p>`
	cases := []struct {
		name    string
		handler http.HandlerFunc
		want    string
	}{
		{"technical 404", func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/" {
				w.Write([]byte("<html>home</html>"))
				return
			}
			w.WriteHeader(404)
			w.Write([]byte(tech404))
		}, "technical 404"},
		{"technical 404 served as 200", func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/" {
				w.Write([]byte("<html>home</html>"))
				return
			}
			w.Write([]byte(tech404))
		}, "technical 404"},
		{"DisallowedHost", func(w http.ResponseWriter, r *http.Request) {
			if !strings.HasPrefix(r.Host, "127.0.0.1") {
				w.WriteHeader(500)
				w.Write([]byte(disallowed))
				return
			}
			w.WriteHeader(404)
			w.Write([]byte("<h1>Not Found</h1>"))
		}, "DisallowedHost"},
		{"custom 404 about DEBUG", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(404)
			w.Write([]byte("<h1>Not found</h1><p>Tip: set DEBUG = True to see details.</p>"))
		}, ""},
		{"DisallowedHost without DEBUG", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(400)
			w.Write([]byte("<h1>Bad Request (400)</h1>"))
		}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(c.handler)
			defer srv.Close()
			res := runProbe(t, Options{Target: srv.URL, Rules: []*analysisRule{DebugEnabled}}, nil)
			switch {
			case c.want == "" && len(res.Findings) > 0:
				t.Errorf("got %v, want nothing", res.Findings)
			case c.want != "" && (len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Message, c.want)):
				t.Errorf("got %v, want one finding about the %s page", res.Findings, c.want)
			}
		})
	}
}

// TestFingerprintsStable: two runs against the same site give the same
// fingerprints, although each uses its own random paths and origins.
func TestFingerprintsStable(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if o := r.Header.Get("Origin"); o != "" {
			w.Header().Set("Access-Control-Allow-Origin", o)
			w.Header().Set("Access-Control-Allow-Credentials", "true")
		}
		if r.URL.Path != "/" {
			w.WriteHeader(404)
			w.Write([]byte(`<p>Using the URLconf defined in <code>x</code></p> seeing this error because you have <code>DEBUG = True</code>`))
			return
		}
		w.Write([]byte("<html>home</html>"))
	}))
	defer srv.Close()
	prints := func() []string {
		var out []string
		for _, f := range runProbe(t, Options{Target: srv.URL, Active: true}, nil).Findings {
			out = append(out, f.Rule+" "+f.Fingerprint)
		}
		return out
	}
	a, b := prints(), prints()
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("fingerprints differ between runs:\n%v\n%v", a, b)
	}
}

// TestCORSOnTheAPI: CORS limited to /api/ (CORS_URLS_REGEX) is still found.
func TestCORSOnTheAPI(t *testing.T) {
	srv := httptest.NewServer(djangoLike(map[string]func(http.ResponseWriter, *http.Request){
		"/": htmlPage("<html>home</html>"),
		"/api/": func(w http.ResponseWriter, r *http.Request) {
			if o := r.Header.Get("Origin"); o != "" {
				w.Header().Set("Access-Control-Allow-Origin", o)
				w.Header().Set("Access-Control-Allow-Credentials", "true")
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(403)
			w.Write([]byte(`{"detail": "Authentication credentials were not provided."}`))
		},
	}))
	defer srv.Close()
	res := runProbe(t, Options{Target: srv.URL, Rules: []*analysisRule{CORSReflected, CORSNull}}, nil)
	got := byRule(res)
	if len(got["DJL304"]) != 1 || !strings.HasSuffix(got["DJL304"][0].Location.URL, "/api/") {
		t.Errorf("DJL304: got %v, want one finding on /api/", got["DJL304"])
	}
	if len(got["DJL305"]) != 1 || got["DJL305"][0].Severity.String() != "high" {
		t.Errorf("DJL305: got %v, want one high finding on /api/", got["DJL305"])
	}
}

// TestCookiesOnRedirects: a cookie set by the redirect to the login page is
// checked like one set by the page itself.
func TestCookiesOnRedirects(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			http.SetCookie(w, &http.Cookie{Name: "sessionid", Value: "x", Path: "/", SameSite: http.SameSiteLaxMode})
			http.Redirect(w, r, "/accounts/login/?next=/", http.StatusFound)
			return
		}
		w.Write([]byte("<html>login</html>"))
	}))
	defer srv.Close()
	res := runProbe(t, Options{Target: srv.URL, Rules: []*analysisRule{SessionCookieNotHTTPOnly}}, nil)
	if len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Message, "sessionid") {
		t.Errorf("got\n%s\nwant the session cookie of the redirect", dump(res))
	}
}
