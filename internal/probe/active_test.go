package probe

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

const adminForm = `<html><head><link rel="stylesheet" href="/static/admin/css/login.css"></head><body>%s
<form action="/admin/login/" method="post" id="login-form"><input type="hidden" name="csrfmiddlewaretoken" value="tok123">
<input type="text" name="username"><input type="password" name="password"></form></body></html>`

// adminSite serves an admin login; after answers decides what a failed
// login gets once n attempts were made.
func adminSite(t *testing.T, after func(n int64, w http.ResponseWriter, r *http.Request) bool) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var posts atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/admin/login/" && r.Method == http.MethodPost:
			n := posts.Add(1)
			if r.FormValue("csrfmiddlewaretoken") != "tok123" || !strings.Contains(r.Header.Get("Cookie"), "csrftoken=") {
				w.WriteHeader(403)
				w.Write([]byte("<h1>Forbidden (403)</h1><p>CSRF verification failed. Request aborted.</p>"))
				return
			}
			if after(n, w, r) {
				return
			}
			w.Write([]byte(strings.Replace(adminForm, "%s", `<p class="errornote">Please enter the correct username and password for a staff account.</p>`, 1)))
		case r.URL.Path == "/admin/login/":
			http.SetCookie(w, &http.Cookie{Name: "csrftoken", Value: "c", Path: "/", SameSite: http.SameSiteLaxMode, Secure: true})
			w.Write([]byte(strings.Replace(adminForm, "%s", "", 1)))
		case r.URL.Path == "/":
			w.Write([]byte("<html>home</html>"))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &posts
}

func TestBruteForce(t *testing.T) {
	cases := []struct {
		name      string
		after     func(n int64, w http.ResponseWriter, r *http.Request) bool
		finding   bool
		maxPosts  int64
		wantProbl bool
	}{
		{"unlimited", func(int64, http.ResponseWriter, *http.Request) bool { return false }, true, maxLoginAttempts, false},
		{"429 after 5", func(n int64, w http.ResponseWriter, r *http.Request) bool {
			if n > 5 {
				w.WriteHeader(429)
				return true
			}
			return false
		}, false, 6, false},
		{"django-axes lockout", func(n int64, w http.ResponseWriter, r *http.Request) bool {
			if n > 3 {
				w.WriteHeader(403)
				w.Write([]byte("<h1>Account locked: too many login attempts, contact an admin to unlock your account.</h1>"))
				return true
			}
			return false
		}, false, 4, false},
		{"CSRF refused", func(n int64, w http.ResponseWriter, r *http.Request) bool {
			w.WriteHeader(403)
			w.Write([]byte("CSRF verification failed. Request aborted."))
			return true
		}, false, 1, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv, posts := adminSite(t, c.after)
			res := runProbe(t, Options{Target: srv.URL, Active: true, Rules: []*analysisRule{BruteForceUnprotected}}, nil)
			if got := len(res.Findings) == 1; got != c.finding {
				t.Errorf("finding: got %v, want %v\n%s", got, c.finding, dump(res))
			}
			if n := posts.Load(); n > c.maxPosts {
				t.Errorf("sent %d failed logins, want at most %d", n, c.maxPosts)
			}
			if got := len(res.Problems) > 0; got != c.wantProbl {
				t.Errorf("problem reported: got %v, want %v (%v)", got, c.wantProbl, res.Problems)
			}
		})
	}
	// Without --active, not a single login is tried.
	srv, posts := adminSite(t, func(int64, http.ResponseWriter, *http.Request) bool { return false })
	runProbe(t, Options{Target: srv.URL}, nil)
	if n := posts.Load(); n != 0 {
		t.Errorf("without --active: %d logins tried, want 0", n)
	}
}

func TestOpenRedirect(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/logout/":
			// Only protocol-relative URLs slip through this "check".
			next := r.URL.Query().Get("next")
			if strings.HasPrefix(next, "http") {
				next = "/"
			}
			http.Redirect(w, r, next, http.StatusFound)
		case "/accounts/login/":
			http.Redirect(w, r, "/?next="+r.URL.Query().Get("next"), http.StatusFound) // stays on the site
		default:
			w.Write([]byte("<html>home</html>"))
		}
	}))
	defer srv.Close()
	res := runProbe(t, Options{Target: srv.URL, Active: true, Rules: []*analysisRule{OpenRedirect}}, nil)
	if len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Message, "/logout/") || !strings.Contains(res.Findings[0].Message, "//djsec-") {
		t.Errorf("got\n%s\nwant one finding for /logout/ with a protocol-relative URL", dump(res))
	}
}
