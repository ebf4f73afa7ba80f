package probe

import (
	"regexp"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

// pathCheck is a path whose content, recognized by a marker, is a finding.
type pathCheck struct {
	path     string
	marker   matcher
	severity report.Severity
	what     string
}

// checkPaths fetches each path, keeps those the site really serves (not its
// random-path answer) and whose content matches the marker.
func checkPaths(p *analysis.Pass, s *Site, checks []pathCheck) {
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
		d := analysis.Diagnostic{Location: at(r.URL), Snippet: c.path, Message: c.what}
		if c.severity != report.SeverityUnset {
			d.Severity = c.severity
		}
		p.Report(d)
	}
}

var (
	envMarker      = lazyre.New(`(?m)^\s*(export\s+)?[A-Z][A-Z0-9_]*\s*=`)
	settingsMarker = lazyre.New(`SECRET_KEY|INSTALLED_APPS|DATABASES\s*=`)
	manageMarker   = lazyre.New(`DJANGO_SETTINGS_MODULE`)
	sqliteMarker   = lazyre.New(`\ASQLite format 3\x00`)
	gitConfigRe    = lazyre.New(`(?m)^\[core\]`)
	gitHeadRe      = lazyre.New(`\A(ref: refs/|[0-9a-f]{40}\s*\z)`)
	sqlDumpRe      = lazyre.New(`(?i)CREATE TABLE|INSERT INTO|PostgreSQL database dump|MySQL dump`)
)

// envFile: several KEY=VALUE lines and no markup (a soft 404 can quote one).
var envFile = lazyre.New(`\A[^<]*$`)

type andMarker struct{ a, b *regexp.Regexp }

func (m andMarker) Match(b []byte) bool { return m.a.Match(b) && m.b.Match(b) }

type matcher interface{ Match([]byte) bool }

type fileCheck struct {
	path     string
	marker   matcher
	severity report.Severity
	what     string
}

func sensitiveFiles(env matcher) []fileCheck {
	checks := []fileCheck{
		{"/.env", env, report.Critical, "an environment file (secrets as KEY=VALUE)"},
		{"/.git/config", gitConfigRe(), report.High, "the Git repository configuration (the whole repository is likely downloadable)"},
		{"/.git/HEAD", gitHeadRe(), report.High, "the Git HEAD (the whole repository is likely downloadable)"},
		{"/db.sqlite3", sqliteMarker(), report.Critical, "the SQLite database"},
		{"/settings.py", settingsMarker(), report.Critical, "a Django settings module"},
		{"/local_settings.py", settingsMarker(), report.Critical, "a Django settings module"},
		{"/manage.py", manageMarker(), report.Medium, "the project's manage.py (source code is served)"},
	}
	for _, suffix := range []string{".bak", ".old", "~", ".orig", ".save"} {
		checks = append(checks,
			fileCheck{"/settings.py" + suffix, settingsMarker(), report.Critical, "a backup of a Django settings module"},
			fileCheck{"/.env" + suffix, env, report.Critical, "a backup of an environment file"},
		)
	}
	checks = append(checks,
		fileCheck{"/db.sqlite3.bak", sqliteMarker(), report.Critical, "a backup of the SQLite database"},
		fileCheck{"/backup.sql", sqlDumpRe(), report.Critical, "a database dump"},
		fileCheck{"/dump.sql", sqlDumpRe(), report.Critical, "a database dump"},
		fileCheck{"/db.sql", sqlDumpRe(), report.Critical, "a database dump"},
	)
	return checks
}

var listingRe = lazyre.New(`(?i)<title>\s*Index of /|<h1>\s*Index of /|Directory listing for /|<title>\s*Index of [a-z]`)
