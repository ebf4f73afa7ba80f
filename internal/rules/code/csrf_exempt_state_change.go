package code

import (
	"sort"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// CSRFExemptStateChange finds @csrf_exempt on views that change data.
var CSRFExemptStateChange = &analysis.Rule{
	ID:         "DJC201",
	Name:       "csrf-exempt-state-change",
	Severity:   report.High,
	Confidence: report.MediumConfidence,
	CWE:        []int{352},
	Checklist:  []int{7},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A view that changes data is exempt from CSRF protection",
		What: "Reports functions and class-based views marked @csrf_exempt (directly, through method_decorator, or " +
			"wrapped as csrf_exempt(view) in urls.py) " +
			"whose code writes data: model save/delete/create/update, set_password, related-manager add/remove. " +
			"Exempt views that only read, and webhooks that verify a signature with hmac.compare_digest or a " +
			"provider SDK's verification call, are not reported.",
		Why: "Without the CSRF check any site the victim visits can submit forms to the view with the victim's " +
			"cookies: change their e-mail, password or orders.",
		Bad:  "@csrf_exempt\ndef update_email(request):\n    request.user.email = request.POST[\"email\"]\n    request.user.save()",
		Good: "def update_email(request):  # CSRF middleware checks the token\n    request.user.email = request.POST[\"email\"]\n    request.user.save()",
		Fix: "Remove @csrf_exempt and send the CSRF token (the {% csrf_token %} tag, or the X-CSRFToken header from " +
			"JavaScript); for machine-to-machine webhooks, verify the sender's signature before acting.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/csrf/", "https://cwe.mitre.org/data/definitions/352.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		views := prog.Views()
		names := make([]string, 0, len(views))
		for n, v := range views {
			if hasName(v.Wrappers, "csrf_exempt") {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		for _, n := range names {
			if f := prog.Funcs[n]; f != nil {
				checkExempt(pass, f.Module, f.Def, f.Def.Body)
			} else if c := prog.Classes[n]; c != nil {
				checkExempt(pass, c.Module, c.Def, methodBodies(c.Def))
			}
		}
		for _, m := range prog.Modules {
			if inTests(m) {
				continue
			}
			ix := m.Index()
			for _, d := range ix.Funcs {
				if len(d.DecoratorList) > 0 && hasName(decorators(m, d.DecoratorList), "csrf_exempt") {
					checkExempt(pass, m, d, d.Body)
				}
			}
			for _, d := range ix.Classes {
				if len(d.DecoratorList) > 0 && hasName(decorators(m, d.DecoratorList), "csrf_exempt") {
					checkExempt(pass, m, d, methodBodies(d))
				}
			}
		}
	},
}

func methodBodies(d *python.ClassDef) []python.Stmt {
	var body []python.Stmt
	for _, s := range d.Body {
		if f, ok := s.(*python.FunctionDef); ok {
			body = append(body, f.Body...)
		}
	}
	return body
}

func checkExempt(pass *analysis.Pass, m *taint.Module, def python.Node, body []python.Stmt) {
	if verifiesSignature(m, body) {
		return
	}
	w, ok := changesData(body)
	if !ok {
		return
	}
	pass.Report(analysis.Diagnostic{
		Location: m.DefLocation(def),
		Message:  "view is exempt from CSRF protection but changes data (" + m.Text(w) + ")",
	})
}

func verifiesSignature(m *taint.Module, body []python.Stmt) bool {
	found := false
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool {
			if c, ok := n.(*python.Call); ok {
				q := m.QualName(c.Func)
				switch lastName(q) {
				case "compare_digest", "construct_event", "verify_signature", "validate_signature", "verify":
					found = true
				}
			}
			return !found
		})
	}
	return found
}
