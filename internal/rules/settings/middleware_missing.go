package settings

import (
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// requiredMiddleware is the middleware a production site needs, with the
// app that makes it necessary ("" for always) and the deploy check id.
var requiredMiddleware = []struct {
	path, app, check, why string
	match                 func(last string) bool
	// cookieDefence marks middleware that defends cookie-authenticated
	// visitors (CSRF, clickjacking).
	cookieDefence bool
}{
	{"django.middleware.security.SecurityMiddleware", "", "security.W001",
		"so HSTS, SSL redirect, nosniff, Referrer-Policy and COOP headers are never sent",
		func(l string) bool { return strings.Contains(l, "SecurityMiddleware") }, false},
	{"django.middleware.csrf.CsrfViewMiddleware", "", "security.W003",
		"so POST requests are not checked for CSRF tokens",
		func(l string) bool { return strings.Contains(l, "Csrf") }, true},
	{"django.middleware.clickjacking.XFrameOptionsMiddleware", "", "security.W002",
		"so pages can be framed by other sites (clickjacking)",
		func(l string) bool {
			return strings.Contains(l, "XFrameOptions") || strings.Contains(l, "Clickjacking")
		}, true},
	{sessionMiddlewarePath, "django.contrib.sessions", "",
		"so sessions and login do not work as the installed apps expect",
		sessionMiddleware, false},
	{authMiddleware, "django.contrib.auth", "",
		"so request.user is never set and permission checks see no user",
		func(l string) bool { return strings.Contains(l, "AuthenticationMiddleware") }, false},
}

func sessionMiddleware(l string) bool { return strings.Contains(l, "SessionMiddleware") }

const (
	authMiddleware        = "django.contrib.auth.middleware.AuthenticationMiddleware"
	sessionMiddlewarePath = "django.contrib.sessions.middleware.SessionMiddleware"
)

// authSubclass reports a middleware of the project, by its dotted path,
// that sets request.user, whatever it is called: it derives from Django's
// AuthenticationMiddleware or RemoteUserMiddleware, or assigns the user
// itself (classDerives).
func authSubclass(p *project.Project, path string) bool {
	i := strings.LastIndexByte(path, '.')
	if i < 0 {
		return false
	}
	f := st.Load(p).ModuleFile(path[:i])
	if f == nil {
		return false
	}
	m, err := st.Parse(f)
	return err == nil && m != nil && classDerives(m, path[i+1:], 0)
}

// classDerives reports a class of module m with a base named
// AuthenticationMiddleware or RemoteUserMiddleware, directly or through
// classes of the same module, or one that sets request.user itself (an
// identity a gateway's header carries: request.user = user).
func classDerives(m *python.Module, name string, depth int) bool {
	if depth > 4 {
		return false
	}
	for _, stmt := range m.Body {
		c, ok := stmt.(*python.ClassDef)
		if !ok || c.Name != name {
			continue
		}
		if setsRequestUser(c) {
			return true
		}
		for _, b := range c.Bases {
			d, _ := python.DottedName(b)
			last := d[strings.LastIndexByte(d, '.')+1:]
			switch {
			case last == "AuthenticationMiddleware", strings.HasSuffix(last, "RemoteUserMiddleware"):
				return true
			case last == d && last != name && classDerives(m, last, depth+1):
				return true
			}
		}
	}
	return false
}

// setsRequestUser reports a class whose methods assign the user of the
// request they are given (request.user = user).
func setsRequestUser(c *python.ClassDef) bool {
	found := false
	for _, st := range c.Body {
		d, ok := st.(*python.FunctionDef)
		if !ok || d.Args == nil || len(d.Args.Args) < 2 {
			continue
		}
		req := d.Args.Args[1].Arg // (self, request)
		python.EachStmt(d.Body, func(s python.Stmt) {
			a, ok := s.(*python.Assign)
			if !ok {
				return
			}
			for _, t := range a.Targets {
				if at, ok := t.(*python.Attribute); ok && at.Attr == "user" {
					if n, ok := at.Value.(*python.Name); ok && n.ID == req {
						found = true
					}
				}
			}
		})
	}
	return found
}

// MiddlewareMissing finds security middleware missing from MIDDLEWARE.
var MiddlewareMissing = &analysis.Rule{
	ID: "DJS201", Name: "security-middleware-missing",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{693, 352, 1021}, Checklist: []int{3, 7, 8},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Security middleware is missing from MIDDLEWARE",
		What: "Reports production settings whose MIDDLEWARE lacks SecurityMiddleware (check --deploy's security.W001), " +
			"CsrfViewMiddleware (W003) or XFrameOptionsMiddleware (W002), and SessionMiddleware or " +
			"AuthenticationMiddleware when django.contrib.sessions or django.contrib.auth is installed (a missing AuthenticationMiddleware is low " +
			"when the admin is not installed and nothing in the Django project, the folder of its manage.py, reads request.user or checks a login or a permission; " +
			"so is a missing SessionMiddleware when neither django.contrib.auth nor the admin is installed and nothing in the project uses request.session; " +
			"AUTHENTICATION_BACKENDS = [], with which Django logs no one in, makes both low, the SessionMiddleware when nothing uses request.session). Subclasses " +
			"count by their class name, and a project middleware deriving from AuthenticationMiddleware or RemoteUserMiddleware " +
			"(a login by a header a single sign-on proxy sets), or that sets request.user itself (the identity an API gateway's header carries), counts as AuthenticationMiddleware whatever its name; " +
			"with such a middleware, a missing SessionMiddleware is low when nothing uses request.session and the admin is not installed. Only a MIDDLEWARE list that djsec knows entirely is checked (MIDDLEWARE_CLASSES " +
			"on projects written for Django before 1.10 that do not set MIDDLEWARE). CsrfViewMiddleware and " +
			"XFrameOptionsMiddleware protect visitors a cookie logs in: when MIDDLEWARE has no SessionMiddleware either " +
			"(an API authenticated by tokens in a header), their absence is low severity.",
		Why: "Each of these middleware classes is a defence that is off when it is missing: security headers, CSRF " +
			"protection, clickjacking protection and the user of a request.",
		Bad:  "MIDDLEWARE = [\"django.middleware.common.CommonMiddleware\"]",
		Good: "MIDDLEWARE = [\n    \"django.middleware.security.SecurityMiddleware\",\n    \"django.contrib.sessions.middleware.SessionMiddleware\",\n    \"django.middleware.common.CommonMiddleware\",\n    \"django.middleware.csrf.CsrfViewMiddleware\",\n    \"django.contrib.auth.middleware.AuthenticationMiddleware\",\n    \"django.middleware.clickjacking.XFrameOptionsMiddleware\",\n]",
		Fix:  "Add the missing middleware in the order of Django's startproject template.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/middleware/#middleware-ordering",
			"https://docs.djangoproject.com/en/stable/ref/checks/#security",
		},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			name, v, absent := middlewareSetting(e)
			for _, m := range requiredMiddleware {
				if m.app != "" && installed(e, m.app) != 1 {
					continue
				}
				msg := name + " lacks " + m.path + ", " + m.why
				if m.check != "" {
					msg += " (" + m.check + ")"
				}
				if absent {
					r.missing(msg)
					continue
				}
				missing := lacks(m.match)
				if m.path == authMiddleware {
					// the project's own login middleware built on
					// Django's (class HeaderLoginMiddleware(AuthenticationMiddleware))
					missing = func(v *st.Value) bool {
						ss, _, _ := strList(v)
						return lacks(m.match)(v) && !slices.ContainsFunc(ss, func(path string) bool { return authSubclass(pass.Project, path) })
					}
				}
				if c, ok := st.Holds(v, missing); ok {
					if m.path == authMiddleware && installed(e, "django.contrib.admin") == 0 && !userRead(pass.Project, e.File.Path) {
						// bk-login's own token login: no view, template
						// or check of the project asks who the user is
						d := pendingAt(c, msg+c.When()+"; but nothing in the project reads request.user or checks a login or a "+
							"permission, and the admin is not installed, so nothing depends on it yet")
						d.Severity = report.Low
						r.add(d)
						continue
					}
					if m.path == authMiddleware && noBackends(e) {
						// an API whose gateway identifies the caller
						// (a keystone token): Django logs no one in
						d := pendingAt(c, msg+c.When()+"; but AUTHENTICATION_BACKENDS is empty, so Django authenticates no one and "+
							"request.user would always be anonymous: the project identifies its users another way")
						d.Severity = report.Low
						r.add(d)
						continue
					}
					if m.path == sessionMiddlewarePath && ownUserMiddleware(pass.Project, c.V) && installed(e, "django.contrib.admin") != 1 && !sessionRead(pass.Project, e.File.Path) {
						// the project's own middleware tells who the
						// user is (a gateway's identity header) and
						// nothing keeps anything in a session
						d := pendingAt(c, msg+c.When()+"; but the project's own middleware sets request.user, nothing in the project "+
							"uses the session and the admin is not installed, so nothing depends on it yet")
						d.Severity = report.Low
						r.add(d)
						continue
					}
					if m.path == sessionMiddlewarePath && (noBackends(e) || installed(e, "django.contrib.auth") == 0 && installed(e, "django.contrib.admin") == 0) &&
						!sessionRead(pass.Project, e.File.Path) {
						// a site with no login and no code that keeps
						// anything in a session: nothing misses it
						d := pendingAt(c, msg+c.When()+"; but nothing in the project uses the session or logs anyone in, "+
							"and neither django.contrib.auth nor the admin is installed (or no backend authenticates anyone), so nothing depends on it yet")
						d.Severity = report.Low
						r.add(d)
						continue
					}
					if m.cookieDefence {
						if c2, ok := st.Holds(v, lacks(sessionMiddleware)); ok && len(c2.Vars) == 0 && len(c.Vars) == 0 {
							// No session middleware: no cookie logs a
							// visitor in, so a forged or framed request
							// acts as no one. APIs authenticated by a
							// token in a header are built this way.
							d := pendingAt(c, msg+"; MIDDLEWARE has no SessionMiddleware either, so no cookie logs anyone in and the risk is low unless the project's own middleware authenticates by cookie")
							d.Severity = report.Low
							r.add(d)
							continue
						}
					}
					r.at(c, msg+c.When())
				}
			}
		})
	},
}

