package probe

import (
	"bytes"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/djsec/djsec/internal/lazyre"
)

// cookieVerdict is one of the Observatory's cookie results, in its order
// of badness (a later one replaces an earlier one, whatever the points).
type cookieVerdict struct {
	points int
	why    string
}

var cookieOrder = []cookieVerdict{
	{-5, "a cookie without Secure (HSTS mitigates)"},
	{-20, "a cookie without Secure"},
	{-10, "a session cookie without Secure (HSTS mitigates)"},
	{-20, "a cookie with an invalid SameSite (or SameSite=None without Secure)"},
	{-20, "an anti-CSRF cookie without SameSite"},
	{-30, "a session cookie without HttpOnly"},
	{-40, "a session cookie without Secure"},
}

// cookieScore follows the Observatory's cookie test: session cookies are
// those whose name contains "sess" or "login", anti-CSRF ones contain
// "csrf"; the worst verdict wins; +5 when none applies and every cookie
// has SameSite.
func cookieScore(cookies []seenCookie, hsts bool) (int, string) {
	worst, names := -1, ""
	set := func(i int, name string) {
		if i > worst {
			worst, names = i, name
		}
	}
	allSameSite := true
	for _, sc := range cookies {
		c := sc.c
		lower := strings.ToLower(c.Name)
		session := strings.Contains(lower, "sess") || strings.Contains(lower, "login")
		if c.SameSite == http.SameSiteDefaultMode || (!c.Secure && c.SameSite == http.SameSiteNoneMode) {
			set(3, c.Name)
		}
		switch {
		case !c.Secure && hsts:
			set(0, c.Name)
		case !c.Secure:
			set(1, c.Name)
		}
		if strings.Contains(lower, "csrf") && c.SameSite == 0 {
			set(4, c.Name)
		}
		switch {
		case session && !c.Secure && hsts:
			set(2, c.Name)
		case session && !c.Secure:
			set(6, c.Name)
		}
		if session && !c.HttpOnly {
			set(5, c.Name)
		}
		if c.SameSite == 0 {
			allSameSite = false
		}
	}
	switch {
	case worst >= 0:
		v := cookieOrder[worst]
		return v.points, v.why + " (" + names + ")"
	case allSameSite:
		return 5, "all Secure, session cookies HttpOnly, all with SameSite"
	default:
		return 0, "all Secure and session cookies HttpOnly, but not all with SameSite"
	}
}

var (
	scriptTagRe = lazyre.New(`(?is)<script\b([^>]*)>`)
	attrRe      = lazyre.New(`(?is)\b(src|integrity)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))`)
)

// sriScore follows the Observatory's Subresource Integrity test on the
// home page: scripts from another site (or protocol-relative) need
// integrity and HTTPS.
func sriScore(home *Response, host string) (int, string) {
	if !isHTML(home) {
		return 0, "not HTML"
	}
	tags := scriptTagRe().FindAllSubmatch(home.Body, -1)
	if len(tags) == 0 {
		return 0, "no scripts loaded"
	}
	// Worst first: -50, -20, -5; then +5 (external, all with SRI), +5 (own, with SRI), 0.
	const (
		none = iota
		ownWithSRI
		extOK
		extNoSRI
		sriInsecure
		noSRIInsecure
	)
	worst, foreign := none, false
	for _, t := range tags {
		attrs := map[string]string{}
		for _, a := range attrRe().FindAllSubmatch(t[1], -1) {
			attrs[strings.ToLower(string(a[1]))] = string(bytes.Join([][]byte{a[2], a[3], a[4]}, nil))
		}
		src, ok := attrs["src"]
		if !ok || src == "" {
			continue
		}
		integrity := attrs["integrity"] != ""
		relProto := strings.HasPrefix(src, "//") && len(src) > 2 && src[2] != '/'
		full := strings.HasPrefix(strings.ToLower(src), "http://") || strings.HasPrefix(strings.ToLower(src), "https://")
		same := true
		if full {
			u, err := url.Parse(src)
			same = err == nil && siteDomain(u.Hostname()) == siteDomain(host)
		}
		secureScheme := strings.HasPrefix(strings.ToLower(src), "https://") || (!full && !relProto && strings.HasPrefix(home.URL, "https://"))
		if !relProto && same {
			if integrity && secureScheme && worst == none {
				worst = ownWithSRI
			}
			continue
		}
		foreign = true
		switch {
		case integrity && !secureScheme:
			worst = max(worst, sriInsecure)
		case !integrity && secureScheme:
			worst = max(worst, extNoSRI)
		case !integrity:
			worst = max(worst, noSRIInsecure)
		}
	}
	switch {
	case worst == noSRIInsecure:
		return -50, "scripts from another site without integrity and not over HTTPS"
	case worst == sriInsecure:
		return -20, "scripts from another site with integrity, but not over HTTPS"
	case worst == extNoSRI:
		return -5, "scripts from another site over HTTPS without integrity"
	case worst == ownWithSRI:
		return 5, "scripts use integrity and are loaded over HTTPS"
	case foreign:
		return 5, "scripts from other sites use integrity over HTTPS"
	default:
		return 0, "scripts only from this site"
	}
}

