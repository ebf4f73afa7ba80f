package probe

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// FramingAllowed finds pages that any site may frame.
var FramingAllowed = &analysis.Rule{
	ID: "DJL206", Name: "clickjacking-protection-missing",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{1021}, Checklist: []int{8},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "Neither X-Frame-Options nor CSP frame-ancestors stops other sites framing the page",
		What: "djsec reads the home page and the admin login (when found): a page with no X-Frame-Options DENY/SAMEORIGIN and no CSP frame-ancestors is reported. " +
			"An X-Frame-Options value browsers do not understand (ALLOW-FROM) counts as missing.",
		Why:  "A hostile page can load yours in an invisible frame and make the user click buttons in it (clickjacking): change an email, confirm a payment, grant a permission.",
		Bad:  "MIDDLEWARE = [...]  # XFrameOptionsMiddleware removed",
		Good: "MIDDLEWARE = [..., \"django.middleware.clickjacking.XFrameOptionsMiddleware\"]\nX_FRAME_OPTIONS = \"DENY\"",
		Fix:  "Keep django.middleware.clickjacking.XFrameOptionsMiddleware with X_FRAME_OPTIONS = \"DENY\", and add frame-ancestors 'none' (or 'self') to the CSP.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/clickjacking/",
			"https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Frame-Options",
		},
	},
	Run: runFramingAllowed,
}

func runFramingAllowed(p *analysis.Pass) {
	s, home := homePass(p)
	if home == nil {
		return
	}
	pages := []*Response{home}
	if _, admin := s.AdminLogin(); admin != nil {
		pages = append(pages, admin)
	}
	for _, r := range pages {
		if !isHTML(r) || frameProtected(r) {
			continue
		}
		p.Report(analysis.Diagnostic{Location: at(r.URL), Snippet: "framing",
			Message: "no X-Frame-Options and no CSP frame-ancestors: any site can frame this page (clickjacking)"})
	}
}

func frameProtected(r *Response) bool {
	xfo := strings.ToUpper(strings.TrimSpace(r.Header.Get("X-Frame-Options")))
	if xfo == "DENY" || xfo == "SAMEORIGIN" {
		return true
	}
	for _, v := range r.Header.Values("Content-Security-Policy") {
		if src, ok := parseCSP(v).directives["frame-ancestors"]; ok && !contains(src, "*") {
			return true
		}
	}
	return false
}
