package guard

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestWAF(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the Core Rule Set; skipped with -short")
	}
	attack := "/echo/?q=" + url.QueryEscape("1' UNION SELECT password FROM auth_user--")
	xss := "/echo/?q=" + url.QueryEscape("<script>alert(document.cookie)</script>")
	d := startGuard(t, "[waf]\nenabled = true\n[[route]]\nname = \"api\"\npath = \"/api/\"\nwaf_off = true\n")
	// A numeric Host is itself a CRS finding (920350): the site's name.
	get := func(t *testing.T, u string) (*http.Response, string) {
		req, _ := http.NewRequest("GET", u, nil)
		req.Host = "shop.example.org"
		return do(t, req)
	}
	for _, p := range []string{attack, xss} {
		if resp, _ := get(t, d.url+p); resp.StatusCode != 200 {
			t.Errorf("detect mode: GET %s: %d, want 200 (detection only)", p, resp.StatusCode)
		}
	}
	if n := d.ev.count(EventWAF); n != 2 {
		t.Errorf("detect mode: %d waf_match events, want 2", n)
	}
	get(t, d.url+"/echo/?q=shoes&page=2")
	if n := d.ev.count(EventWAF); n != 2 {
		t.Errorf("a plain search matched the WAF (%d events): %+v", n, d.ev.es)
	}
	b := startGuard(t, `
[waf]
enabled = true
mode = "block"
[[route]]
name = "api"
path = "/api/"
waf_off = true
[[route]]
name = "search"
path = "/echo/"
waf_exclude = ["941000-941999"]
`)
	if resp, _ := get(t, b.url+"/?q="+url.QueryEscape("1' UNION SELECT password FROM auth_user--")); resp.StatusCode != 403 {
		t.Errorf("block mode: SQL injection answered %d, want 403", resp.StatusCode)
	}
	if resp, _ := get(t, b.url+"/api/echo/?q="+url.QueryEscape("1' UNION SELECT password FROM auth_user--")); resp.StatusCode != 200 {
		t.Errorf("block mode, route with waf_off: %d, want 200", resp.StatusCode)
	}
	if resp, _ := get(t, b.url+xss); resp.StatusCode != 200 {
		t.Errorf("block mode, XSS rules (941xxx) excluded on the route: %d, want 200", resp.StatusCode)
	}
	// A form POST body is inspected too.
	req, _ := http.NewRequest("POST", b.url+"/upload/", strings.NewReader("comment="+url.QueryEscape("<script>alert(1)</script>")))
	req.Host = "shop.example.org"
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if resp, _ := do(t, req); resp.StatusCode != 403 {
		t.Errorf("block mode: XSS in a form body answered %d, want 403", resp.StatusCode)
	}
}
