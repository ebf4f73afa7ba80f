package settings

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// SocialAuthRedirectsUnchecked finds python-social-auth told to follow
// any next= after a login.
var SocialAuthRedirectsUnchecked = &analysis.Rule{
	ID: "DJS307", Name: "social-auth-redirects-unchecked",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{601}, Checklist: []int{5},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "python-social-auth follows any address after a login",
		What: "Reports SOCIAL_AUTH_SANITIZE_REDIRECTS set to False, where social_django is installed (or INSTALLED_APPS is not known in full), or to an expression that is False when the environment " +
			"leaves it unset (os.getenv(\"SOCIAL_AUTH_SANITIZE_REDIRECTS\") == \"True\"): python-social-auth (social-auth-app-django) " +
			"then sends the user, once signed in with the identity provider, to whatever address the next parameter of the " +
			"login link names, on any host. Its default, True, keeps only addresses of the site's own hosts.",
		Why: "An open redirect right after a real sign-in is a phisher's best start: the victim follows a link to the genuine " +
			"login page, signs in with the genuine provider, and lands on the attacker's copy of the site asking again for a " +
			"password or a payment.",
		Bad:        "SOCIAL_AUTH_SANITIZE_REDIRECTS = False",
		Good:       "# the default: only the hosts of ALLOWED_HOSTS, and SOCIAL_AUTH_ALLOWED_REDIRECT_HOSTS\nSOCIAL_AUTH_ALLOWED_REDIRECT_HOSTS = [\"app.example.org\"]",
		Fix:        "Remove SOCIAL_AUTH_SANITIZE_REDIRECTS (True by default) and name the other hosts users may be sent to in SOCIAL_AUTH_ALLOWED_REDIRECT_HOSTS.",
		References: []string{"https://python-social-auth.readthedocs.io/en/latest/configuration/settings.html#processing-redirects-and-urlopen"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			v := e.Value("SOCIAL_AUTH_SANITIZE_REDIRECTS")
			if v == nil || installed(e, "social_django") == 0 {
				return // the setting of an app the site does not run
			}
			c, ok := st.Check(v, func(v *st.Value) bool { return v.Truth() == 0 })
			if !ok {
				return
			}
			r.add(pendingAt(c, "SOCIAL_AUTH_SANITIZE_REDIRECTS is False"+c.When()+
				": after a login python-social-auth sends users to whatever address the login link's next parameter names, on any host"))
		})
	},
}
