package code

import (
	"fmt"
	"sort"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/editdist"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// AccessAttributeMisspelled finds a view's access setting written under a
// name the framework does not read.
var AccessAttributeMisspelled = &analysis.Rule{
	ID:         "DJC232",
	Name:       "access-attribute-misspelled",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{285, 863},
	Checklist:  []int{5},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A view's access setting is misspelled, so the framework ignores it",
		What: "Reports a class attribute of a class view the URLconf routes to whose name is one or two letters away from an " +
			"attribute through which Django REST framework or Django's mixins decide access, and is not that attribute: " +
			"permissions_classes or permission_class for permission_classes, authentication_class for " +
			"authentication_classes, throttle_class for throttle_classes, permissions_required for permission_required. " +
			"A name the project itself reads (self.permissions_classes in a base class's get_permissions, or " +
			"getattr(view, \"permission_class\")) is its own setting and is left alone. A misspelled [AllowAny] is low: the " +
			"defaults the view runs with instead can only be stricter.",
		Why: "Python accepts any attribute name, and neither framework warns about one it does not know: the view " +
			"runs with the defaults (REST_FRAMEWORK's DEFAULT_PERMISSION_CLASSES, often AllowAny or IsAuthenticated; the " +
			"message names the one the view gets) " +
			"instead of the check its author wrote, such as IsAdminUser.",
		Bad:  "class InvoiceAdminViewSet(viewsets.ModelViewSet):\n    permissions_classes = [IsAdminUser]",
		Good: "class InvoiceAdminViewSet(viewsets.ModelViewSet):\n    permission_classes = [IsAdminUser]",
		Fix:  "Rename the attribute to the one the framework reads (permission_classes, authentication_classes, throttle_classes, permission_required).",
		References: []string{"https://www.django-rest-framework.org/api-guide/permissions/#setting-the-permission-policy",
			"https://cwe.mitre.org/data/definitions/863.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		read := map[string]bool{} // misspelled names the project reads itself
		classes, routes := routedClasses(access.Analyze(pass.Project))
		for _, cls := range classes {
			m, c := cls.Module, cls.Def()
			if inTests(m) {
				continue
			}
			for _, st := range c.Body {
				a, ok := st.(*python.Assign)
				if !ok || len(a.Targets) != 1 {
					continue
				}
				n, ok := a.Targets[0].(*python.Name)
				if !ok {
					continue
				}
				want := accessAttribute(n.ID)
				if want == "" {
					continue
				}
				if _, seen := read[n.ID]; !seen {
					read[n.ID] = readByProject(prog, n.ID)
				}
				if read[n.ID] {
					continue
				}
				policy := "the default access policy"
				if r := routes[cls]; want == "permission_classes" && r.Auth.Detail != "" {
					policy = r.Auth.Detail // DRF's default AllowAny (REST_FRAMEWORK sets no ...)
				}
				d := analysis.Diagnostic{
					Location: m.Location(n),
					Message: fmt.Sprintf("%s sets %s, which the framework does not read: it reads %s, so the view runs "+
						"with %s, not %s", c.Name, n.ID, want, policy, m.Text(a.Value)),
				}
				if allowsAny(a.Value) {
					// [AllowAny] meant to open the view: the defaults
					// it runs with can only be stricter
					d.Severity = report.Low
					d.Message += ": stricter than what was written, a bug rather than a hole"
				}
				pass.Report(d)
			}
		}
	},
}

// routedClasses returns the class views the URLconf routes to, in the
// order of their names, each with its first route: the views a request can
// reach, and what lets a request in there.
func routedClasses(model *access.Model) ([]*taint.Class, map[*taint.Class]*access.Route) {
	first := map[*taint.Class]*access.Route{}
	var out []*taint.Class
	for _, r := range model.Routes {
		if c := r.View.Class; c != nil && first[c] == nil {
			first[c] = r
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].QName < out[j].QName })
	return out, first
}

// allowsAny reports a list of permission classes that lets everyone in:
// [] or [AllowAny].
func allowsAny(e python.Expr) bool {
	switch e.(type) {
	case *python.List, *python.Tuple:
	default:
		return false
	}
	for _, el := range python.SeqElts(e) {
		if lastName(access.Dotted(el)) != "AllowAny" {
			return false
		}
	}
	return true
}

// accessAttributes are the class attributes through which DRF and
// Django's access mixins decide who may use a view.
var accessAttributes = []string{"permission_classes", "authentication_classes", "throttle_classes", "permission_required"}

// accessAttribute returns the access attribute name is a near miss of
// (one or two edits away, and not one of them), or "".
func accessAttribute(name string) string {
	for _, a := range accessAttributes {
		if name == a {
			return ""
		}
	}
	for _, a := range accessAttributes {
		// two edits change the length by two at most
		if d := len(name) - len(a); d >= -2 && d <= 2 && editdist.Distance(name, a) <= 2 {
			return a
		}
	}
	return ""
}

// readByProject reports whether some module of the project reads the
// attribute itself (self.permissions_classes, getattr(view,
// "permission_class")): then it is the project's own setting.
func readByProject(prog *taint.Program, name string) bool {
	for _, m := range prog.Modules {
		src := m.Content()
		if bytesearch.Contains(src, "."+name) || bytesearch.Contains(src, `"`+name+`"`) || bytesearch.Contains(src, `'`+name+`'`) {
			return true
		}
	}
	return false
}
