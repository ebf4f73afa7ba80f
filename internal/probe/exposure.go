package probe

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// AdminExposed finds the Django admin reachable from outside.
var AdminExposed = &analysis.Rule{
	ID: "DJL403", Name: "admin-exposed",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{284}, Checklist: []int{14},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The Django admin login is reachable from the internet",
		What: "djsec requests <path>login/ for /admin/ and every --admin-path and recognizes Django's admin login form. At the default /admin/ it is low; " +
			"at a custom path it is info (the user told djsec where it is, to check it is not exposed).",
		Why: "The admin is the most valuable login of the site; at /admin/ every scanner on the internet finds it and tries passwords. " +
			"Restricting it to a VPN or office addresses removes the attack surface entirely.",
		Bad:  "path(\"admin/\", admin.site.urls)",
		Good: "path(\"backstage-7f3a/\", admin.site.urls)  # and: location /backstage-7f3a/ { allow 10.0.0.0/8; deny all; }",
		Fix:  "Restrict the admin by IP address at the proxy (or serve it on an internal host only), and move it off /admin/.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/contrib/admin/",
			"https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/05-Enumerate_Infrastructure_and_Application_Admin_Interfaces",
		},
	},
	Run: func(p *analysis.Pass) {
		s := siteOf(p)
		if s == nil {
			return
		}
		for _, ap := range s.AdminPaths() {
			u := s.URL(ap + "login/")
			r, err := s.Get(u)
			if err != nil || !isAdminLogin(r) || !s.Served(ap+"login/", r) {
				continue
			}
			d := analysis.Diagnostic{Location: at(u), Snippet: ap, Message: "the Django admin login is reachable from outside at " + ap}
			if ap != "/admin/" {
				d.Severity = report.Info
			} else {
				d.Message += ", the first place scanners try"
			}
			p.Report(d)
		}
	},
}

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
	s.Prefetch(paths...)
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

// DebugToolbarExposed finds django-debug-toolbar served to outsiders.
var DebugToolbarExposed = &analysis.Rule{
	ID: "DJL404", Name: "debug-toolbar-exposed",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{489, 200}, Checklist: []int{3, 9},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "django-debug-toolbar is shown to outside visitors",
		What: "djsec looks for the toolbar's markup (id=\"djDebug\") in the home page and asks the toolbar's own /__debug__/render_panel/ view, " +
			"recognized by its answer, not its status.",
		Why:  "The toolbar shows SQL queries with parameters, settings, headers, session data and templates with context: the internals of every request.",
		Bad:  "INSTALLED_APPS += [\"debug_toolbar\"]; INTERNAL_IPS = [\"0.0.0.0/0\"]",
		Good: "if DEBUG: INSTALLED_APPS += [\"debug_toolbar\"]  # local settings only",
		Fix:  "Install django-debug-toolbar only in development settings, never with DEBUG = False sites or open INTERNAL_IPS.",
		References: []string{
			"https://django-debug-toolbar.readthedocs.io/en/latest/installation.html",
		},
	},
	Run: func(p *analysis.Pass) {
		s, home := homePass(p)
		if home != nil && bytes.Contains(home.Body, []byte(`id="djDebug"`)) {
			p.Report(analysis.Diagnostic{Location: at(home.URL), Snippet: "djDebug", Message: "the django-debug-toolbar is rendered into the home page for outside visitors"})
			return
		}
		if s == nil {
			return
		}
		checkPaths(p, s, []pathCheck{{
			path:   "/__debug__/render_panel/?store_id=djsec&panel_id=djsec",
			marker: regexp.MustCompile(`(?i)data for this panel isn|djdt|djDebug`),
			what:   "django-debug-toolbar's views answer at /__debug__/",
		}})
	},
}

// BrowsableAPIExposed finds Django REST framework's browsable API.
var BrowsableAPIExposed = &analysis.Rule{
	ID: "DJL405", Name: "drf-browsable-api-enabled",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{200}, Checklist: []int{4},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "Django REST framework's browsable API is served in production",
		What:  "djsec requests /api/, /api/v1/ and the home page as a browser and recognizes the browsable API's page (its rest_framework static files and brand).",
		Why:   "The browsable API documents every endpoint, field and allowed method, and offers forms to call them: reconnaissance done for the attacker.",
		Bad:   "REST_FRAMEWORK = {}  # BrowsableAPIRenderer is on by default",
		Good:  "REST_FRAMEWORK = {\"DEFAULT_RENDERER_CLASSES\": [\"rest_framework.renderers.JSONRenderer\"]}",
		Fix:   "Set DEFAULT_RENDERER_CLASSES to JSONRenderer only in production settings.",
		References: []string{
			"https://www.django-rest-framework.org/api-guide/renderers/#browsableapirenderer",
		},
	},
	Run: func(p *analysis.Pass) {
		s := siteOf(p)
		if s == nil {
			return
		}
		marker := regexp.MustCompile(`rest_framework/(css|js)/|Django REST framework</a>`)
		paths := []string{"/api/", "/api/v1/", s.base.Path}
		s.Prefetch(paths...)
		for _, path := range paths {
			r, err := s.Get(path)
			if err != nil || r.Status >= 500 || !marker.Match(r.Body) {
				continue
			}
			// 401/403 pages of the browsable API are still the API.
			if r.Status == 200 && !s.Served(path, r) {
				continue
			}
			p.Report(analysis.Diagnostic{Location: at(r.URL), Snippet: "browsable", Message: fmt.Sprintf("Django REST framework's browsable API is served at %s", path)})
			return
		}
	},
}

