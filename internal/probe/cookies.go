package probe

import (
	"net/http"
	"sort"
	"strings"
)

// seenCookie is a cookie with the page that set it.
type seenCookie struct {
	c   *http.Cookie
	url string
}

// Cookies returns the cookies set by the home page, the login page and the
// admin login, the first setting of each name, in name order.
func (s *Site) Cookies() []seenCookie {
	return s.once("cookies", func() any {
		var pages []*Response
		if _, err := s.Home(); err == nil {
			pages = append(pages, s.homeChain()...)
		}
		if _, r := s.LoginPage(); r != nil {
			pages = append(pages, r)
		}
		if _, r := s.AdminLogin(); r != nil {
			pages = append(pages, r)
		}
		seen := map[string]bool{}
		var out []seenCookie
		for _, r := range pages {
			for _, c := range (&http.Response{Header: r.Header}).Cookies() {
				if seen[c.Name] || c.MaxAge < 0 {
					continue // a deletion is not a cookie the browser keeps
				}
				seen[c.Name] = true
				out = append(out, seenCookie{c, r.URL})
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].c.Name < out[j].c.Name })
		return out
	}).([]seenCookie)
}

// isSessionCookie: Django's session cookie and the usual names of others.
func isSessionCookie(name string) bool {
	n := strings.ToLower(name)
	if strings.Contains(n, "csrf") {
		return false
	}
	return n == "sessionid" || strings.Contains(n, "session") || strings.Contains(n, "sess") || n == "sid" || strings.HasSuffix(n, "_sid") ||
		strings.Contains(n, "auth") || n == "jwt" || strings.HasSuffix(n, "_token") && !strings.Contains(n, "csrf")
}

// isSensitiveCookie: cookies whose theft or forgery matters most.
func isSensitiveCookie(name string) bool {
	return isSessionCookie(name) || strings.Contains(strings.ToLower(name), "csrf")
}
