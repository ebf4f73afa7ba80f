package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

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
		page := schemaPage()
		var checks []pathCheck
		for _, path := range []string{"/api/schema/", "/schema/", "/swagger/", "/swagger-ui/", "/api/docs/", "/docs/", "/redoc/", "/api/schema/swagger-ui/", "/openapi.json", "/swagger.json", "/api/swagger.json"} {
			checks = append(checks, pathCheck{path: path, marker: page, what: "an API schema or documentation page is public at " + path})
		}
		checkPaths(p, s, checks)
	},
}

// schemaPage is an OpenAPI or Swagger document, or a page that shows one.
var schemaPage = lazyre.New(`(?i)swagger-ui|redoc|"openapi"\s*:|"swagger"\s*:|^openapi:\s*['"]?3`)