// ownUserMiddleware reports a MIDDLEWARE list holding a project
// middleware that sets request.user (authSubclass).
func ownUserMiddleware(p *project.Project, v *st.Value) bool {
	ss, _, _ := strList(v)
	return slices.ContainsFunc(ss, func(path string) bool { return !strings.HasPrefix(path, "django.") && authSubclass(p, path) })
}

// noBackends reports AUTHENTICATION_BACKENDS set to an empty list:
// authenticate() asks no backend, so Django logs no one in, by a form or
// a session.
func noBackends(e *st.Entry) bool {
	v, absent := setting(e, "AUTHENTICATION_BACKENDS")
	if absent {
		return false
	}
	_, backends, ok := resolveList(v)
	return ok && len(backends) == 0
}

// lacks is the property of a fully known MIDDLEWARE list that has no entry
// matching match.
func lacks(match func(last string) bool) func(*st.Value) bool {
	return func(v *st.Value) bool {
		ss, _, all := strList(v)
		return all && hasMiddleware(ss, match) < 0
	}
}

// userNeedles are what code and templates that ask who the requester is
// hold: request.user, Django's and DRF's login and permission checks, a
// template's user.
var userNeedles = []string{"request.user", "login_required", "LoginRequired", "permission_required", "PermissionRequired",
	"user_passes_test", "IsAuthenticated", "has_perm", "{{ user", "{% if user", "get_user(", "auth.login(", "login(request"}

