package probe

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/report"
)

// The error pages below are written for these tests after the structure of
// each framework's page: the title, the heading and the few lines djsec
// recognizes, not the pages themselves.
const (
	werkzeugPage = `<!doctype html>
<html lang=en>
  <head>
    <title>KeyError: 'cart'
 // Werkzeug Debugger</title>
    <script>var CONSOLE_MODE = false, EVALEX = true, SECRET = "x";</script>
  </head>
  <body><div class="debugger"><h1>KeyError</h1>
  <div class="detail"><p class="errormsg">KeyError: 'cart'</p></div>
  <h2 class="traceback">Traceback <em>(most recent call last)</em></h2>
  <div class="explanation">The debugger caught an exception in your WSGI application.  You can now look at the traceback.</div>
  </div></body></html>`
	railsPage = `<!DOCTYPE html><html lang="en"><head><title>Action Controller: Exception caught</title></head>
<body><header><h1>Routing Error</h1></header><div id="container"><h2>No route matches [GET] &quot;/missing/&quot;</h2>
<p><code>Rails.root: /srv/shop</code></p><h3>Routes</h3><table id="route_table"><tr><td>cart_path</td><td>GET</td><td>/cart(.:format)</td></tr></table></div></body></html>`
	symfonyPage = `<!DOCTYPE html><html><head><title>No route found for "GET /missing/" (404 Not Found)</title></head>
<body><div class="exception-summary"><h2 class="exception-message">No route found for "GET /missing/"</h2></div>
<div class="trace"><span class="trace-class">Symfony\Component\HttpKernel\Exception\NotFoundHttpException</span>
in /srv/shop/vendor/symfony/http-kernel/EventListener/RouterListener.php (line 135)</div></body></html>`
	whoopsPage = `<!DOCTYPE html><html><head><title>Whoops! There was an error.</title></head>
<body><div class="exception"><span class="exc-title">Illuminate\Database\QueryException</span>
<p>SQLSTATE[HY000] [2002] Connection refused (SQL: select * from carts)</p></div>
<div class="data-table"><label>DB_PASSWORD</label><span>hunter2</span></div></body></html>`
	aspnetPage = `<html><head><title>The resource cannot be found.</title></head><body bgcolor="white">
<span><H1>Server Error in '/' Application.<hr width=100% size=1 color=silver></H1>
<h2> <i>The resource cannot be found.</i> </h2></span>
<b> Requested URL: </b>/missing/<br><br>
<hr width=100% size=1 color=silver><b>Version Information:</b>&nbsp;Microsoft .NET Framework Version:4.0.30319; ASP.NET Version:4.8.4110.0
</body></html>`
	phpPage  = "<br />\n<b>Fatal error</b>:  Uncaught PDOException: could not find driver in /var/www/html/db.php:4\nStack trace:\n#0 /var/www/html/index.php(3): require()\n#1 {main}\n  thrown in <b>/var/www/html/db.php</b> on line <b>4</b><br />\n"
	javaPage = `<html><body><h1>Whitelabel Error Page</h1><p>This application has no explicit mapping for /error.</p>
<div>There was an unexpected error (type=Internal Server Error, status=500).</div><div style='white-space:pre-wrap;'>java.lang.IllegalStateException: cart is empty
	at com.example.shop.CartController.show(CartController.java:42)
	at java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)
</div></body></html>`
	nodePage = `<!DOCTYPE html><html lang="en"><head><title>Error</title></head><body>
<pre>TypeError: Cannot read properties of undefined (reading &#39;id&#39;)<br> &nbsp; &nbsp;at /srv/app/routes/cart.js:12:25<br> &nbsp; &nbsp;at Layer.handle [as handle_request] (/srv/app/node_modules/express/lib/router/layer.js:95:5)</pre>
</body></html>`
	nodeText   = "TypeError: Cannot read properties of undefined (reading 'items')\n    at Server.<anonymous> (/srv/app/server.js:3:38)\n    at Server.emit (node:events:524:28)\n"
	goPage     = "panic: runtime error: invalid memory address or nil pointer dereference\n\ngoroutine 18 [running]:\nmain.cart({0x7f0, 0xc000}, 0xc0001)\n\t/src/shop/main.go:40 +0x1d\n"
	rubyPage   = "NoMethodError: undefined method `items' for nil\n/srv/app/app.rb:12:in `block in <class:Shop>'\n/usr/local/bundle/gems/sinatra-3.1.0/lib/sinatra/base.rb:1706:in `call'\n"
	pythonPage = "Traceback (most recent call last):\n  File \"/srv/app/wsgi.py\", line 12, in application\n    cart = carts[user]\nKeyError: 'alice'\n"
)

