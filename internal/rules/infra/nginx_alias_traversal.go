package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// NginxAliasTraversal finds the off-by-slash alias: a prefix location
// without a trailing slash whose alias ends with one.
var NginxAliasTraversal = &analysis.Rule{
	ID: "DJI110", Name: "nginx-alias-traversal",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{22}, Checklist: []int{1, 6},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "nginx alias lets requests climb out of the folder (location without a trailing slash)",
		What: "Reports a prefix location whose path does not end with '/' holding an alias that does end with '/' " +
			"(location /static { alias /srv/app/static/; }). Regular-expression and exact locations are left alone.",
		Why: "nginx replaces the location's prefix by the alias: /static../settings.py becomes " +
			"/srv/app/static/../settings.py, so the parent folder (often the project, with its settings, .env and " +
			"database) can be downloaded.",
		Bad:  "location /static {\n    alias /srv/app/static/;\n}",
		Good: "location /static/ {\n    alias /srv/app/static/;\n}",
		Fix:  "End the location path with a slash whenever the alias ends with one (location /static/ { alias /srv/app/static/; }).",
		References: []string{
			"https://github.com/yandex/gixy/blob/master/docs/en/plugins/aliastraversal.md",
			"https://nginx.org/en/docs/http/ngx_http_core_module.html#alias",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, c := range nginxConfs(pass) {
			for _, s := range c.servers() {
				for _, l := range locations(s) {
					b := l.last()
					if b.Name != "location" {
						continue
					}
					prefix := ""
					switch len(b.Args) {
					case 1:
						prefix = b.Arg(0)
					case 2:
						if b.Arg(0) == "^~" {
							prefix = b.Arg(1)
						}
					}
					if prefix == "" || strings.HasSuffix(prefix, "/") || strings.HasPrefix(prefix, "@") {
						continue
					}
					a := find(b.Block, "alias")
					if a == nil || !strings.HasSuffix(a.Arg(0), "/") {
						continue
					}
					pass.Reportf(loc(a), "location %s has no trailing slash but its alias %s has one: %s../ reaches the parent folder of %s", prefix, a.Arg(0), prefix, a.Arg(0))
				}
			}
		}
	},
}
