package probe

import (
	"net/http"
	"strings"
)

// corsAnswer is the answer to a request for u with a foreign Origin.
func (s *Site) corsAnswer(u, origin string) *Response {
	return s.once("cors "+u+" "+origin, func() any {
		r, err := s.Do(Request{URL: u, Header: http.Header{"Origin": {origin}}})
		if err != nil {
			return (*Response)(nil)
		}
		return r
	}).(*Response)
}

// corsTargets are the URLs whose CORS answers matter: the target and, when
// the site has one, /api/ (django-cors-headers is often limited to the API
// with CORS_URLS_REGEX).
func (s *Site) corsTargets() []string {
	out := []string{s.base.String()}
	if r, err := s.Get("/api/"); err == nil && (s.Served("/api/", r) || r.Status == 401 || r.Status == 403) {
		out = append(out, s.URL("/api/"))
	}
	return out
}

func (s *Site) foreignOrigin() string { return "https://djsec-" + s.token + ".example" }

func allowsCredentials(r *Response) bool {
	return strings.EqualFold(strings.TrimSpace(r.Header.Get("Access-Control-Allow-Credentials")), "true")
}
