package infra

import (
	"strings"

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
		What: "Reports autoindex on in any http, server or location block; low in a location whose path, alias or root is named for " +
			"downloads (/releases, /downloads, pub, a mirror), where a listing is often the point, or for static files (/static/, " +
			"staticfiles), which collectstatic gathers and which are public by design.",
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
			// the location each autoindex sits in
			in := map[*inf.Directive]*inf.Directive{}
			c.walkAll(func(d *inf.Directive) {
				if d.Name == "location" {
					for _, ch := range d.Block {
						in[ch] = d
					}
				}
			})
			c.walkAll(func(d *inf.Directive) {
				if d.Name != "autoindex" || d.Arg(0) != "on" {
					return
				}
				diag := analysis.Diagnostic{Location: loc(d),
					Message: "autoindex on lists every file of the folder to anyone who asks: uploads, backups and files never meant to be public"}
				switch l := in[d]; {
				case l != nil && namedArea(l, downloadWords):
					diag.Severity = report.Low
					diag.Message += "; the location is named for downloads, where a listing is often meant: check that only files to publish land in its folder"
				case l != nil && namedArea(l, staticWords):
					diag.Severity = report.Low
					diag.Message += "; the location serves static files (what collectstatic gathers), public by design: the listing shows " +
						"nothing unpublished, only which apps and versions are installed; keep uploads out of it"
				}
				pass.Report(diag)
			})
		}
	},
}

// downloadWords name folders that hold files to publish, where a listing
// is the way in: /releases, /downloads, a mirror.
var downloadWords = map[string]bool{"download": true, "downloads": true, "release": true, "releases": true,
	"pub": true, "mirror": true, "mirrors": true, "dist": true, "isos": true, "packages": true, "builds": true,
	"archive": true, "archives": true}

// staticWords name the folders of static files: collectstatic's output,
// public by design.
var staticWords = map[string]bool{"static": true, "staticfiles": true, "static_root": true, "collected_static": true}

// namedArea reports a location whose path, alias or root has a segment
// among words.
func namedArea(l *inf.Directive, words map[string]bool) bool {
	paths := []string{l.Arg(len(l.Args) - 1)}
	for _, ch := range l.Block {
		if ch.Name == "alias" || ch.Name == "root" {
			paths = append(paths, ch.Arg(0))
		}
	}
	for _, p := range paths {
		for _, seg := range strings.Split(strings.ToLower(p), "/") {
			if words[seg] {
				return true
			}
		}
	}
	return false
}
