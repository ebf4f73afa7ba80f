package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// ForwardedHostFromClient finds USE_X_FORWARDED_HOST behind an nginx that
// passes the client's own X-Forwarded-Host through.
var ForwardedHostFromClient = &analysis.Rule{
	ID: "DJI404", Name: "forwarded-host-from-client",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{644, 348}, Checklist: []int{2, 3},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Django trusts X-Forwarded-Host, and nginx passes the client's own",
		What: "Reports USE_X_FORWARDED_HOST = True in production settings when the nginx locations that proxy to " +
			"the application do not set X-Forwarded-Host themselves (nginx passes request headers it does not " +
			"override, so the client's value arrives), or set it from $http_x_forwarded_host.",
		Why: "Django then builds absolute URLs (password-reset links, redirects, the sites framework) from a " +
			"host name the client chose: a reset mail requested for a victim carries a link to the attacker's " +
			"site, with the token in it. ALLOWED_HOSTS still applies, so a wildcard or a broad pattern makes it exploitable.",
		Bad:  "# settings: USE_X_FORWARDED_HOST = True\nlocation / { proxy_pass http://127.0.0.1:8000; }",
		Good: "location / {\n    proxy_set_header X-Forwarded-Host $host;\n    proxy_pass http://127.0.0.1:8000;\n}",
		Fix:  "Set proxy_set_header X-Forwarded-Host $host; (or drop USE_X_FORWARDED_HOST and pass Host $host).",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/settings/#use-x-forwarded-host",
			"https://docs.djangoproject.com/en/stable/topics/security/#host-header-validation",
		},
	},
	Run: func(pass *analysis.Pass) {
		where := ""
		for _, c := range nginxConfs(pass) {
			for _, s := range c.servers() {
				for _, pt := range append([]chain{s}, locations(s)...) {
					pp := find(pt.last().Block, "proxy_pass")
					if pp == nil || !localUpstream(pp.Arg(0)) || toolUpstream(pp.Arg(0)) || pt.unresolved() || where != "" {
						continue
					}
					hs, _ := pt.array("proxy_set_header")
					xfh := headerNames(hs)["x-forwarded-host"]
					if xfh == nil || strings.Contains(xfh.Arg(1), "$http_x_forwarded_host") {
						where = shortLoc(loc(pp))
					}
				}
			}
		}
		if where == "" {
			return
		}
		for _, e := range st.Load(pass.Project).Production() {
			c, ok := st.Check(e.Value("USE_X_FORWARDED_HOST"), func(v *st.Value) bool { return v.Truth() == 1 })
			if !ok {
				continue
			}
			d := analysis.Diagnostic{Location: st.Loc(c.At), Settings: e.Name,
				Message: "USE_X_FORWARDED_HOST is True" + c.When() + ", but nginx (" + where + ") passes the client's own X-Forwarded-Host: absolute URLs and reset links use a host the client chose"}
			if c.FromEnv() {
				d.Confidence = report.LowConfidence
			}
			pass.Report(d)
		}
	},
}
