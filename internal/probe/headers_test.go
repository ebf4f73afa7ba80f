package probe

import (
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
)

func TestCSPIssues(t *testing.T) {
	cases := []struct {
		policy string
		xfo    bool
		want   []string
	}{
		{"default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'", false, nil},
		{"default-src 'none'; script-src 'self'; base-uri 'none'; frame-ancestors 'none'", false, nil},
		{"default-src * 'unsafe-inline' 'unsafe-eval'", false, []string{"csp-base-uri", "csp-object-src", "csp-style-unsafe-inline", "csp-unsafe-eval", "csp-unsafe-inline", "csp-wildcard"}},
		{"script-src 'self' 'unsafe-inline' 'nonce-abc'; object-src 'none'; base-uri 'self'", true, []string{"csp-frame-ancestors"}},
		{"script-src 'strict-dynamic' 'nonce-abc' https: 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'", false, nil},
		{"img-src 'self'; frame-ancestors 'none'", false, []string{"csp-base-uri", "csp-no-script-src", "csp-object-src"}},
		{"default-src 'self'; script-src 'self' http://cdn.example.com; object-src 'none'; base-uri 'self'; frame-ancestors 'none'", false, []string{"csp-wildcard"}},
		{"default-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'", false, []string{"csp-style-unsafe-inline"}},
	}
	for _, c := range cases {
		var got []string
		for _, is := range cspIssues([]*csp{parseCSP(c.policy)}, c.xfo) {
			got = append(got, is.key)
		}
		sort.Strings(got)
		if strings.Join(got, ",") != strings.Join(c.want, ",") {
			t.Errorf("%s:\n got %v\nwant %v", c.policy, got, c.want)
		}
	}
}

func TestParseHSTS(t *testing.T) {
	cases := []struct {
		header         string
		valid          bool
		maxAge         int64
		subs, preload_ bool
	}{
		{"max-age=31536000; includeSubDomains; preload", true, 31536000, true, true},
		{`max-age="600"`, true, 600, false, false},
		{"includeSubDomains", false, 0, true, false},
		{"max-age=abc", false, 0, false, false},
	}
	for _, c := range cases {
		h := parseHSTS(http.Header{"Strict-Transport-Security": {c.header}})
		if h.valid != c.valid || h.maxAge != c.maxAge || h.includeSubDomains != c.subs || h.preload != c.preload_ {
			t.Errorf("%q: got %+v", c.header, h)
		}
	}
}

// TestHeaderChecks: headers and cookies of one page, and the Observatory
// score they add up to.
func TestHeaderChecks(t *testing.T) {
	cases := []struct {
		name    string
		headers map[string][]string
		want    []string // rule ids, sorted, with repeats
		grade   string
	}{
		{
			name: "bare",
			want: []string{"DJL204", "DJL206", "DJL207", "DJL208", "DJL209", "DJL210", "DJL210"},
			// -25 CSP, -5 nosniff, -20 framing, -20 no redirection to
			// HTTPS, -20 no HSTS (no HTTPS): 10.
			grade: "F",
		},
		{
			name: "report-only CSP and leaky referrer",
			headers: map[string][]string{
				"Content-Security-Policy-Report-Only": {"default-src 'self'"},
				"Referrer-Policy":                     {"unsafe-url"},
				"X-Frame-Options":                     {"DENY"},
				"X-Content-Type-Options":              {"nosniff"},
				"Permissions-Policy":                  {"camera=()"},
				"Cross-Origin-Opener-Policy":          {"same-origin"},
				"Cross-Origin-Resource-Policy":        {"same-origin"},
				"Server":                              {"gunicorn/20.1.0"},
				"X-Powered-By":                        {"Django"},
			},
			want: []string{"DJL204", "DJL208", "DJL211", "DJL211"},
			// -25 Report-Only only, -20 no redirection, -20 no HSTS, -5
			// unsafe-url; the CORP bonus is not counted under 90: 30.
			grade: "D",
		},
		{
			name: "cookies",
			headers: map[string][]string{
				"Set-Cookie": {"sessionid=abc; Path=/; SameSite=None", "csrftoken=x; Path=/", "theme=dark; Path=/; SameSite=Lax", "messages=; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/"},
			},
			want: []string{"DJL204", "DJL206", "DJL207", "DJL208", "DJL209", "DJL210", "DJL210", "DJL302", "DJL303", "DJL303"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/" {
					http.NotFound(w, r)
					return
				}
				for k, vs := range c.headers {
					for _, v := range vs {
						w.Header().Add(k, v)
					}
				}
				w.Header().Set("Content-Type", "text/html")
				w.Write([]byte("<html><body>home</body></html>"))
			}))
			defer srv.Close()
			res := runProbe(t, Options{Target: srv.URL, Rules: []*analysisRule{CSPMissing, CSPWeak, FramingAllowed, NosniffMissing,
				ReferrerPolicyUnsafe, PermissionsPolicyMissing, CrossOriginIsolationMissing, VersionDisclosed, CookieNotSecure, SessionCookieNotHTTPOnly, CookieSameSite}}, nil)
			var got []string
			for _, f := range res.Findings {
				got = append(got, f.Rule)
			}
			sort.Strings(got)
			if strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("got %v, want %v\n%s", got, c.want, dump(res))
			}
			if c.grade != "" && res.Grades[0].Grade != c.grade {
				t.Errorf("headers grade: got %s (%d), want %s: %v", res.Grades[0].Grade, *res.Grades[0].Score, c.grade, res.Grades[0].Reasons)
			}
		})
	}
}