// SchemaExposed finds public API schema and Swagger/ReDoc pages.
var SchemaExposed = &analysis.Rule{
	ID: "DJL406", Name: "api-schema-exposed",
	Severity: report.Low, Confidence: report.MediumConfidence,
	CWE: []int{200}, Checklist: []int{4},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The API schema or Swagger/ReDoc pages are public",
		What: "djsec requests the usual paths of drf-spectacular, drf-yasg and DRF's own schema views (/api/schema/, /swagger/, /redoc/, /openapi.json, ...) " +
			"and reports those that serve an OpenAPI document or a Swagger/ReDoc page, unlike the site's answer to a random path.",
		Why:  "A public schema lists every endpoint, including internal and admin-only ones, with their parameters: an attacker's map. Fine for a public API, not for an internal one.",
		Bad:  "path(\"api/schema/\", SpectacularAPIView.as_view())",
		Good: "path(\"api/schema/\", SpectacularAPIView.as_view(permission_classes=[IsAdminUser]))",
		Fix:  "Require authentication for schema and documentation views (SERVE_PERMISSIONS in drf-spectacular) unless the API is meant to be public.",
		References: []string{
			"https://drf-spectacular.readthedocs.io/en/latest/settings.html",
		},
	},
	Run: func(p *analysis.Pass) {
		s := siteOf(p)
		if s == nil {
			return
		}
		page := regexp.MustCompile(`(?i)swagger-ui|redoc|"openapi"\s*:|"swagger"\s*:|^openapi:\s*['"]?3`)
		var checks []pathCheck
		for _, path := range []string{"/api/schema/", "/schema/", "/swagger/", "/swagger-ui/", "/api/docs/", "/docs/", "/redoc/", "/api/schema/swagger-ui/", "/openapi.json", "/swagger.json", "/api/swagger.json"} {
			checks = append(checks, pathCheck{path: path, marker: page, what: "an API schema or documentation page is public at " + path})
		}
		checkPaths(p, s, checks)
	},
}

// SilkExposed finds the django-silk profiler served to outsiders.
var SilkExposed = &analysis.Rule{
	ID: "DJL407", Name: "silk-profiler-exposed",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{200, 489}, Checklist: []int{3, 10},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The django-silk profiler is open to outside visitors",
		What:  "djsec requests /silk/ and recognizes silk's pages by their static files and title; a redirect to a login page is not reported.",
		Why:   "Silk records requests with headers and bodies: session cookies, passwords typed into login forms, API tokens, and the SQL of each request.",
		Bad:   "SILKY_AUTHENTICATION = False",
		Good:  "SILKY_AUTHENTICATION = True\nSILKY_AUTHORISATION = True  # or no silk in production",
		Fix:   "Remove silk from production, or set SILKY_AUTHENTICATION and SILKY_AUTHORISATION to True and restrict /silk/ at the proxy.",
		References: []string{
			"https://github.com/jazzband/django-silk#authenticationauthorisation",
		},
	},
	Run: func(p *analysis.Pass) {
		s := siteOf(p)
		if s == nil {
			return
		}
		checkPaths(p, s, []pathCheck{{path: "/silk/", marker: regexp.MustCompile(`(?i)/static/silk/|<title>\s*silk`), what: "the django-silk profiler answers at /silk/ without a login: recorded requests, bodies and SQL are public"}})
	},
}

var (
	envMarker      = regexp.MustCompile(`(?m)^\s*(export\s+)?[A-Z][A-Z0-9_]*\s*=`)
	settingsMarker = regexp.MustCompile(`SECRET_KEY|INSTALLED_APPS|DATABASES\s*=`)
	manageMarker   = regexp.MustCompile(`DJANGO_SETTINGS_MODULE`)
	sqliteMarker   = regexp.MustCompile(`\ASQLite format 3\x00`)
	gitConfigRe    = regexp.MustCompile(`(?m)^\[core\]`)
	gitHeadRe      = regexp.MustCompile(`\A(ref: refs/|[0-9a-f]{40}\s*\z)`)
	sqlDumpRe      = regexp.MustCompile(`(?i)CREATE TABLE|INSERT INTO|PostgreSQL database dump|MySQL dump`)
)