// siteDomain is the host's last two labels: close enough to the
// registrable domain the Observatory compares, without a suffix list.
func siteDomain(host string) string {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if net.ParseIP(host) != nil {
		return host
	}
	parts := strings.Split(host, ".")
	if len(parts) > 2 {
		parts = parts[len(parts)-2:]
	}
	return strings.Join(parts, ".")
}

// sameHost: the URL's host name (without port) is host.
func sameHost(raw, host string) bool {
	u, err := url.Parse(raw)
	return err == nil && strings.EqualFold(u.Hostname(), host)
}

// cspScore follows the Observatory's CSP test for enforced policies (at
// least one). With several policies, a directive is taken from the first
// policy that has it (the Observatory intersects them: for one policy the
// two agree). It returns the points and why.
func cspScore(enforced []*csp, https bool) (int, string) {
	merged := map[string]map[string]bool{}
	for _, c := range enforced {
		for d, srcs := range c.directives {
			if _, ok := merged[d]; ok {
				continue
			}
			set := map[string]bool{}
			for _, s := range srcs {
				set[s] = true
			}
			merged[d] = set
		}
	}
	get := func(ds ...string) map[string]bool {
		for _, d := range ds {
			if s, ok := merged[d]; ok {
				out := map[string]bool{}
				for k := range s {
					out[k] = true
				}
				return out
			}
		}
		return map[string]bool{"*": true}
	}
	broad := func(s string) bool {
		switch s {
		case "ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*":
			return true
		}
		return false
	}
	broadOrInline := func(s string) bool { return broad(s) || s == "'unsafe-inline'" || s == "data:" }
	hasNonceHash := func(set map[string]bool) bool {
		for s := range set {
			for _, p := range []string{"'sha256-", "'sha384-", "'sha512-", "'nonce-"} {
				if strings.HasPrefix(s, p) {
					return true
				}
			}
		}
		return false
	}
	script, style, object := get("script-src", "default-src"), get("style-src", "default-src"), get("object-src", "default-src")
	for _, set := range []map[string]bool{script, style} {
		if hasNonceHash(set) {
			delete(set, "'unsafe-inline'")
		}
	}
	if script["'strict-dynamic'"] {
		if !hasNonceHash(script) {
			return -25, "Content-Security-Policy uses 'strict-dynamic' without a nonce or hash"
		}
		for s := range script {
			if s == "'self'" || s == "'unsafe-inline'" || strings.HasPrefix(s, "http:") || strings.HasPrefix(s, "https:") || strings.HasPrefix(s, "ftp:") || strings.HasPrefix(s, "*") {
				delete(script, s)
			}
		}
	}
	hasAny := func(set map[string]bool, f func(string) bool) bool {
		for s := range set {
			if f(s) {
				return true
			}
		}
		return false
	}
	insecure := func(s string) bool { return strings.HasPrefix(s, "http:") || strings.HasPrefix(s, "ftp:") }
	active := map[string]bool{}
	for d, set := range merged {
		if d == "img-src" || d == "media-src" || d == "script-src" {
			continue
		}
		for s := range set {
			active[s] = true
		}
	}
	for s := range script {
		active[s] = true
	}
	passive := map[string]bool{}
	for _, d := range []string{"img-src", "media-src"} {
		if set, ok := merged[d]; ok {
			for s := range set {
				passive[s] = true
			}
		} else {
			for s := range merged["default-src"] {
				passive[s] = true
			}
		}
	}
	switch {
	case hasAny(script, broadOrInline) || hasAny(object, broad):
		return -20, "Content-Security-Policy allows unsafe-inline, data: or broad sources for scripts or objects, or leaves them unrestricted"
	case https && hasAny(active, insecure):
		return -20, "Content-Security-Policy allows resources over plain HTTP"
	case script["'unsafe-eval'"] || style["'unsafe-eval'"]:
		return -10, "Content-Security-Policy allows unsafe-eval"
	case https && hasAny(passive, insecure):
		return -10, "Content-Security-Policy allows images or media over plain HTTP"
	case hasAny(style, broadOrInline):
		return 0, "Content-Security-Policy with unsafe sources in style-src only"
	case len(merged["default-src"]) == 1 && merged["default-src"]["'none'"]:
		return 10, "Content-Security-Policy with default-src 'none' and nothing unsafe"
	default:
		return 5, "Content-Security-Policy with nothing unsafe"
	}
}
