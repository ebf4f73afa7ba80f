package settings

import (
	"bytes"
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// throttleApps are apps that limit login attempts.
var throttleApps = []string{"axes", "defender", "django_ratelimit", "ratelimit", "brutebuster", "django_brute_force"}

// LoginThrottlingMissing finds projects with logins but no limit on attempts.
var LoginThrottlingMissing = &analysis.Rule{
	ID: "DJS303", Name: "login-throttling-missing",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{307}, Checklist: []int{5, 13},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Nothing limits login attempts",
		What: "When django.contrib.auth is installed, reports production settings that have none of: django-axes or " +
			"django-defender (app, middleware or authentication backend), django-ratelimit (app, or imported " +
			"anywhere in the project's code), DRF DEFAULT_THROTTLE_CLASSES, and a limit the project writes itself (a " +
			"function or class outside the tests whose name speaks of both logins or passwords and of limiting them: " +
			"`authorize_login_password`, `throttle_login`, `LoginRateLimiter`). The finding points at " +
			"INSTALLED_APPS. Rate limits in the web server or djsec guard are not visible here, hence medium confidence.",
		Why: "Django's login view accepts unlimited attempts, so passwords can be brute-forced and leaked " +
			"credentials tried at scale (credential stuffing).",
		Bad:        "INSTALLED_APPS = [\"django.contrib.auth\", ...]",
		Good:       "INSTALLED_APPS = [\"django.contrib.auth\", ..., \"axes\"]\nAUTHENTICATION_BACKENDS = [\"axes.backends.AxesStandaloneBackend\", \"django.contrib.auth.backends.ModelBackend\"]",
		Fix:        "Install django-axes (or django-defender), or rate-limit the login views with django-ratelimit, DRF throttles or the reverse proxy.",
		References: []string{"https://django-axes.readthedocs.io/", "https://django-ratelimit.readthedocs.io/"},
	},
	Run: func(pass *analysis.Pass) {
		if codeUsesRatelimit(pass.Project) {
			return
		}
		check(pass, func(e *st.Entry, r *reporter) {
			if installed(e, "django.contrib.auth") != 1 {
				return
			}
			// Each condition must hold on every branch djsec sees; the
			// variables they depend on add up.
			c, ok := st.Holds(e.Value("INSTALLED_APPS"), func(v *st.Value) bool {
				ss, _, all := strList(v)
				if !all {
					return false
				}
				for _, a := range ss {
					for _, t := range throttleApps {
						if a == t || strings.HasPrefix(a, t+".") {
							return false
						}
					}
				}
				return true
			})
			if !ok {
				return
			}
			for _, name := range []string{"MIDDLEWARE", "MIDDLEWARE_CLASSES", "AUTHENTICATION_BACKENDS"} {
				v, absent := setting(e, name)
				if absent {
					continue
				}
				c2, ok := st.Holds(v, func(v *st.Value) bool {
					ss, _, all := strList(v)
					if !all {
						return false
					}
					for _, s := range ss {
						if strings.HasPrefix(s, "axes.") || strings.HasPrefix(s, "defender.") || strings.Contains(s, "ratelimit") {
							return false
						}
					}
					return true
				})
				if !ok {
					return
				}
				c.Vars = append(c.Vars, c2.Vars...)
			}
			if v, absent := setting(e, "REST_FRAMEWORK"); !absent {
				c2, ok := st.Holds(v, func(v *st.Value) bool {
					if v.Kind != st.Dict || v.HasUnknownKeys() {
						return false
					}
					t := v.Get("DEFAULT_THROTTLE_CLASSES")
					return t == nil || t.Truth() == 0
				})
				if !ok {
					return
				}
				c.Vars = append(c.Vars, c2.Vars...)
			}
			c.Vars = dedupeSorted(c.Vars)
			r.at(c, "nothing limits login attempts: no django-axes, django-defender, django-ratelimit or DRF throttling"+c.When())
		})
	},
}

func dedupeSorted(ss []string) []string {
	sort.Strings(ss)
	return dedupe(ss)
}

// codeUsesRatelimit reports whether any Python file of the project imports a
// rate-limiting library, or defines its own limit on logins.
func codeUsesRatelimit(p *project.Project) bool {
	return p.Memo("settings.codeUsesRatelimit", func() any {
		for _, f := range p.OfKind(project.Python) {
			data, err := f.Content()
			if err != nil {
				continue
			}
			for _, needle := range [][]byte{[]byte("import ratelimit"), []byte("from ratelimit"), []byte("django_ratelimit"), []byte("from axes"), []byte("throttle_classes")} {
				if bytes.Contains(data, needle) {
					return true
				}
			}
			if !analysis.TestPath(f.Path) && ownLoginThrottle(data) {
				return true
			}
		}
		return false
	}).(bool)
}

// defNames calls yield with the name of every function and class that a
// line of data defines (`def name`, `async def name`, `class Name`). It is
// a byte loop, not a multi-line regexp, because it reads every module of
// the project.
func defNames(data []byte, yield func(name []byte) bool) {
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		line = bytes.TrimLeft(line, " \t")
		if rest, ok := bytes.CutPrefix(line, []byte("async")); ok && len(rest) > 0 && (rest[0] == ' ' || rest[0] == '\t') {
			line = bytes.TrimLeft(rest, " \t")
		}
		var rest []byte
		if r, ok := bytes.CutPrefix(line, []byte("def")); ok {
			rest = r
		} else if r, ok := bytes.CutPrefix(line, []byte("class")); ok {
			rest = r
		}
		if len(rest) == 0 || (rest[0] != ' ' && rest[0] != '\t') {
			continue
		}
		rest = bytes.TrimLeft(rest, " \t")
		n := 0
		for n < len(rest) && (rest[n] == '_' || rest[n] >= '0' && rest[n] <= '9' || rest[n]|0x20 >= 'a' && rest[n]|0x20 <= 'z' || rest[n] >= 0x80) {
			n++
		}
		if n > 0 && !yield(rest[:n]) {
			return
		}
	}
}

// ownLoginThrottle reports whether a module defines its own limit on login
// attempts: a function or class whose name speaks of both logins or
// passwords and of limiting them (authorize_login_password,
// throttle_login, LoginRateLimiter, check_signin_attempts).
func ownLoginThrottle(data []byte) bool {
	if !bytes.Contains(data, []byte("def ")) && !bytes.Contains(data, []byte("class ")) {
		return false
	}
	found := false
	defNames(data, func(n []byte) bool {
		name := strings.ToLower(string(n))
		login := strings.Contains(name, "login") || strings.Contains(name, "signin") || strings.Contains(name, "sign_in") ||
			strings.Contains(name, "password") || strings.Contains(name, "logon")
		limit := strings.Contains(name, "throttl") || strings.Contains(name, "ratelimit") || strings.Contains(name, "rate_limit") ||
			strings.Contains(name, "lockout") || strings.Contains(name, "attempts") || strings.Contains(name, "authorize") ||
			strings.Contains(name, "bucket")
		found = login && limit
		return !found
	})
	return found
}
