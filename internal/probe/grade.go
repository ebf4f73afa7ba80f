package probe

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/djsec/djsec/internal/report"
)

// headerGrade scores the home page's headers with the MDN HTTP
// Observatory's scoring table (algorithm version 4): start at 100, apply
// each of its ten tests' modifiers, add bonuses only when the score
// without them is 90 or more, and map the score to a letter. Every test
// gives a reason, 0 included, so the grade can be checked test by test.
// Where djsec differs on purpose it says so: it has no HSTS preload list
// (no preload bonus), and Cross-Origin-Opener-Policy and
// Permissions-Policy are findings, not points.
func headerGrade(s *Site) report.Grade {
	g := report.Grade{Name: "headers", Method: "MDN HTTP Observatory scoring table, algorithm 4 (100 points, a modifier per test, bonuses only from 90; no HSTS preload list)"}
	home, err := s.Home()
	if err != nil {
		g.Grade, g.Reasons = "-", []string{"not graded: the site did not answer"}
		return g
	}
	// Each reason starts with the points and the Observatory's name of
	// the test: "-20 strict-transport-security: ...".
	score, bonus, test := 100, 0, ""
	penalty := func(n int, why string) {
		score += n
		g.Reasons = append(g.Reasons, fmt.Sprintf("%+d %s: %s", n, test, why))
	}
	plus := func(n int, why string) {
		bonus += n
		g.Reasons = append(g.Reasons, fmt.Sprintf("%+d %s: %s (bonus, counted from 90)", n, test, why))
	}
	zero := func(why string) {
		g.Reasons = append(g.Reasons, fmt.Sprintf("0 %s: %s", test, why))
	}

	test = "content-security-policy"
	// Content-Security-Policy.
	enforced, _ := policies(home)
	switch {
	case len(enforced) == 0:
		penalty(-25, "Content-Security-Policy not implemented (Report-Only does not count)")
	default:
		switch n, why := cspScore(enforced, s.HTTPS()); {
		case n < 0:
			penalty(n, why)
		case n > 0:
			plus(n, why)
		default:
			zero(why)
		}
	}

	test = "cookies"
	// Cookies: the worst case of any cookie, in the Observatory's order;
	// +5 when every cookie is Secure, session cookies HttpOnly and every
	// cookie has a valid SameSite.
	trusted := s.HTTPS() && s.TLS() != nil && s.TLS().Verified
	h := parseHSTS(home.Header)
	hstsPass := trusted && h.valid && h.maxAge >= year/2 && !strings.Contains(home.Header.Get("Strict-Transport-Security"), ",")
	cookies := s.Cookies()
	if len(cookies) == 0 {
		zero("none set")
	} else {
		n, why := cookieScore(cookies, hstsPass)
		switch {
		case n < 0:
			penalty(n, why)
		case n > 0:
			plus(n, why)
		default:
			zero(why)
		}
	}

	test = "cross-origin-resource-sharing"
	// CORS: only a reflected origin with credentials allowed loses points;
	// "*" is public access and scores 0, as in the Observatory.
	if r := s.corsAnswer(s.base.String(), s.foreignOrigin()); r != nil && r.Header.Get("Access-Control-Allow-Origin") != "" {
		acao := strings.TrimSpace(r.Header.Get("Access-Control-Allow-Origin"))
		switch {
		case acao == "*":
			zero("public access (Access-Control-Allow-Origin: *, no credentials possible)")
		case acao == s.foreignOrigin() && allowsCredentials(r):
			penalty(-50, "any origin is echoed back with credentials allowed")
		default:
			zero("restricted to specific origins")
		}
	} else {
		zero("not implemented")
	}

	test = "cross-origin-resource-policy"
	// Cross-Origin-Resource-Policy.
	if v := strings.ToLower(strings.TrimSpace(home.Header.Get("Cross-Origin-Resource-Policy"))); v != "" {
		switch v {
		case "same-origin", "same-site":
			plus(10, v)
		case "cross-origin":
			zero("cross-origin")
		default:
			penalty(-5, "Cross-Origin-Resource-Policy is invalid ("+v+")")
		}
	} else {
		zero("not implemented")
	}

	test = "redirection"
	// Redirection: an untrusted certificate voids it (RFC 6797 section 8.1).
	if s.HTTPS() {
		r, _, err := s.plainHTTP()
		switch {
		case err != nil:
			zero("not needed (nothing answers on plain HTTP)")
		case !r.IsRedirect():
			penalty(-20, "plain HTTP does not redirect to HTTPS")
		case !trusted:
			penalty(-20, "not counted, the certificate is not trusted")
		case !strings.HasPrefix(r.Location(), "https://"):
			penalty(-10, "plain HTTP redirects, but not to HTTPS first")
		case !sameHost(r.Location(), s.host):
			penalty(-5, "plain HTTP redirects to another host first")
		default:
			zero("plain HTTP redirects to HTTPS on the same host")
		}
	} else {
		penalty(-20, "the site does not redirect to HTTPS")
	}

	test = "referrer-policy"
	// Referrer-Policy: the last valid token of all values counts.
	if vs := home.Header.Values("Referrer-Policy"); len(vs) > 0 {
		last := ""
		for _, p := range strings.Split(strings.ToLower(strings.Join(vs, ",")), ",") {
			switch p = strings.TrimSpace(p); p {
			case "no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin",
				"unsafe-url", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin":
				last = p
			}
		}
		switch last {
		case "no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin":
			plus(5, "Referrer-Policy is private ("+last+")")
		case "":
			penalty(-5, "Referrer-Policy is invalid")
		default:
			penalty(-5, "Referrer-Policy leaks ("+last+")")
		}
	} else {
		zero("not implemented")
	}

	test = "strict-transport-security"
	// Strict-Transport-Security. djsec has no preload list, so the
	// Observatory's +5 for preloaded hosts is never given.
	switch {
	case !s.HTTPS():
		penalty(-20, "the site is not served over HTTPS")
	case !trusted:
		penalty(-20, "not counted, the certificate is not trusted")
	case !h.present || !h.valid || strings.Contains(home.Header.Get("Strict-Transport-Security"), ","):
		penalty(-20, "Strict-Transport-Security not implemented or invalid")
	case h.maxAge < year/2:
		penalty(-10, "Strict-Transport-Security max-age under six months")
	default:
		zero("Strict-Transport-Security max-age of six months or more (no preload bonus: djsec has no preload list)")
	}

	test = "subresource-integrity"
	// Subresource Integrity.
	if n, why := sriScore(home, s.host); n < 0 {
		penalty(n, why)
	} else if n > 0 {
		plus(n, why)
	} else {
		zero(why)
	}

	test = "x-content-type-options"
	// X-Content-Type-Options.
	if !strings.EqualFold(strings.TrimSpace(home.Header.Get("X-Content-Type-Options")), "nosniff") {
		penalty(-5, "nosniff not sent")
	} else {
		zero("nosniff")
	}

	test = "x-frame-options"
	// X-Frame-Options and frame-ancestors.
	fa, faAny := false, false
	for _, c := range enforced {
		if src, ok := c.directives["frame-ancestors"]; ok {
			fa, faAny = true, faAny || contains(src, "*")
		}
	}
	xfo := strings.ToLower(strings.TrimSpace(home.Header.Get("X-Frame-Options")))
	switch {
	case fa && faAny && !frameProtected(home):
		plus(5, "CSP frame-ancestors is set, which the Observatory counts, but it allows every site: djsec reports the page as frameable")
	case fa:
		plus(5, "framing restricted by CSP frame-ancestors")
	case xfo == "deny" || xfo == "sameorigin":
		zero("X-Frame-Options: " + xfo)
	case strings.HasPrefix(xfo, "allow-from"):
		zero("X-Frame-Options: allow-from (obsolete: browsers ignore it)")
	case xfo != "":
		penalty(-20, "X-Frame-Options is invalid ("+xfo+")")
	default:
		penalty(-20, "no X-Frame-Options and no CSP frame-ancestors")
	}
	g.Reasons = append(g.Reasons, "not scored, as in the Observatory: Cross-Origin-Opener-Policy and Permissions-Policy (djsec reports them as findings)")

	if score >= 90 {
		score += bonus
	} else if bonus > 0 {
		g.Reasons = append(g.Reasons, fmt.Sprintf("bonuses (%+d) not counted: the score is under 90", bonus))
	}
	score = max(score, 0)
	g.Score = &score
	g.Grade = observatoryLetter(score)
	return g
}

func observatoryLetter(score int) string {
	steps := []struct {
		min   int
		grade string
	}{{100, "A+"}, {90, "A"}, {85, "A-"}, {80, "B+"}, {70, "B"}, {65, "B-"}, {60, "C+"}, {50, "C"}, {45, "C-"}, {40, "D+"}, {30, "D"}, {25, "D-"}}
	for _, st := range steps {
		if score >= st.min {
			return st.grade
		}
	}
	return "F"
}

func (s *Site) memoHomeHeader() http.Header {
	if r, err := s.Home(); err == nil {
		return r.Header
	}
	return http.Header{}
}