// userRead reports whether code or templates of the Django project that
// the settings module at settingsPath configures (djangoRoot) ask who the
// requester is; tests and migrations aside. Files are read without being
// kept.
func userRead(p *project.Project, settingsPath string) bool {
	return projectHolds(p, settingsPath, "userRead", userNeedles)
}

// sessionNeedles are what code and templates that use the session hold.
var sessionNeedles = []string{"request.session", "SessionStore", "session_key", "{{ request.session", "login(request", "auth.login("}

// sessionRead reports whether code or templates of the Django project
// that the settings module at settingsPath configures use the session.
func sessionRead(p *project.Project, settingsPath string) bool {
	return projectHolds(p, settingsPath, "sessionRead", sessionNeedles)
}

// projectHolds reports whether a file of the Django project that the
// settings module at settingsPath configures (djangoRoot), Python or a
// template, tests and migrations aside, holds one of needles. Files are
// read without being kept.
func projectHolds(p *project.Project, settingsPath, what string, needles []string) bool {
	root := djangoRoot(p, settingsPath)
	return p.Memo("rules/settings."+what+":"+root, func() any {
		var buf []byte
		for _, f := range p.Files {
			if !strings.HasPrefix(f.Path, root) || f.NameKind()&(project.Python|project.Template) == 0 ||
				analysis.TestPath(f.Path) || project.Migration(f.Path) {
				continue
			}
			data, err := f.Peek(&buf)
			if err != nil {
				continue
			}
			for _, n := range needles {
				if bytesearch.Contains(data, n) {
					return true
				}
			}
		}
		return false
	}).(bool)
}
