package settings

import (
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// throttleApps are apps that limit login attempts; smartmin's users app
// does in its Login view, which sends a username that failed
// USER_FAILED_LOGIN_LIMIT times (5) within USER_LOCKOUT_TIMEOUT minutes
// (10) to a lockout page.
var throttleApps = []string{"axes", "defender", "django_ratelimit", "ratelimit", "brutebuster", "django_brute_force", "smartmin.users"}

// LoginThrottlingMissing finds projects with logins but no limit on attempts.
var LoginThrottlingMissing = &analysis.Rule{
	ID: "DJS303", Name: "login-throttling-missing",
	Severity: report.Medium, Confidence: report.MediumConfidence,
	CWE: []int{307}, Checklist: []int{5, 13},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Nothing limits login attempts",
		What: "When django.contrib.auth is installed, reports production settings that have none of: django-axes or " +
			"django-defender (app, middleware or authentication backend), smartmin's users app (its Login view locks a username out " +
			"after five failures in ten minutes), django-ratelimit (app, or imported " +
			"anywhere in the project's code), DRF DEFAULT_THROTTLE_CLASSES, and a limit the project writes itself (a " +
			"function or class outside the tests whose name speaks of both logins or passwords and of limiting them: " +
			"`authorize_login_password`, `throttle_login`, `LoginRateLimiter`). django-allauth limits failed logins on " +
			"its own login page unless ACCOUNT_RATE_LIMITS turns that off: with it the finding is low and about the " +
			"admin's login page, and without the admin there is none. Where no backend of AUTHENTICATION_BACKENDS checks a " +
			"password (single sign-on, RemoteUserBackend), the AUTH_USER_MODEL takes the password field away (password = None), or DATABASES is " +
			"empty (the accounts, and their limits, are another service's), the finding is low, as it is where nothing in the project takes a " +
			"password at all (no admin, login view or form, password input) and where the admin's login is the only one (people sign in " +
			"through another service, and the accounts are the few staff ones operators make). The finding points at " +
			"INSTALLED_APPS. Rate limits in the web server or djsec guard are not visible here, hence medium confidence.",
		Why: "Django's login view accepts unlimited attempts, so passwords can be brute-forced and leaked " +
			"credentials tried at scale (credential stuffing).",
		Bad:        "INSTALLED_APPS = [\"django.contrib.auth\", ...]",
		Good:       "INSTALLED_APPS = [\"django.contrib.auth\", ..., \"axes\"]\nAUTHENTICATION_BACKENDS = [\"axes.backends.AxesStandaloneBackend\", \"django.contrib.auth.backends.ModelBackend\"]",
		Fix:        "Install django-axes (or django-defender), or rate-limit the login views with django-ratelimit, DRF throttles or the reverse proxy (nginx limit_req, or djsec guard, which also bans addresses that keep failing).",
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
			if why, none := noPasswordLogin(pass.Project, e); none {
				r = r.lowering(why)
			} else if adminOnlyPasswords(pass.Project, e) {
				r = r.lowering("; only the admin's login takes a password (people sign in through another service), so what " +
					"can be guessed are the passwords of the staff accounts operators make")
			}
			if installed(e, "allauth.account") == 1 && !allauthLimitsOff(e) {
				// allauth limits failed logins on its own login page by
				// default; the admin's login page is Django's and is not.
				if installed(e, "django.contrib.admin") != 1 {
					return
				}
				r.lowering("; django-allauth limits failed logins on its own login page, so only the admin's login page is left").
					at(c, "nothing limits login attempts on the admin's login page: no django-axes, django-defender, django-ratelimit or DRF throttling"+c.When())
				return
			}
			r.at(c, "nothing limits login attempts: no django-axes, django-defender, django-ratelimit or DRF throttling"+c.When())
		})
	},
}

// allauthLimitsOff reports whether the settings turn off django-allauth's
// limit on failed logins: ACCOUNT_RATE_LIMITS = False (or a login_failed
// limit of False or None), or, before allauth 0.58,
// ACCOUNT_LOGIN_ATTEMPTS_LIMIT = None.
func allauthLimitsOff(e *st.Entry) bool {
	if v, absent := setting(e, "ACCOUNT_RATE_LIMITS"); !absent {
		if _, ok := st.Check(v, func(v *st.Value) bool {
			if v.Kind == st.Dict {
				lf := v.Get("login_failed")
				return lf != nil && (lf.Kind == st.None || lf.Truth() == 0)
			}
			return v.Kind == st.None || v.Truth() == 0
		}); ok {
			return true
		}
	}
	if v, absent := setting(e, "ACCOUNT_LOGIN_ATTEMPTS_LIMIT"); !absent {
		if _, ok := st.Check(v, func(v *st.Value) bool { return v.Kind == st.None || v.Truth() == 0 }); ok {
			return true
		}
	}
	return false
}

func dedupeSorted(ss []string) []string {
	sort.Strings(ss)
	return dedupe(ss)
}

// codeUsesRatelimit reports whether any Python file of the project imports a
// rate-limiting library, or defines its own limit on logins.
func codeUsesRatelimit(p *project.Project) bool {
	return p.Memo("settings.codeUsesRatelimit", func() any {
		var buf []byte
		for _, f := range p.OfKind(project.Python) {
			data, err := f.Peek(&buf)
			if err != nil {
				continue
			}
			// "ratelimit" is in three of the needles: most files lack
			// it, and are then searched twice rather than five times.
			needles := []string{"from axes", "throttle_classes"}
			if bytesearch.Contains(data, "ratelimit") {
				needles = append(needles, "import ratelimit", "from ratelimit", "django_ratelimit")
			}
			for _, needle := range needles {
				if bytesearch.Contains(data, needle) {
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

// ownLoginThrottle reports whether a module defines its own limit on login
// attempts: a function or class whose name speaks of both logins or
// passwords and of limiting them (authorize_login_password,
// throttle_login, LoginRateLimiter, check_signin_attempts). It reads the
// bytes rather than parsing: it runs on every Python file of the project.
func ownLoginThrottle(data []byte) bool {
	for _, kw := range []string{"def ", "class "} {
		for rest := data; ; {
			i := bytesearch.Index(rest, kw)
			if i < 0 {
				break
			}
			j := i + len(kw)
			for j < len(rest) && rest[j] == ' ' {
				j++
			}
			k := j
			for k < len(rest) && (rest[k] == '_' || rest[k] >= '0' && rest[k] <= '9' || rest[k]|0x20 >= 'a' && rest[k]|0x20 <= 'z') {
				k++
			}
			if k > j && (i == 0 || rest[i-1] == ' ' || rest[i-1] == '\t' || rest[i-1] == '\n') && loginLimitName(string(rest[j:k])) {
				return true
			}
			rest = rest[k:]
		}
	}
	return false
}

func loginLimitName(name string) bool {
	name = strings.ToLower(name)
	// Most names speak of no login at all: the limit words are looked
	// for only in those that do (this runs for every def of a project).
	login := strings.Contains(name, "login") || strings.Contains(name, "signin") || strings.Contains(name, "sign_in") ||
		strings.Contains(name, "password") || strings.Contains(name, "logon")
	if !login {
		return false
	}
	return strings.Contains(name, "throttl") || strings.Contains(name, "ratelimit") || strings.Contains(name, "rate_limit") ||
		strings.Contains(name, "lockout") || strings.Contains(name, "attempts") || strings.Contains(name, "authorize") ||
		strings.Contains(name, "bucket")
}
