package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	inf "github.com/djsec/djsec/internal/infra"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

// dotfileGuard matches regular-expression locations that catch dotfiles or
// the files that must never be served.
// publicFolder matches roots that hold only published files (collected
// static files, a build output, a web root).
var publicFolder = lazyre.New(`(?i)/(static|staticfiles|static_root|collected_?static|public|dist|build|www|html|htdocs|assets)$`)

var dotfileGuard = lazyre.New(`/\\\.|\\\.(git|env|ht|svn|hg)|\(\?:\\\.|\^/\\\.|sqlite|\\\.py`)

// NginxSensitiveFiles finds servers that map the whole URL space onto a
// folder without refusing dotfiles.
var NginxSensitiveFiles = &analysis.Rule{
	ID: "DJI111", Name: "nginx-dotfiles-served",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{538, 527}, Checklist: []int{1},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "nginx serves a folder's files as they are, .git, .env and the database included",
		What: "Reports a location / that serves files from its root with " +
			"try_files $uri ..., in a server with no location that refuses dotfiles (location ~ /\\. { deny all; }). " +
			"When try_files falls back to the application (a named location or a proxy) and the folder is not named " +
			"like a public one (static, public, dist, www, html, ...), it is most likely the project itself, and the " +
			"finding is medium; otherwise it is low.",
		Why: "A root that holds the project serves its .git folder (the whole source and history), .env " +
			"(SECRET_KEY, database passwords), db.sqlite3 and the settings to anyone who asks for them by name.",
		Bad:  "server {\n    root /srv/app;\n    location / { try_files $uri @django; }\n}",
		Good: "server {\n    root /srv/app/public;\n    location ~ /\\. { deny all; }\n    location / { try_files $uri @django; }\n}",
		Fix:  "Point root at a folder holding only public files (collected static files), and add location ~ /\\. { deny all; } to the server.",
		References: []string{
			"https://nginx.org/en/docs/http/ngx_http_core_module.html#try_files",
			"https://cwe.mitre.org/data/definitions/538.html",
		},
	},
	Run: func(pass *analysis.Pass) {
		for _, c := range nginxConfs(pass) {
			for _, s := range c.servers() {
				if s.unresolved() || guardsDotfiles(s) {
					continue
				}
				for _, l := range locations(s) {
					b := l.last()
					if b.Name != "location" || strings.Join(b.Args, " ") != "/" || passes(b) != nil {
						continue
					}
					tf := find(b.Block, "try_files")
					root := l.value("root")
					if tf == nil || root == nil || tf.Arg(0) != "$uri" {
						continue
					}
					last := tf.Args[len(tf.Args)-1]
					sev := report.Low
					if (strings.HasPrefix(last, "@") || strings.HasPrefix(last, "/") && !strings.HasPrefix(last, "/index")) &&
						!publicFolder().MatchString(strings.TrimRight(root.Arg(0), "/")) {
						sev = report.Medium
					}
					pass.Report(analysis.Diagnostic{Location: loc(root), Severity: sev,
						Message: "every file under " + root.Arg(0) + " is served by name, dotfiles included (.git, .env, and a database file if one is there): no location of " + describe(s.last()) + " refuses them"})
				}
			}
		}
	},
}

// guardsDotfiles reports whether a server has a location that refuses
// dotfiles or sensitive files.
func guardsDotfiles(s chain) bool {
	for _, l := range locations(s) {
		b := l.last()
		if b.Name != "location" || len(b.Args) < 2 || !strings.HasPrefix(b.Arg(0), "~") {
			continue
		}
		if !dotfileGuard().MatchString(b.Arg(1)) {
			continue
		}
		if refuses(b) {
			return true
		}
	}
	return false
}

func refuses(b *inf.Directive) bool {
	for _, d := range b.Block {
		switch d.Name {
		case "deny":
			return d.Arg(0) == "all"
		case "return":
			return d.Arg(0) == "403" || d.Arg(0) == "404" || d.Arg(0) == "444"
		}
	}
	return false
}
