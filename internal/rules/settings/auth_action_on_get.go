package settings

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// AuthActionOnGet finds django-allauth told to log users out, or to start
// a social login, on a GET request.
var AuthActionOnGet = &analysis.Rule{
	ID: "DJS305", Name: "auth-action-on-get",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{352}, Checklist: []int{5, 7},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "django-allauth logs users out, or starts a social login, on a GET request",
		What: "Reports, in production settings, ACCOUNT_LOGOUT_ON_GET set to True when allauth.account is installed " +
			"and SOCIALACCOUNT_LOGIN_ON_GET set to True when allauth.socialaccount is. Unset, or with the app not " +
			"installed, they are not reported.",
		Why: "allauth's views then act as soon as they are fetched, without their confirmation form and its CSRF " +
			"token: any page the user visits can log them out with an image, or send them through a social login " +
			"with a link, which can sign them in or connect an account the attacker chose.",
		Bad:        "ACCOUNT_LOGOUT_ON_GET = True\nSOCIALACCOUNT_LOGIN_ON_GET = True",
		Good:       "# both left unset (False): logging out and starting a social login are POSTs with the CSRF token",
		Fix:        "Remove the setting, and make the logout link (or the provider's login button) a small form that POSTs to account_logout (or the provider's login URL) with {% csrf_token %}.",
		References: []string{"https://docs.allauth.org/en/latest/account/configuration.html", "https://docs.allauth.org/en/latest/socialaccount/configuration.html", "https://cwe.mitre.org/data/definitions/352.html"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			for _, s := range []struct{ app, setting, what string }{
				{"allauth.account", "ACCOUNT_LOGOUT_ON_GET", "log the user out with a link or an image"},
				{"allauth.socialaccount", "SOCIALACCOUNT_LOGIN_ON_GET", "send the user through a social login with a link"},
			} {
				if installed(e, s.app) != 1 {
					continue
				}
				if c, ok := st.Check(e.Value(s.setting), isTrue); ok {
					r.at(c, s.setting+" is "+c.V.Repr()+c.When()+", so any site can "+s.what+": allauth skips its form and its CSRF check")
				}
			}
		})
	},
}
