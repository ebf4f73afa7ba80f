package settings

import (
	"fmt"
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// DRFAllowAny finds Django REST framework APIs open by default.
var DRFAllowAny = &analysis.Rule{
	ID: "DJS502", Name: "drf-allow-any",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{862, 1188}, Checklist: []int{5},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Django REST framework lets anyone call every view by default",
		What: "When rest_framework is installed, reports REST_FRAMEWORK[\"DEFAULT_PERMISSION_CLASSES\"] that is " +
			"only AllowAny, or that is not set (DRF's default is AllowAny). Views that set permission_classes " +
			"themselves are not affected, but every view that forgets to is public. When every API view of the project " +
			"that the URLconf routes sets its own permission_classes, checks the user or a credential in its own code (a webhook " +
			"that verifies a signature) or answers only GET, HEAD and OPTIONS (a public read-only API), the finding is low: the default opens nothing to writes today, only views added later. It is low too when a middleware " +
			"turns away every request that has not logged in (LoginRequiredMiddleware, the project's own login by a single sign-on " +
			"proxy's header): the default then opens only the paths that middleware lets through. And it is low when the project " +
			"defines no API view (no module that imports rest_framework names APIView, ViewSet or @api_view: DRF installed for its token model " +
			"or its serializers, beside the project's own base of JSON views) and routes none of a library's.",
		Why: "An API view without its own permission_classes then answers anonymous requests: one forgotten " +
			"line exposes or lets anyone change data.",
		Bad:        "REST_FRAMEWORK = {\"DEFAULT_PERMISSION_CLASSES\": [\"rest_framework.permissions.AllowAny\"]}",
		Good:       "REST_FRAMEWORK = {\"DEFAULT_PERMISSION_CLASSES\": [\"rest_framework.permissions.IsAuthenticated\"]}",
		Fix:        "Make IsAuthenticated (or a stricter class) the default and open public views one by one with permission_classes = [AllowAny].",
		References: []string{"https://www.django-rest-framework.org/api-guide/permissions/#setting-the-permission-policy"},
	},
	Run: func(pass *analysis.Pass) {
		// why the default opens nothing much today, if it does not
		why := explicitPermissions(pass.Project)
		if g := access.Analyze(pass.Project).Gate; g != nil && why == "" {
			why = "; but every request first passes " + g.What + " (" + access.Where(g.Where) + "), so the default opens to " +
				"anonymous clients only the paths the middleware lets through: set permission_classes on those views"
		}
		check(pass, func(e *st.Entry, r *reporter) {
			if why != "" {
				r = r.lowering(why)
			}
			drfUnsafeDefault(e, r, "DEFAULT_PERMISSION_CLASSES",
				"REST_FRAMEWORK is not set, so DEFAULT_PERMISSION_CLASSES is DRF's AllowAny",
				"REST_FRAMEWORK has no DEFAULT_PERMISSION_CLASSES, so DRF's default AllowAny applies",
				func(k st.Case) {
					if !k.V.IsSeq() {
						return
					}
					if ss, all := k.V.Strings(); all && len(ss) > 0 && allAllowAny(ss) {
						r.at(k, "DEFAULT_PERMISSION_CLASSES is AllowAny"+k.When()+", so API views without their own permission_classes are public")
					}
				})
		})
	},
}

// explicitPermissions says, when every API view of the project that the
// URLconf routes sets its own permission_classes, or when the project
// defines none and routes none of a library's, that the default decides
// nothing today; "" when some view relies on it, or when djsec sees no
// API view routed while the code may define some.
func explicitPermissions(p *project.Project) string {
	model := access.Analyze(p)
	n, reads := 0, 0
	for _, v := range model.Views {
		if !v.DRF || v.Library {
			continue
		}
		if v.DefaultPermissions && !checksItself(v) {
			if !model.ReadsOnly(v) {
				return ""
			}
			reads++
		}
		n++
	}
	if n == 0 {
		for _, v := range model.Views {
			if v.DRF {
				return "" // a library's API views, which may rely on it
			}
		}
		if definesAPIViews(p) {
			return "" // views djsec does not see routed
		}
		return "; the project defines no API view of DRF's (no module that imports it names APIView, ViewSet or @api_view) and routes none of a " +
			"library's: the default opens nothing today, only views added later"
	}
	if reads > 0 {
		return fmt.Sprintf("; every API view the URLconf routes (%d) sets its own permission_classes, checks the user or a "+
			"credential itself, or answers only GET, HEAD and OPTIONS (%d), so the default opens nothing to writes today, only views added later", n, reads)
	}
	return fmt.Sprintf("; every API view the URLconf routes (%d) sets its own permission_classes or checks the user or a "+
		"credential itself, so the default only opens views added later", n)
}

// definesAPIViews reports whether a module of the project outside its
// tests imports from rest_framework (or Wagtail's API, built on it) and
// names one of DRF's view classes or its api_view decorator: it may define
// API views, routed where djsec does not see. A module that names no
// rest_framework defines none of DRF's (class APIView(View) of its own),
// and one that subclasses a project base of DRF's has that base's module
// beside it.
func definesAPIViews(p *project.Project) bool {
	var buf []byte
	for _, f := range p.OfKind(project.Python) {
		if analysis.TestPath(f.Path) {
			continue
		}
		data, err := f.Peek(&buf)
		if err != nil || !bytesearch.Contains(data, "rest_framework") && !bytesearch.Contains(data, "wagtail.api") {
			continue // a class of the project's own named APIView, on Django's View; Wagtail's admin viewsets
		}
		for _, w := range []string{"APIView", "ViewSet", "api_view"} {
			if bytesearch.Contains(data, w) {
				return true
			}
		}
	}
	return false
}

// checksItself reports a view that decides who may call it in its own
// code, whatever the default permission: it checks the user, a
// credential the client sends (a webhook's signature, a token it looks
// up) or a signed value.
func checksItself(v *access.View) bool {
	for _, g := range v.Guards {
		if g.Global {
			continue
		}
		switch g.Kind {
		case access.Login, access.Staff, access.Superuser, access.Permission, access.Credential, access.SignedURL:
			return true
		}
	}
	return false
}

func allAllowAny(ss []string) bool {
	for _, s := range ss {
		if !strings.HasSuffix(s, ".AllowAny") && s != "AllowAny" {
			return false
		}
	}
	return true
}
