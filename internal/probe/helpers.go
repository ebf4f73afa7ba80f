package probe

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// tlsPass returns the site and its TLS observations for a TLS rule, or a nil
// info when there is nothing to check (not HTTPS, or no handshake worked,
// which is reported once as a problem).
func tlsPass(p *analysis.Pass) (*Site, *tlsInfo) {
	s := siteOf(p)
	if s == nil {
		return nil, nil
	}
	info := s.TLS()
	if info == nil {
		return s, nil
	}
	if info.Err != nil {
		p.Problem(s.tlsLocation(), "no TLS handshake succeeded, TLS not checked: %v", info.Err)
		return s, nil
	}
	return s, info
}

func (s *Site) tlsLocation() report.Location {
	return report.Location{URL: "https://" + s.HostPort() + "/"}
}

// at is the location of a URL.
func at(u string) report.Location { return report.Location{URL: u} }

func joinList(xs []string) string {
	if len(xs) == 0 {
		return "nothing"
	}
	return strings.Join(xs, ", ")
}

// homePass returns the site and its home page for a header rule; nil when
// the site did not answer (the driver reports that once).
func homePass(p *analysis.Pass) (*Site, *Response) {
	s := siteOf(p)
	if s == nil {
		return nil, nil
	}
	r, err := s.Home()
	if err != nil {
		return s, nil
	}
	return s, r
}

// isHTML reports a page a browser renders (headers like CSP matter there).
func isHTML(r *Response) bool {
	ct := strings.ToLower(r.Header.Get("Content-Type"))
	return strings.Contains(ct, "html") || (ct == "" && strings.Contains(strings.ToLower(string(r.Body[:min(len(r.Body), 512)])), "<html"))
}
