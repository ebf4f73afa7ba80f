package infra

import (
	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/report"
)

// NginxAutoindex finds autoindex on.
var NginxAutoindex = &analysis.Rule{
	ID: "DJI107", Name: "nginx-autoindex-enabled",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{548}, Checklist: []int{1, 6},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "nginx lists directory contents (autoindex on)",
		What:  "Reports autoindex on in any http, server or location block.",
		Why: "A directory listing shows every file under the folder, including uploads of other users, backups, " +
			"and files nobody meant to publish; an attacker no longer has to guess names.",
		Bad:  "location /media/ {\n    alias /srv/app/media/;\n    autoindex on;\n}",
		Good: "location /media/ {\n    alias /srv/app/media/;\n}",
		Fix:  "Remove autoindex on (off is the default).",
		References: []string{
			"https://nginx.org/en/docs/http/ngx_http_autoindex_module.html",
			"https://cwe.mitre.org/data/definitions/548.html",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, c := range nginxConfs(pass) {
			c.walkAll(func(d *inf.Directive) {
				if d.Name == "autoindex" && d.Arg(0) == "on" {
					pass.Reportf(loc(d), "autoindex on lists every file of the folder to anyone who asks: uploads, backups and files never meant to be public")
				}
			})
		}
	},
}
