package settings

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// DRFNoThrottling finds DRF APIs without default throttling.
var DRFNoThrottling = &analysis.Rule{
	ID: "DJS504", Name: "drf-no-throttling",
	Severity: report.Low, Confidence: report.MediumConfidence,
	CWE: []int{770, 307}, Checklist: []int{13},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Django REST framework has no default throttling",
		What: "When rest_framework is installed, reports REST_FRAMEWORK without DEFAULT_THROTTLE_CLASSES (or with " +
			"an empty list). Views may still throttle themselves, and the proxy may limit rates, hence medium confidence.",
		Why: "Without throttling, API endpoints (token login, password reset, search) can be hammered for brute " +
			"force, scraping or denial of service.",
		Bad:        "REST_FRAMEWORK = {\"DEFAULT_PERMISSION_CLASSES\": [\"rest_framework.permissions.IsAuthenticated\"]}",
		Good:       "REST_FRAMEWORK = {\n    \"DEFAULT_THROTTLE_CLASSES\": [\"rest_framework.throttling.AnonRateThrottle\", \"rest_framework.throttling.UserRateThrottle\"],\n    \"DEFAULT_THROTTLE_RATES\": {\"anon\": \"100/hour\", \"user\": \"1000/hour\"},\n}",
		Fix:        "Set DEFAULT_THROTTLE_CLASSES and DEFAULT_THROTTLE_RATES, with tighter scoped throttles on login and password endpoints.",
		References: []string{"https://www.django-rest-framework.org/api-guide/throttling/"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			drfUnsafeDefault(e, r, "DEFAULT_THROTTLE_CLASSES",
				"REST_FRAMEWORK is not set, so API views are not throttled",
				"REST_FRAMEWORK has no DEFAULT_THROTTLE_CLASSES, so API views are not throttled",
				func(k st.Case) {
					if k.V.IsSeq() && len(k.V.Elems) == 0 {
						r.at(k, "DEFAULT_THROTTLE_CLASSES is empty"+k.When()+", so API views are not throttled")
					}
				})
		})
	},
}
