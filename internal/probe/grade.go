package probe

import (
	"crypto/tls"
	"fmt"
	"net/http"
	"strings"

	"github.com/djsec/djsec/internal/report"
)

// headerGrade scores the home page's headers with the MDN HTTP
// Observatory's method: start at 100, apply each test's modifier, add
// bonuses only when the score is already 90 or more, and map the score to
// a letter. Every modifier applied is a reason.
func headerGrade(s *Site) report.Grade {
	g := report.Grade{Name: "headers", Method: "MDN HTTP Observatory scoring (100 points, penalties per test, bonuses from 90)"}
	home, err := s.Home()
	if err != nil {
		g.Grade, g.Reasons = "-", []string{"not graded: the site did not answer"}
		return g
	}
	score, bonus := 100, 0
	penalty := func(n int, why string) {
		score += n
		g.Reasons = append(g.Reasons, fmt.Sprintf("%+d %s", n, why))
	}
	plus := func(n int, why string) {
		bonus += n
		g.Reasons = append(g.Reasons, fmt.Sprintf("%+d %s (bonus, counted from 90)", n, why))
	}

	// Content-Security-Policy.
	enforced, _ := policies(home)
	switch {
	case len(enforced) == 0:
		penalty(-25, "Content-Security-Policy not implemented (Report-Only does not count)")
	default:
		is := cspIssues(enforced, home.Header.Get("X-Frame-Options") != "")
		keys := map[string]bool{}
		for _, i := range is {
			keys[i.key] = true
		}
		switch {
		case keys["csp-unsafe-inline"] || keys["csp-no-script-src"] || keys["csp-wildcard"]:
			penalty(-20, "Content-Security-Policy allows unsafe-inline, wildcard or unrestricted scripts")
		case keys["csp-unsafe-eval"]:
			penalty(-10, "Content-Security-Policy allows unsafe-eval")
		case keys["csp-object-src"]:
			penalty(0, "Content-Security-Policy leaves object-src open")
		default:
			strict := false
			for _, c := range enforced {
				if src, ok := c.directives["default-src"]; ok && len(src) == 1 && src[0] == "'none'" {
					strict = true
				}
			}
			if strict {
				plus(10, "Content-Security-Policy with default-src 'none' and nothing unsafe")
			} else {
				plus(5, "Content-Security-Policy with nothing unsafe")
			}
		}
	}

	// Cookies.
	cookies := s.Cookies()
	hstsOn := parseHSTS(home.Header).valid && parseHSTS(home.Header).maxAge > 0
	worst := 0
	why := ""
	for _, sc := range cookies {
		n, w := 0, ""
		switch {
		case isSessionCookie(sc.c.Name) && !sc.c.Secure && s.HTTPS() && !hstsOn:
			n, w = -40, "session cookie "+sc.c.Name+" without Secure"
		case isSessionCookie(sc.c.Name) && !sc.c.HttpOnly:
			n, w = -30, "session cookie "+sc.c.Name+" without HttpOnly"
		case !sc.c.Secure && s.HTTPS() && !hstsOn:
			n, w = -20, "cookie "+sc.c.Name+" without Secure"
		case strings.Contains(strings.ToLower(sc.c.Name), "csrf") && sc.c.SameSite != http.SameSiteLaxMode && sc.c.SameSite != http.SameSiteStrictMode:
			n, w = -20, "anti-CSRF cookie "+sc.c.Name+" without SameSite"
		case isSessionCookie(sc.c.Name) && !sc.c.Secure && s.HTTPS():
			n, w = -10, "session cookie "+sc.c.Name+" without Secure (HSTS mitigates)"
		case !sc.c.Secure && s.HTTPS():
			n, w = -5, "cookie "+sc.c.Name+" without Secure (HSTS mitigates)"
		}
		if n < worst {
			worst, why = n, w
		}
	}
	if worst < 0 {
		penalty(worst, why)
	}

	// CORS.
	if r := s.corsAnswer(s.base.String(), s.foreignOrigin()); r != nil {
		if acao := r.Header.Get("Access-Control-Allow-Origin"); acao == "*" || acao == s.foreignOrigin() {
			penalty(-50, "content readable by any origin through CORS")
		}
	}

	// Redirection.
	if s.HTTPS() {
		if r, _, err := s.plainHTTP(); err == nil {
			switch {
			case !r.IsRedirect():
				penalty(-20, "plain HTTP does not redirect to HTTPS")
			case !strings.HasPrefix(r.Location(), "https://"):
				penalty(-20, "plain HTTP redirects, but not to HTTPS")
			case !strings.HasPrefix(r.Location(), "https://"+s.host):
				penalty(-5, "plain HTTP redirects to another host first")
			}
		}
	} else {
		penalty(-20, "the site is not served over HTTPS")
	}

	// Referrer-Policy.
	if v := strings.ToLower(home.Header.Get("Referrer-Policy")); v != "" {
		parts := strings.Split(v, ",")
		last := strings.TrimSpace(parts[len(parts)-1])
		switch last {
		case "no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin":
			plus(5, "Referrer-Policy is private ("+last+")")
		case "unsafe-url", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin":
			penalty(-5, "Referrer-Policy leaks ("+last+")")
		}
	}

	// Strict-Transport-Security.
	if s.HTTPS() {
		h := parseHSTS(home.Header)
		switch {
		case !h.present || !h.valid:
			penalty(-20, "Strict-Transport-Security not implemented")
		case h.maxAge < year/2:
			penalty(-10, "Strict-Transport-Security max-age under six months")
		case h.preload && h.includeSubDomains && h.maxAge >= year:
			plus(5, "Strict-Transport-Security preload-ready")
		}
	}

	// X-Content-Type-Options.
	if !strings.EqualFold(strings.TrimSpace(home.Header.Get("X-Content-Type-Options")), "nosniff") {
		penalty(-5, "X-Content-Type-Options: nosniff not sent")
	}

	// X-Frame-Options and frame-ancestors.
	fa := false
	for _, c := range enforced {
		if _, ok := c.directives["frame-ancestors"]; ok {
			fa = true
		}
	}
	switch {
	case fa:
		plus(5, "framing restricted by CSP frame-ancestors")
	case !frameProtected(home):
		penalty(-20, "no X-Frame-Options and no CSP frame-ancestors")
	}

	if score >= 90 {
		score += bonus
	} else if bonus > 0 {
		g.Reasons = append(g.Reasons, fmt.Sprintf("bonuses (%+d) not counted: the score is under 90", bonus))
	}
	score = max(score, 0)
	g.Score = &score
	g.Grade = observatoryLetter(score)
	if len(g.Reasons) == 0 {
		g.Reasons = []string{"every test passed"}
	}
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

// tlsGrade grades the TLS configuration with SSL Labs-style caps: start at
// A, lower the ceiling for each weakness, and show T when the certificate is
// not trusted (with the grade it would have otherwise).
func tlsGrade(s *Site, findings []report.Finding) report.Grade {
	g := report.Grade{Name: "tls", Method: "SSL Labs-style caps (each weakness caps the grade; T: certificate not trusted)"}
	if !s.HTTPS() {
		g.Grade, g.Reasons = "F", []string{"F: the site is not served over HTTPS"}
		return g
	}
	info := s.TLS()
	if info == nil || info.Err != nil {
		g.Grade, g.Reasons = "-", []string{"not graded: no TLS handshake succeeded"}
		return g
	}
	order := []string{"A+", "A", "A-", "B", "C", "D", "E", "F"}
	rank := map[string]int{}
	for i, l := range order {
		rank[l] = i
	}
	grade := "A"
	capAt := func(l, why string) {
		g.Reasons = append(g.Reasons, fmt.Sprintf("capped at %s: %s", l, why))
		if rank[l] > rank[grade] {
			grade = l
		}
	}
	if info.Versions[tls.VersionTLS10] || info.Versions[tls.VersionTLS11] {
		capAt("B", "TLS 1.0 or 1.1 accepted")
	}
	if !info.Versions[tls.VersionTLS12] && !info.Versions[tls.VersionTLS13] {
		capAt("C", "neither TLS 1.2 nor TLS 1.3 accepted")
	}
	var rc4, des, nofs bool
	for _, ids := range info.Insecure {
		for _, id := range ids {
			n := tls.CipherSuiteName(id)
			rc4 = rc4 || strings.Contains(n, "RC4")
			des = des || strings.Contains(n, "3DES")
			nofs = nofs || !forwardSecret(id)
		}
	}
	if rc4 {
		capAt("C", "RC4 accepted")
	}
	if des {
		capAt("C", "3DES accepted (64-bit block cipher)")
	}
	if info.Preferred != 0 && !forwardSecret(info.Preferred) {
		capAt("B", "no forward secrecy with modern clients")
	} else if nofs {
		g.Reasons = append(g.Reasons, "warning: suites without forward secrecy accepted")
		if grade == "A" {
			grade = "A-"
		}
	}
	if len(info.Chain) > 0 {
		kind, bits := keyBits(info.Chain[0])
		switch {
		case kind == "RSA" && bits < 1024:
			capAt("F", fmt.Sprintf("%d-bit RSA key", bits))
		case kind == "RSA" && bits < 2048:
			capAt("B", fmt.Sprintf("%d-bit RSA key", bits))
		}
	}
	trust := ""
	for _, f := range findings {
		switch f.Rule {
		case TLSCertUntrusted.ID, TLSCertHostname.ID, TLSWeakSignature.ID:
			trust = f.Message
		case TLSCertExpiry.ID:
			if f.Severity >= report.High {
				trust = f.Message
			}
		}
	}
	if grade == "A" && len(g.Reasons) == 0 {
		h := parseHSTS(s.memoHomeHeader())
		if h.valid && h.maxAge >= year/2 {
			grade = "A+"
			g.Reasons = append(g.Reasons, "A+: no warnings and HSTS with a long max-age")
		}
	}
	if trust != "" {
		g.Reasons = append(g.Reasons, fmt.Sprintf("T: %s (the grade would be %s if the certificate were trusted)", trust, grade))
		grade = "T"
	}
	if len(g.Reasons) == 0 {
		g.Reasons = []string{"A: TLS 1.2+, strong suites, a trusted certificate; HSTS would make it A+"}
	}
	g.Reasons = append(g.Reasons, "seen: "+tlsSummary(info))
	g.Grade = grade
	return g
}

func (s *Site) memoHomeHeader() http.Header {
	if r, err := s.Home(); err == nil {
		return r.Header
	}
	return http.Header{}
}

// tlsSummary says what the handshakes saw, so the grade can be checked
// against it: "TLS 1.2, TLS 1.3; RSA 2048-bit key, SHA256-RSA; valid until
// 2027-11-22".
func tlsSummary(info *tlsInfo) string {
	var vs []string
	for _, v := range allVersions {
		if info.Versions[v] {
			vs = append(vs, versionNames[v])
		}
	}
	out := strings.Join(vs, ", ")
	if len(info.Chain) > 0 {
		leaf := info.Chain[0]
		kind, bits := keyBits(leaf)
		out += fmt.Sprintf("; %s %d-bit key, %s; valid until %s", kind, bits, leaf.SignatureAlgorithm, leaf.NotAfter.UTC().Format("2006-01-02"))
	}
	return out
}
