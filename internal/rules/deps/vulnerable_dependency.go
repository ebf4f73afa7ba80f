package deps

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/deps"
	"github.com/djsec/djsec/internal/report"
)

// VulnerableDependency reports installed package versions that OSV
// advisories name as vulnerable.
var VulnerableDependency = &analysis.Rule{
	ID:         "DJD101",
	Name:       "vulnerable-dependency",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{1395},
	Checklist:  []int{11},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A dependency version has known vulnerabilities",
		What: "Reports each package whose exact installed version is known (a lock file entry, " +
			"a == pin, a constraints pin) and is affected by an advisory of the OSV vulnerability " +
			"database (--db, or the copy `djsec db update` keeps). One finding per package lists " +
			"every vulnerability once, however many advisories (PYSEC, GHSA, CVE) describe it, and " +
			"names the smallest version that fixes them all without falling into another known, fixed " +
			"vulnerability. Withdrawn advisories are ignored. " +
			"Version ranges are not guessed at: an unpinned requirement is DJD102's concern. " +
			"The severity is the highest CVSS v3 rating among the advisories, high when none has one; low on a requirements " +
			"file that only builds the documentation (docs/requirements.txt, requirements-docs.txt) or only installs what the tests run with (requirements-tests.txt), " +
			"and for any file in a project template's folder whose name is still a placeholder ({{ cookiecutter.project_slug }}).",
		Why: "Published vulnerabilities come with public details and often exploits; a Django or " +
			"library release with a known hole is the cheapest way into an application.",
		Bad:  "Django==3.2.0",
		Good: "Django==5.2.8",
		Fix:  "Upgrade the package to the version named in the finding, then regenerate the lock file.",
		References: []string{
			"https://osv.dev/",
			"https://github.com/pypa/advisory-database",
			"https://docs.djangoproject.com/en/stable/releases/security/",
		},
	},
	Run: runVulnerableDependency,
}

func runVulnerableDependency(pass *analysis.Pass) {
	inv := inventory(pass)
	pkgs := installed(inv)
	if len(pkgs) == 0 {
		return
	}
	db := database(pass)
	if db == nil {
		return
	}
	for _, p := range pkgs {
		rep, err := db.Check(p.Name, p.Version)
		if err != nil {
			pass.Problem(location(p.Location), "%v", err)
			continue
		}
		if len(rep.Vulns) > 0 {
			pass.Report(forDocs(vulnerableDiagnostic(p, rep), p))
		}
	}
}

// maxIDs bounds the ids listed in a message; the finding's properties hold
// them all.
const maxIDs = 6

func vulnerableDiagnostic(p deps.Package, rep deps.Report) analysis.Diagnostic {
	var ids []string
	var all [][]string
	sev := report.SeverityUnset
	for _, vu := range rep.Vulns {
		ids = append(ids, vu.IDs[0])
		all = append(all, vu.IDs)
		if s, err := report.ParseSeverity(vu.Severity); err == nil && s > sev {
			sev = s
		}
	}
	listed := strings.Join(ids, ", ")
	if len(ids) > maxIDs {
		listed = strings.Join(ids[:maxIDs], ", ") + fmt.Sprintf(" and %d more", len(ids)-maxIDs)
	}
	msg := fmt.Sprintf("%s %s has %s (%s)", p.Name, p.Version, plural(len(rep.Vulns), "known vulnerability", "known vulnerabilities"), listed)
	fix := ""
	switch {
	case rep.Upgrade != "" && rep.Unfixed == 0:
		msg += "; upgrade to " + rep.Upgrade
		fix = fmt.Sprintf("Upgrade %s to %s or later.", p.Name, rep.Upgrade)
	case rep.Upgrade != "":
		msg += fmt.Sprintf("; upgrade to %s (%d of them have no fix yet)", rep.Upgrade, rep.Unfixed)
		fix = fmt.Sprintf("Upgrade %s to %s or later, and mitigate the vulnerabilities without a fix.", p.Name, rep.Upgrade)
	default:
		msg += "; no fixed version is known"
		fix = fmt.Sprintf("Replace %s or mitigate its vulnerabilities: no fixed version is known.", p.Name)
	}
	return analysis.Diagnostic{
		Location: location(p.Location),
		Message:  msg,
		Fix:      fix,
		Severity: sev,
		Properties: map[string]any{
			"package": p.Name, "version": p.Version, "fixed_version": rep.Upgrade, "advisories": all,
		},
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// database loads the vulnerability database once per scan: the --db path,
// else the copy `djsec db update` keeps in the user cache. Without one, the
// scan says once how to get one and goes on.
func database(pass *analysis.Pass) *deps.DB {
	v := pass.Project.Memo("deps.db", func() any { return loadDatabase(pass.Project.Inputs.DB) }).(dbResult)
	switch {
	case v.err != nil:
		pass.Problem(report.Location{Path: "."}, "%v", v.err)
	case v.db != nil && v.db.Records == 0:
		pass.Problem(report.Location{Path: "."}, "the vulnerability database %s holds no OSV records", v.db.Source)
	case v.db == nil:
		pass.Note("no vulnerability database: dependencies were not checked for known vulnerabilities; " +
			"run `djsec db update` or pass --db PATH (a directory of OSV records or an OSV all.zip)")
	case !v.fetched.IsZero() && pass.Now.Sub(v.fetched) > staleAfter:
		pass.Note("the vulnerability database was fetched %d days ago: run `djsec db update` for advisories published since",
			int(pass.Now.Sub(v.fetched)/(24*time.Hour)))
	case v.fetched.IsZero() && !v.db.Latest.IsZero() && pass.Now.Sub(v.db.Latest) > staleAfter:
		// A --db folder or zip: its newest record says how fresh it is
		// (the PyPA database changes every few days).
		pass.Note("the newest record in the vulnerability database %s is %d days old (%s): update it (git pull, or a new export) for advisories published since",
			v.db.Source, int(pass.Now.Sub(v.db.Latest)/(24*time.Hour)), v.db.Latest.UTC().Format(time.DateOnly))
	}
	return v.db
}

// staleAfter is the age at which a database is worth refreshing: advisories
// for Django and popular packages appear every few weeks, and PyPI's every
// few days.
const staleAfter = 7 * 24 * time.Hour

type dbResult struct {
	db      *deps.DB
	err     error
	fetched time.Time // when `djsec db update` fetched it; zero for --db
}

func loadDatabase(path string) dbResult {
	if path == "" {
		dir, err := deps.CacheDir()
		if err != nil {
			return dbResult{}
		}
		cached, ok := deps.CachedDB(dir)
		if !ok {
			return dbResult{}
		}
		db, err := deps.OpenDB(cached, filepath.Join(dir, "index"))
		res := dbResult{db: db, err: err}
		if m, err := deps.ReadMeta(dir); err == nil {
			res.fetched = m.Fetched
		}
		return res
	}
	indexDir, _ := deps.IndexDir() // none: the database is decoded whole
	db, err := deps.OpenDB(path, indexDir)
	return dbResult{db: db, err: err}
}