// frameworkSite serves a home page and answers every other path: each
// answer is a status and a body; cookies are set on the home page.
func frameworkSite(t *testing.T, homeStatus int, home string, otherStatus int, other string, cookie string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path == "/" {
			if cookie != "" {
				http.SetCookie(w, &http.Cookie{Name: cookie, Value: "x", Path: "/"})
			}
			w.WriteHeader(homeStatus)
			w.Write([]byte(home))
			return
		}
		w.WriteHeader(otherStatus)
		w.Write([]byte(other))
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

const shopHome = `<!doctype html><html><head><title>Shop</title></head><body><h1>Welcome</h1><a href="/cart/">Cart</a></body></html>`

func TestDebugPagesOfOtherFrameworks(t *testing.T) {
	cases := []struct {
		name          string
		homeStatus    int
		home          string
		otherStatus   int
		other         string
		cookie        string
		fragment, fix string // want: empty fragment means no finding
		severity      report.Severity
	}{
		{name: "Werkzeug debugger on the home page", homeStatus: 500, home: werkzeugPage, otherStatus: 404, other: "not found",
			fragment: "the home page answers with the Werkzeug debugger", fix: "FLASK_DEBUG", severity: report.High},
		{name: "Werkzeug debugger on a Django site", homeStatus: 500, home: werkzeugPage, otherStatus: 404, other: "not found", cookie: "csrftoken",
			fragment: "runserver_plus", fix: "gunicorn or uWSGI and DEBUG = False", severity: report.High},
		{name: "Rails routing error", homeStatus: 200, home: shopHome, otherStatus: 404, other: railsPage,
			fragment: "a random path (", fix: "RAILS_ENV=production", severity: report.High},
		{name: "Symfony exception page", homeStatus: 200, home: shopHome, otherStatus: 404, other: symfonyPage,
			fragment: "Symfony's debug exception page", fix: "APP_DEBUG=0", severity: report.High},
		{name: "Laravel Whoops", homeStatus: 500, home: whoopsPage, otherStatus: 404, other: "not found",
			fragment: "Laravel's debug error page", fix: "APP_DEBUG=false", severity: report.High},
		{name: "ASP.NET detailed error", homeStatus: 200, home: shopHome, otherStatus: 404, other: aspnetPage,
			fragment: "ASP.NET's detailed error page", fix: "customErrors", severity: report.High},
		{name: "PHP fatal error", homeStatus: 500, home: phpPage, otherStatus: 404, other: "not found",
			fragment: "a PHP error message", fix: "display_errors = Off", severity: report.Medium},
		{name: "Java stack trace", homeStatus: 500, home: javaPage, otherStatus: 404, other: "not found",
			fragment: "a Java stack trace", fix: "include-stacktrace=never", severity: report.Medium},
		{name: "Node.js stack trace", homeStatus: 500, home: nodePage, otherStatus: 404, other: "not found",
			fragment: "a Node.js stack trace", fix: "NODE_ENV=production", severity: report.Medium},
		{name: "Node.js stack as text", homeStatus: 500, home: nodeText, otherStatus: 404, other: "not found",
			fragment: "a Node.js stack trace", fix: "NODE_ENV=production", severity: report.Medium},
		{name: "Go panic", homeStatus: 500, home: goPage, otherStatus: 404, other: "not found",
			fragment: "a Go panic trace", fix: "Recover panics", severity: report.Medium},
		{name: "Ruby backtrace", homeStatus: 500, home: rubyPage, otherStatus: 404, other: "not found",
			fragment: "a Ruby backtrace", fix: "production mode", severity: report.Medium},
		{name: "Python traceback", homeStatus: 500, home: pythonPage, otherStatus: 404, other: "not found",
			fragment: "a Python traceback", fix: "plain 500 page", severity: report.Medium},
		// Safe look-alikes: a page that talks about tracebacks, a
		// framework's ordinary 404, a generic server error.
		{name: "a blog post quoting a traceback", homeStatus: 200, home: "<html><body><h1>Debugging KeyError</h1><pre>" + pythonPage + "</pre></body></html>", otherStatus: 404, other: "not found"},
		{name: "Werkzeug's ordinary 404", homeStatus: 200, home: shopHome, otherStatus: 404,
			other: "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n"},
		{name: "a plain 500", homeStatus: 500, home: "<html><body><h1>Internal Server Error</h1><p>Something went wrong at /cart/ (see app.js for details).</p></body></html>", otherStatus: 404, other: "not found"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u := frameworkSite(t, c.homeStatus, c.home, c.otherStatus, c.other, c.cookie)
			res := runProbe(t, Options{Target: u, Rules: []*analysisRule{DebugEnabled}}, nil)
			if c.fragment == "" {
				if len(res.Findings) != 0 {
					t.Errorf("got findings, want none:\n%s", dump(res))
				}
				return
			}
			if len(res.Findings) != 1 {
				t.Fatalf("got %d findings, want one DJL401:\n%s", len(res.Findings), dump(res))
			}
			f := res.Findings[0]
			if !strings.Contains(f.Message, c.fragment) || !strings.Contains(f.Fix, c.fix) || f.Severity != c.severity {
				t.Errorf("got %s %q (fix %q), want %s mentioning %q (fix mentioning %q)", f.Severity, f.Message, f.Fix, c.severity, c.fragment, c.fix)
			}
			if strings.Contains(f.Message, "DEBUG = True") {
				t.Errorf("a site that is not Django's technical page is told about DEBUG = True: %q", f.Message)
			}
			if len(f.CWE) == 0 || len(f.Checklist) == 0 || f.Confidence == 0 || f.Fingerprint == "" {
				t.Errorf("incomplete finding: %+v", f)
			}
		})
	}
}

