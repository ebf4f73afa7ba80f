package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// SensitiveFileServed finds configuration, databases, VCS data and
// backups served over HTTP.
var SensitiveFileServed = &analysis.Rule{
	ID: "DJL408", Name: "sensitive-file-served",
	Severity: report.Critical, Confidence: report.HighConfidence,
	CWE: []int{538, 527}, Checklist: []int{6, 15},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "Configuration, database, repository or backup files are downloadable",
		What: "djsec requests /.env, /.git/config, /.git/HEAD, /db.sqlite3, /settings.py, /local_settings.py, /manage.py and backups (.bak, .old, ~, SQL dumps). " +
			"A file is reported only when the site serves it unlike a random path of the same shape and its content is what the name says " +
			"(SQLite header, [core], ref: refs/, KEY=VALUE lines, SECRET_KEY, CREATE TABLE).",
		Why:  ".env and settings hold SECRET_KEY and database passwords; db.sqlite3 and dumps are the data itself; .git lets anyone download the whole source history.",
		Bad:  "location / { root /srv/app; }   # the project directory served as static files",
		Good: "location /static/ { alias /srv/app/staticfiles/; }   # only collectstatic output",
		Fix:  "Serve only STATIC_ROOT and MEDIA_ROOT, never the project directory; deny dotfiles at the proxy (location ~ /\\. { deny all; }); keep backups off the web root; rotate every secret that was exposed.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/howto/static-files/deployment/",
			"https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/04-Review_Old_Backup_and_Unreferenced_Files_for_Sensitive_Information",
		},
	},
	Run: func(p *analysis.Pass) {
		s := siteOf(p)
		if s == nil {
			return
		}
		env := andMarker{envMarker(), envFile()}
		checks := sensitiveFiles(env)
		paths := make([]string, len(checks))
		for i, c := range checks {
			paths[i] = c.path
		}
		s.PrefetchCandidates(paths...)
		for _, c := range checks {
			r, err := s.Get(c.path)
			if err != nil || !s.Served(c.path, r) || !c.marker.Match(r.Body) {
				continue
			}
			d := analysis.Diagnostic{Location: at(r.URL), Snippet: c.path, Message: c.what + " is downloadable at " + c.path}
			if c.severity != report.SeverityUnset {
				d.Severity = c.severity
			}
			p.Report(d)
		}
	},
}
