package settings

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// DRFNoAuthentication finds DRF configured with no authentication classes.
var DRFNoAuthentication = &analysis.Rule{
	ID: "DJS503", Name: "drf-no-authentication",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{306}, Checklist: []int{5},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Django REST framework has no authentication classes",
		What: "When rest_framework is installed, reports REST_FRAMEWORK[\"DEFAULT_AUTHENTICATION_CLASSES\"] set to " +
			"an empty list. Unset keeps DRF's session and basic authentication and is not reported.",
		Why: "Every request is then anonymous: permission checks either lock everyone out or, with AllowAny, " +
			"let everyone in, and per-user throttles and audit trails see no user.",
		Bad:        "REST_FRAMEWORK = {\"DEFAULT_AUTHENTICATION_CLASSES\": []}",
		Good:       "REST_FRAMEWORK = {\"DEFAULT_AUTHENTICATION_CLASSES\": [\"rest_framework.authentication.SessionAuthentication\"]}",
		Fix:        "List the authentication the API uses (session, token, JWT) in DEFAULT_AUTHENTICATION_CLASSES.",
		References: []string{"https://www.django-rest-framework.org/api-guide/authentication/#setting-the-authentication-scheme"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			c, absent, ok := drfSettings(e)
			if !ok || absent {
				return
			}
			if k, present, ok := drfKey(c, "DEFAULT_AUTHENTICATION_CLASSES"); ok && present && k.V.IsSeq() && len(k.V.Elems) == 0 {
				r.at(k, "DEFAULT_AUTHENTICATION_CLASSES is empty"+k.When()+", so every API request is anonymous")
			}
		})
	},
}
