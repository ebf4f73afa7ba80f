package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

// sensitivePath matches the locations where guessing is the attack: login,
// admin, password reset, tokens, APIs.
var sensitivePath = lazyre.New(`(?i)(^|[^a-z])(admin|login|signin|sign-in|auth|oauth|accounts|password|token|api|register|signup|sign-up|graphql|reset)([^a-z]|$)`)

// loginPath matches the paths where guessing passwords, codes and tokens
// happens; other API paths get a low-severity finding.
var loginPath = lazyre.New(`(?i)(^|[^a-z])(admin|login|signin|sign-in|auth|oauth|accounts|password|token|register|signup|sign-up|reset)([^a-z]|$)`)

// NginxNoRateLimit finds application locations for login, admin or APIs
// without limit_req.
var NginxNoRateLimit = &analysis.Rule{
	ID: "DJI106", Name: "nginx-no-rate-limit",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{307, 770}, Checklist: []int{13, 14},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "nginx passes login, admin or API requests to the application without limit_req",
		What: "Reports a location whose path names a login, admin, password, token or sign-up endpoint and " +
			"that passes requests to the application with no limit_req in effect (limit_req is inherited only by " +
			"levels that set none); internal locations, which only nginx's own subrequests (auth_request) reach, and the locations another location's auth_request names (location /media-auth, a check of the session that takes no password) are left alone; other API locations, and a server that passes everything to the application " +
			"with no limit_req anywhere, are reported with low severity. Left alone where an include djsec cannot " +
			"follow may set it.",
		Why: "Without a rate limit an attacker tries passwords, one-time codes and reset tokens as fast as the " +
			"application answers, and a few clients can exhaust the application's workers.",
		Bad: "location /admin/ {\n    proxy_pass http://app;\n}",
		Good: "limit_req_zone $binary_remote_addr zone=login:10m rate=5r/m;\n" +
			"location /admin/ {\n    limit_req zone=login burst=5 nodelay;\n    proxy_pass http://app;\n}",
		Fix: "Define a limit_req_zone keyed on $binary_remote_addr in the http block and add limit_req zone=... burst=... nodelay; to the login, admin and API locations.",
		References: []string{
			"https://nginx.org/en/docs/http/ngx_http_limit_req_module.html",
			"https://blog.nginx.org/blog/rate-limiting-nginx",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, c := range nginxConfs(pass) {
			for _, s := range c.servers() {
				if !proxiesApp(s) || s.unresolved() {
					continue
				}
				limited := false
				if ds, _ := s.array("limit_req"); len(ds) > 0 {
					limited = true
				}
				reported := false
				subrequests := authRequestTargets(s)
				for _, l := range locations(s) {
					b := l.last()
					if ds, _ := l.array("limit_req"); len(ds) > 0 {
						limited = true
						continue
					}
					if b.Name != "location" || passes(b) == nil || l.unresolved() || find(b.Block, "internal") != nil {
						// an internal location answers nginx's own
						// subrequests (auth_request), never a client
						continue
					}
					if !sensitivePath().MatchString(strings.Join(b.Args, " ")) {
						continue
					}
					if len(b.Args) > 0 && subrequests[b.Args[len(b.Args)-1]] {
						// location /media-auth, the target of another
						// location's auth_request: named for the check
						// it answers, it takes no password or code
						continue
					}
					reported = true
					if loginPath().MatchString(strings.Join(b.Args, " ")) {
						pass.Reportf(loc(b), "%s passes requests to the application with no limit_req: passwords, codes and tokens can be guessed as fast as the application answers", describe(b))
					} else {
						pass.Report(analysis.Diagnostic{Location: loc(b), Severity: report.Low,
							Message: describe(b) + " passes API requests to the application with no limit_req: a few clients can exhaust the application's workers (unless the API throttles itself)"})
					}
				}
				if !limited && !reported {
					pass.Report(analysis.Diagnostic{Location: loc(s.last()), Severity: report.Low,
						Message: describe(s.last()) + " passes requests to the application with no limit_req anywhere: nothing at the web server slows down password guessing or floods (unless the application throttles itself)"})
				}
			}
		}
	},
}

// authRequestTargets returns the URIs the server's auth_request
// directives send their subrequests to.
func authRequestTargets(s chain) map[string]bool {
	out := map[string]bool{}
	add := func(ds []*inf.Directive) {
		for _, d := range ds {
			if d.Name == "auth_request" && len(d.Args) == 1 && d.Args[0] != "off" {
				out[d.Args[0]] = true
			}
		}
	}
	add(s.last().Block)
	for _, l := range locations(s) {
		add(l.last().Block)
	}
	return out
}
