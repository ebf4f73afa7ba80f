package settings

import (
	"fmt"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/pysrc"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// minPasswordLength is the shortest minimum length djsec accepts.
const minPasswordLength = 10

// PasswordValidatorsWeak finds missing or weak password validation.
var PasswordValidatorsWeak = &analysis.Rule{
	ID: "DJS302", Name: "password-validators-weak",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{521}, Checklist: []int{5},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Password validation is missing or allows short passwords",
		What: "When django.contrib.auth is installed, reports production settings whose AUTH_PASSWORD_VALIDATORS " +
			"is unset or empty, has no MinimumLengthValidator (Django's, or a project class deriving from it), or sets its min_length under 10 (Django's default " +
			"of 8 included; low severity for 8 and 9). It is low in a project that installs a Django older than 1.9, which has no validators " +
			"(upgrading it, which DJD201 reports, comes first), and low too where nothing in the project takes a password: no app " +
			"installed that does (the admin, allauth, djoser, simplejwt, Wagtail...), and no module, template or front-end file outside tests " +
			"that holds Django's login or password views and forms, check_password, set_password, a password= argument " +
			"other than password=None, or a password input; such projects log people in through another service (SSO, OIDC). So is it where no backend " +
			"of AUTHENTICATION_BACKENDS checks a password (single sign-on backends, RemoteUserBackend, a project backend that never mentions one), " +
			"or the AUTH_USER_MODEL takes the password field away (password = None), or DATABASES is empty (the site keeps no accounts: its " +
			"backend checks passwords at the service that holds them). It is low as well where the admin's login is the only " +
			"place that takes one (of those apps only the admin, and social_django, which signs people in with another site's account, " +
			"and none of those files): the passwords are those of the staff accounts operators make, and where no one can sign up: no app that " +
			"lets visitors make an account (allauth, django-registration, djoser...) and no module or template holding a user-creation, sign-up or " +
			"registration form, view, serializer or URL (UserCreationForm, SignUpForm, RegisterView, \"register/\").",
		Why: "Without validators users can choose \"password\" or \"123\", which fall to the first guesses of any " +
			"credential-stuffing or brute-force run.",
		Bad:        "AUTH_PASSWORD_VALIDATORS = []",
		Good:       "AUTH_PASSWORD_VALIDATORS = [\n    {\"NAME\": \"django.contrib.auth.password_validation.UserAttributeSimilarityValidator\"},\n    {\"NAME\": \"django.contrib.auth.password_validation.MinimumLengthValidator\", \"OPTIONS\": {\"min_length\": 12}},\n    {\"NAME\": \"django.contrib.auth.password_validation.CommonPasswordValidator\"},\n    {\"NAME\": \"django.contrib.auth.password_validation.NumericPasswordValidator\"},\n]",
		Fix:        "Enable Django's four validators and give MinimumLengthValidator a min_length of 10 or more (12 is common).",
		References: []string{"https://docs.djangoproject.com/en/stable/topics/auth/passwords/#enabling-password-validation"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			if installed(e, "django.contrib.auth") != 1 {
				return
			}
			if why, none := noPasswordLogin(pass.Project, e); none {
				r = r.lowering(why)
			} else if adminOnlyPasswords(pass.Project, e) {
				r = r.lowering("; only the admin's login takes a password (people sign in through another service), so the " +
					"passwords are those of the staff accounts operators make: validators would still check what they choose")
			} else if !publicSignUp(pass.Project, e) {
				r = r.lowering(noSignUpNote + ": validators would still check what they and the account holders choose")
			}
			if ver := djangoOlderThan(pass, 1, 9); ver != "" {
				r = r.lowering("; AUTH_PASSWORD_VALIDATORS came with Django 1.9, and the project installs Django " + ver +
					", which has none: upgrading Django (DJD201) comes first")
			}
			v, absent := setting(e, "AUTH_PASSWORD_VALIDATORS")
			if absent {
				r.missing("AUTH_PASSWORD_VALIDATORS is not set, so Django's password checks (the auth forms, validate_password, createsuperuser) accept any password")
				return
			}
			c, ok := st.Check(v, func(v *st.Value) bool {
				if !v.IsSeq() {
					return false
				}
				for _, x := range v.Elems {
					if x.Kind != st.Dict || x.HasUnknownKeys() || x.Get("NAME") == nil || x.Get("NAME").Kind != st.Str {
						return false
					}
				}
				return true
			})
			if !ok {
				return
			}
			if len(c.V.Elems) == 0 {
				r.at(c, "AUTH_PASSWORD_VALIDATORS is empty"+c.When()+", so Django's password checks (the auth forms, validate_password, createsuperuser) accept any password")
				return
			}
			for _, x := range c.V.Elems {
				if !lengthValidator(pass.Project, x.Get("NAME").S) {
					continue
				}
				n, at := int64(8), c
				if opts := x.Get("OPTIONS"); opts != nil {
					ml := opts.Get("min_length")
					if ml == nil {
						if opts.Kind != st.Dict || opts.HasUnknownKeys() {
							return
						}
					} else {
						mc, ok := st.Resolve(ml)
						if !ok {
							return
						}
						var isInt bool
						if n, isInt = mc.V.Int64(); !isInt || mc.V.Kind != st.Int {
							return
						}
						at = mc
						at.Vars = append(at.Vars, c.Vars...)
					}
				}
				if at.At == c.At && !c.FromEnv() {
					at.At = x.Get("NAME").Origin
				}
				if n < minPasswordLength {
					d := pendingAt(at, fmt.Sprintf("MinimumLengthValidator accepts passwords of %d characters, fewer than %d%s", n, minPasswordLength, at.When()))
					if n >= 8 {
						d.Severity = report.Low
					}
					r.add(d)
				}
				return
			}
			r.at(c, "AUTH_PASSWORD_VALIDATORS has no MinimumLengthValidator"+c.When())
		})
	},
}

// lengthValidator reports a validator class, by its dotted name, that is
// Django's MinimumLengthValidator or a class of the project deriving from
// it (arches.app.utils.password_validation.MinLengthValidator).
func lengthValidator(p *project.Project, name string) bool {
	if strings.HasSuffix(name, "MinimumLengthValidator") {
		return true
	}
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return false
	}
	f := st.Load(p).ModuleFile(name[:i])
	if f == nil {
		return false
	}
	m, _ := pysrc.Parse(f)
	if m == nil {
		return false
	}
	for _, s := range m.Body {
		c, ok := s.(*python.ClassDef)
		if !ok || c.Name != name[i+1:] {
			continue
		}
		for _, b := range c.Bases {
			if d, ok := python.DottedName(b); ok && strings.HasSuffix(d, "MinimumLengthValidator") {
				return true
			}
		}
	}
	return false
}