// hostSite serves the home page for any Host: with links built from the
// Host header when reflect is set, redirecting "/" to /en/ on the Host it
// was sent when redirect is set.
func hostSite(t *testing.T, reflect, redirect bool, cookie string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if cookie != "" {
			http.SetCookie(w, &http.Cookie{Name: cookie, Value: "x", Path: "/"})
		}
		if redirect && r.URL.Path == "/" {
			http.Redirect(w, r, "http://"+r.Host+"/en/", http.StatusFound)
			return
		}
		if r.URL.Path != "/" && r.URL.Path != "/en/" {
			http.NotFound(w, r)
			return
		}
		link := "/cart/"
		if reflect {
			link = "http://" + r.Host + "/cart/"
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html><head><title>Shop</title></head><body><h1>Welcome</h1><a href="` + link + `">Cart</a></body></html>`))
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

func TestHostHeaderWording(t *testing.T) {
	cases := []struct {
		name              string
		reflect, redirect bool
		cookie            string
		want, notWant     []string
		fix               string
	}{
		{name: "not Django, links from the Host", reflect: true,
			want:    []string{"the home page is served for the Host header", "the server (and any proxy in front of it) accepts any host", "builds its links from it"},
			notWant: []string{"ALLOWED_HOSTS"}, fix: "default_server"},
		{name: "not Django, relative links",
			want:    []string{"the server (and any proxy in front of it) accepts any host"},
			notWant: []string{"ALLOWED_HOSTS", "links"}, fix: "default_server"},
		{name: "Django, relative links", cookie: "csrftoken",
			want: []string{"ALLOWED_HOSTS (or the proxy) accepts any host"}, notWant: []string{"links"}, fix: "ALLOWED_HOSTS"},
		{name: "not Django, redirect to the Host", redirect: true,
			want:    []string{"is redirected to http://djsec-", "builds its redirects from whatever Host it is sent", "the server (and any proxy"},
			notWant: []string{"ALLOWED_HOSTS"}, fix: "default_server"},
		{name: "Django, redirect to the Host", redirect: true, cookie: "sessionid",
			want: []string{"is redirected to", "ALLOWED_HOSTS (or the proxy)"}, fix: "ALLOWED_HOSTS"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			u := hostSite(t, c.reflect, c.redirect, c.cookie)
			res := runProbe(t, Options{Target: u, Rules: []*analysisRule{HostNotValidated, DebugEnabled}}, nil)
			if len(res.Findings) != 1 || res.Findings[0].Rule != "DJL402" {
				t.Fatalf("got %d findings, want one DJL402:\n%s", len(res.Findings), dump(res))
			}
			f := res.Findings[0]
			for _, w := range c.want {
				if !strings.Contains(f.Message, w) {
					t.Errorf("message %q does not mention %q", f.Message, w)
				}
			}
			for _, w := range c.notWant {
				if strings.Contains(f.Message, w) {
					t.Errorf("message %q mentions %q", f.Message, w)
				}
			}
			if !strings.Contains(f.Fix, c.fix) {
				t.Errorf("fix %q does not mention %q", f.Fix, c.fix)
			}
		})
	}
	// A redirect to the site's own host, and a site that refuses unknown
	// hosts, are fine.
	fixed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			http.Redirect(w, r, "/en/", http.StatusFound)
			return
		}
		w.Write([]byte("<html><body>shop</body></html>"))
	}))
	defer fixed.Close()
	strict := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.Host, "127.0.0.1") {
			http.Error(w, "unknown host", http.StatusMisdirectedRequest)
			return
		}
		w.Write([]byte(shopHome))
	}))
	defer strict.Close()
	for _, u := range []string{fixed.URL + "/", strict.URL + "/"} {
		if res := runProbe(t, Options{Target: u, Rules: []*analysisRule{HostNotValidated}}, nil); len(res.Findings) != 0 {
			t.Errorf("%s: got\n%s", u, dump(res))
		}
	}
}

func TestDjangoSigns(t *testing.T) {
	cases := []struct {
		name string
		r    *Response
		want string
	}{
		{"csrftoken cookie", &Response{Header: http.Header{"Set-Cookie": {"csrftoken=abc; Path=/"}}}, "csrftoken cookie"},
		{"csrf field", &Response{Body: []byte(`<input type="hidden" name="csrfmiddlewaretoken" value="x">`)}, "csrfmiddlewaretoken"},
		{"plain 404", &Response{Body: []byte(`<!doctype html><html lang="en"><head><title>Not Found</title></head><body><h1>Not Found</h1><p>The requested resource was not found on this server.</p></body></html>`)}, "default error page"},
		{"plain 400", &Response{Body: []byte(`<!doctype html><html lang="en"><head><title>Bad Request (400)</title></head><body><h1>Bad Request (400)</h1><p></p></body></html>`)}, "default error page"},
		{"Werkzeug 404", &Response{Body: []byte(`<title>404 Not Found</title><h1>Not Found</h1><p>The requested URL was not found on the server.`)}, ""},
		{"nginx 404", &Response{Body: []byte(`<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>`)}, ""},
		{"another session cookie", &Response{Header: http.Header{"Set-Cookie": {"PHPSESSID=abc; Path=/"}}}, ""},
	}
	for _, c := range cases {
		got := djangoSign(c.r)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}