// envFile: several KEY=VALUE lines and no markup (a soft 404 can quote one).
var envFile = regexp.MustCompile(`\A[^<]*$`)

type andMarker struct{ a, b *regexp.Regexp }

func (m andMarker) Match(b []byte) bool { return m.a.Match(b) && m.b.Match(b) }

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
		env := andMarker{envMarker, envFile}
		checks := sensitiveFiles(env)
		paths := make([]string, len(checks))
		for i, c := range checks {
			paths[i] = c.path
		}
		s.Prefetch(paths...)
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
		{"/.git/config", gitConfigRe, report.High, "the Git repository configuration (the whole repository is likely downloadable)"},
		{"/.git/HEAD", gitHeadRe, report.High, "the Git HEAD (the whole repository is likely downloadable)"},
		{"/db.sqlite3", sqliteMarker, report.Critical, "the SQLite database"},
		{"/settings.py", settingsMarker, report.Critical, "a Django settings module"},
		{"/local_settings.py", settingsMarker, report.Critical, "a Django settings module"},
		{"/manage.py", manageMarker, report.Medium, "the project's manage.py (source code is served)"},
	}
	for _, suffix := range []string{".bak", ".old", "~", ".orig", ".save"} {
		checks = append(checks,
			fileCheck{"/settings.py" + suffix, settingsMarker, report.Critical, "a backup of a Django settings module"},
			fileCheck{"/.env" + suffix, env, report.Critical, "a backup of an environment file"},
		)
	}
	checks = append(checks,
		fileCheck{"/db.sqlite3.bak", sqliteMarker, report.Critical, "a backup of the SQLite database"},
		fileCheck{"/backup.sql", sqlDumpRe, report.Critical, "a database dump"},
		fileCheck{"/dump.sql", sqlDumpRe, report.Critical, "a database dump"},
		fileCheck{"/db.sql", sqlDumpRe, report.Critical, "a database dump"},
	)
	return checks
}

var listingRe = regexp.MustCompile(`(?i)<title>\s*Index of /|<h1>\s*Index of /|Directory listing for /|<title>\s*Index of [a-z]`)

// DirectoryListing finds browsable directory indexes of static and media.
var DirectoryListing = &analysis.Rule{
	ID: "DJL409", Name: "directory-listing-enabled",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{548}, Checklist: []int{6},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "Directory listings are served under /static/ or /media/",
		What: "djsec requests /static/ and /media/ and recognizes directory indexes (nginx and Apache autoindex, Django's static serve with show_indexes, " +
			"Python's http.server). /media/ is medium: it holds what users uploaded; /static/ low.",
		Why:  "A listing of /media/ hands out every user's uploads (invoices, ID scans, avatars) without guessing names; /static/ listings reveal apps and versions.",
		Bad:  "location /media/ { alias /srv/media/; autoindex on; }",
		Good: "location /media/ { alias /srv/media/; autoindex off; }",
		Fix:  "Turn off autoindex (nginx) or Options -Indexes (Apache), and never use django.views.static.serve with show_indexes in production.",
		References: []string{
			"https://nginx.org/en/docs/http/ngx_http_autoindex_module.html",
		},
	},
	Run: func(p *analysis.Pass) {
		s := siteOf(p)
		if s == nil {
			return
		}
		checkPaths(p, s, []pathCheck{
			{path: "/static/", marker: listingRe, what: "/static/ serves a directory listing"},
			{path: "/media/", marker: listingRe, severity: report.Medium, what: "/media/ serves a directory listing of uploaded files"},
		})
	},
}

// TraceEnabled finds servers that echo TRACE requests.
var TraceEnabled = &analysis.Rule{
	ID: "DJL410", Name: "trace-method-enabled",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{693}, Checklist: []int{1},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server answers TRACE by echoing the request",
		What:  "djsec sends TRACE with a random header value and reports a 200 answer that echoes it back.",
		Why:   "TRACE echoes request headers, including cookies and proxy-added credentials, to whatever script can issue it (cross-site tracing) and reveals headers the proxies add.",
		Bad:   "TraceEnable On",
		Good:  "TraceEnable Off   # nginx refuses TRACE by default (405)",
		Fix:   "Disable TRACE at the web server or proxy.",
		References: []string{
			"https://owasp.org/www-community/attacks/Cross_Site_Tracing",
		},
	},
	Run: func(p *analysis.Pass) {
		s := siteOf(p)
		if s == nil {
			return
		}
		mark := "djsec-trace-" + s.token
		r, err := s.Do(Request{Method: "TRACE", URL: s.base.String(), Header: map[string][]string{"X-Djsec-Trace": {mark}}})
		if err != nil || r.Status != 200 || !strings.Contains(string(r.Body), mark) {
			return
		}
		p.Report(analysis.Diagnostic{Location: at(r.URL), Snippet: "TRACE", Message: "TRACE is answered with the request echoed back (cross-site tracing)"})
	},
}
