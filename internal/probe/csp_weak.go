package probe

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// CSPWeak grades an enforced policy the way the MDN HTTP Observatory does.
var CSPWeak = &analysis.Rule{
	ID: "DJL205", Name: "csp-weak",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{693}, Checklist: []int{7, 8},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The Content-Security-Policy allows what it should block",
		What: "djsec grades the enforced policy as the MDN Observatory does: scripts allowed by 'unsafe-inline' (without a nonce, hash or 'strict-dynamic'), " +
			"by a wildcard or a bare scheme (*, https:, http:, data:) or with no script-src/default-src at all are medium; 'unsafe-eval' is low; " +
			"object-src not 'none' and a missing base-uri are low; a missing frame-ancestors when X-Frame-Options is set, and 'unsafe-inline' styles, are info.",
		Why:  "'unsafe-inline' or a wildcard script source lets an injected <script> run, which is what the policy is for; plugins through object-src and <base> rewriting bypass script-src.",
		Bad:  "Content-Security-Policy: default-src * 'unsafe-inline' 'unsafe-eval'",
		Good: "Content-Security-Policy: default-src 'self'; script-src 'self' 'nonce-r4nd0m'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
		Fix:  "Remove 'unsafe-inline' and 'unsafe-eval' from script-src (use nonces: django-csp's CSP_INCLUDE_NONCE_IN), list hosts instead of wildcards, and add object-src 'none', base-uri 'self' and frame-ancestors 'none'.",
		References: []string{
			"https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring",
			"https://csp.withgoogle.com/docs/strict-csp.html",
		},
	},
	Run: runCSPWeak,
}

// cspIssue is one thing wrong with a policy.
type cspIssue struct {
	key      string // Observatory-like test name, the finding's subject
	severity report.Severity
	message  string
}

// cspIssues grades a set of enforced policies. A directive counts as
// restricted when any policy restricts it (every policy must pass).
func cspIssues(ps []*csp, hasXFO bool) []cspIssue {
	var out []cspIssue
	restricted := func(d string, ok func([]string) bool) bool {
		for _, c := range ps {
			if src, has := c.sources(d); has && ok(src) {
				return true
			}
		}
		return false
	}
	anyHas := func(d string) bool {
		for _, c := range ps {
			if _, has := c.sources(d); has {
				return true
			}
		}
		return false
	}
	if !anyHas("script-src") {
		out = append(out, cspIssue{"csp-no-script-src", report.Medium, "the Content-Security-Policy has no script-src or default-src: scripts load from anywhere"})
	} else {
		if !restricted("script-src", func(s []string) bool { return !unsafeInline(s) }) {
			out = append(out, cspIssue{"csp-unsafe-inline", report.Medium, "the Content-Security-Policy allows inline scripts ('unsafe-inline' without a nonce or hash): injected scripts run"})
		}
		if !restricted("script-src", func(s []string) bool { return !contains(s, "'unsafe-eval'") }) {
			out = append(out, cspIssue{"csp-unsafe-eval", report.Low, "the Content-Security-Policy allows eval() ('unsafe-eval')"})
		}
		if !restricted("script-src", func(s []string) bool { return wildcard(s) == "" }) {
			w := ""
			for _, c := range ps {
				if s, ok := c.sources("script-src"); ok {
					w = wildcard(s)
				}
			}
			out = append(out, cspIssue{"csp-wildcard", report.Medium, "the Content-Security-Policy allows scripts from " + w + ": any host (or scheme) can serve them"})
		}
	}
	if !restricted("object-src", func(s []string) bool { return len(s) == 1 && s[0] == "'none'" }) {
		out = append(out, cspIssue{"csp-object-src", report.Low, "the Content-Security-Policy does not set object-src 'none' (directly or through default-src): plugins can run code"})
	}
	if !anyHas("base-uri") {
		out = append(out, cspIssue{"csp-base-uri", report.Low, "the Content-Security-Policy has no base-uri: an injected <base> tag can redirect relative script URLs"})
	}
	if !anyHas("frame-ancestors") && hasXFO {
		out = append(out, cspIssue{"csp-frame-ancestors", report.Info, "the Content-Security-Policy has no frame-ancestors (X-Frame-Options covers framing for now)"})
	}
	if anyHas("style-src") && !restricted("style-src", func(s []string) bool { return !unsafeInline(s) }) {
		out = append(out, cspIssue{"csp-style-unsafe-inline", report.Info, "the Content-Security-Policy allows inline styles ('unsafe-inline' in style-src)"})
	}
	return out
}

// unsafeInline: 'unsafe-inline' counts unless a nonce, hash or
// 'strict-dynamic' makes CSP2+ browsers ignore it.
func unsafeInline(src []string) bool {
	if !contains(src, "'unsafe-inline'") {
		return false
	}
	return !(hasPrefix(src, "'nonce-") || hasPrefix(src, "'sha256-") || hasPrefix(src, "'sha384-") || hasPrefix(src, "'sha512-") || contains(src, "'strict-dynamic'"))
}

func wildcard(src []string) string {
	if contains(src, "'strict-dynamic'") {
		return "" // hosts and schemes are ignored under strict-dynamic
	}
	for _, s := range src {
		switch s {
		case "*", "http:", "https:", "data:", "blob:", "*:":
			return s
		}
		if strings.HasPrefix(s, "http://") {
			return s
		}
	}
	return ""
}

func runCSPWeak(p *analysis.Pass) {
	_, home := homePass(p)
	if home == nil || !isHTML(home) {
		return
	}
	enforced, _ := policies(home)
	if len(enforced) == 0 {
		return
	}
	for _, is := range cspIssues(enforced, home.Header.Get("X-Frame-Options") != "") {
		p.Report(analysis.Diagnostic{Location: at(home.URL), Severity: is.severity, Message: is.message, Snippet: is.key, Properties: map[string]any{"test": is.key}})
	}
}
