package probe

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

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
		marker := browsableAPI()
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

// browsableAPI is a page of the browsable API: its assets or its footer.
var browsableAPI = lazyre.New(`rest_framework/(css|js)/|Django REST framework</a>`)
