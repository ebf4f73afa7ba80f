package infra

import (
	"strconv"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
)

// NginxHSTSMissing finds TLS servers whose responses carry no
// Strict-Transport-Security header, from nginx or from Django.
var NginxHSTSMissing = &analysis.Rule{
	ID: "DJI104", Name: "nginx-hsts-missing",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{319, 523}, Checklist: []int{2, 12},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "nginx serves HTTPS without Strict-Transport-Security, and Django does not add it",
		What: "Reports a TLS server block none of whose responses gets a Strict-Transport-Security header: no " +
			"add_header Strict-Transport-Security in effect for the server or any of its locations (add_header " +
			"inheritance modelled: a level that sets any add_header drops the outer ones). Left alone when the " +
			"production Django settings send HSTS themselves (SECURE_HSTS_SECONDS > 0) and the server passes " +
			"requests to Django, when an include djsec cannot follow may set the header, or when the server ends every request " +
			"with an error before choosing a location (the catch-all for unknown names, return 444). A max-age shorter than six " +
			"months is reported with low severity, and max-age=0, which turns HSTS off, with medium. Like every nginx rule, it leaves alone " +
			"configurations in test, example or development folders, those whose comments say they are for local development, " +
			"and those that only development stacks and images put into their nginx.",
		Why: "Without HSTS, a user who types the bare host name or follows an http:// link makes a first request " +
			"in clear, which an attacker on the network answers (SSL stripping) to keep the whole session on HTTP.",
		Bad:  "server {\n    listen 443 ssl;\n    location / { proxy_pass http://app; }\n}",
		Good: "server {\n    listen 443 ssl;\n    add_header Strict-Transport-Security \"max-age=63072000; includeSubDomains\" always;\n    location / { proxy_pass http://app; }\n}",
		Fix:  "Add add_header Strict-Transport-Security \"max-age=31536000; includeSubDomains\" always; to the TLS server, or set SECURE_HSTS_SECONDS in the production settings.",
		References: []string{
			"https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security",
			"https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header",
			"https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security",
		},
	},
	Run: func(pass *analysis.Pass) {
		django, known := djangoSendsHSTS(pass.Project)
		why := "(and the Django settings do not send one)"
		if !known {
			why = "(and djsec cannot tell whether the Django settings send one)"
		}
		for _, c := range nginxConfs(pass) {
			for _, s := range c.servers() {
				srv := s.last()
				if !isTLS(srv) || s.unresolved() || redirectsToHTTPS(srv) || refusesAll(srv) {
					continue
				}
				if django && proxiesApp(s) {
					continue
				}
				points := []chain{s}
				for _, l := range locations(s) {
					points = append(points, l)
				}
				found, unknown := false, false
				var short *inf.Directive
				for _, pt := range points {
					if pt.unresolved() {
						unknown = true
					}
					if h := headerNames(addHeaders(pt))["strict-transport-security"]; h != nil {
						found = true
						if age, ok := maxAge(h.Arg(1)); ok && age < 15552000 && short == nil {
							short = h
						}
					}
				}
				if short != nil {
					age, _ := maxAge(short.Arg(1))
					d := analysis.Diagnostic{Location: loc(short), Severity: report.Low,
						Message: "Strict-Transport-Security max-age=" + strconv.FormatInt(age, 10) + " is shorter than six months: browsers forget the rule quickly (max-age=0 turns it off)"}
					if age == 0 {
						d.Severity = report.Medium
					}
					pass.Report(d)
				}
				if found || unknown {
					continue
				}
				d := analysis.Diagnostic{Location: loc(srv), Message: describe(srv) + " serves HTTPS without a Strict-Transport-Security header " + why + ": browsers keep making first requests over plain HTTP, open to SSL stripping"}
				if !known && proxiesApp(s) {
					d.Confidence = report.LowConfidence
				}
				pass.Report(d)
			}
		}
	},
}

// maxAge reads max-age from a Strict-Transport-Security value.
func maxAge(v string) (int64, bool) {
	for _, part := range strings.Split(v, ";") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), "max-age") {
			n, err := strconv.ParseInt(strings.Trim(strings.TrimSpace(val), `"`), 10, 64)
			return n, err == nil
		}
	}
	return 0, false
}
