package code

import (
	"sort"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// CSRFExemptStateChange finds @csrf_exempt on views that change state on
// behalf of a user identified by a cookie.
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
			"wrapped as csrf_exempt(view) in urls.py) that change state (a database, file, cache or session write, " +
			"a shell command, mail, login() or set_cookie) and that act for a user the browser identifies by its " +
			"cookies: the view requires a login or reads request.user or request.session. Views that authenticate " +
			"by a header token, an API key or a signature, views reached by a signed or unguessable URL, and views " +
			"that use no cookie identity but are restricted in a way djsec cannot see into (GraphQL endpoints, " +
			"third-party decorators) are not reported. An exempt view that changes data and that nothing " +
			"restricts at all (a webhook that checks no signature) is reported as such.",
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
		model := access.Analyze(pass.Project)
		done := map[python.Node]bool{}
		// Routed views, with everything the access model knows of them.
		byView := map[*access.View][]*access.Route{}
		var views []*access.View
		for _, r := range model.Routes {
			if r.CSRF.Value != "exempt" || r.View.Library {
				continue
			}
			if byView[r.View] == nil {
				views = append(views, r.View)
			}
			byView[r.View] = append(byView[r.View], r)
		}
		sort.Slice(views, func(i, j int) bool { return views[i].QName < views[j].QName })
		for _, v := range views {
			m, def, body := v.Code()
			if m == nil || inTests(m) {
				continue
			}
			done[def] = true
			if noAmbientAuthority(byView[v]) {
				continue
			}
			open := true
			for _, r := range byView[v] {
				open = open && r.IsOpen()
			}
			checkExempt(pass, m, def, body, hasLoginGuard(byView[v]), open)
		}
		// Exempt views the URLconf does not show (routed dynamically).
		for _, m := range appModules(pass, prog) {
			if !bytesearch.Contains(m.Content(), "csrf_exempt") {
				continue
			}
			ix := m.Index()
			for _, d := range ix.Funcs {
				if !done[d] && len(d.DecoratorList) > 0 && hasName(decorators(m, d.DecoratorList), "csrf_exempt") {
					checkExempt(pass, m, d, d.Body, hasName(decorators(m, d.DecoratorList), authNames...), false)
				}
			}
			for _, d := range ix.Classes {
				if !done[d] && len(d.DecoratorList) > 0 && hasName(decorators(m, d.DecoratorList), "csrf_exempt") {
					checkExempt(pass, m, d, methodBodies(d), false, false)
				}
			}
		}
	},
}

var authNames = []string{"login_required", "permission_required", "user_passes_test", "staff_member_required",
	"superuser_required", "otp_required"}

// noAmbientAuthority: the view authenticates by something a cross-site
// form cannot send (a header token, an API key, a signature) or by a URL
// the attacker would have to know.
func noAmbientAuthority(routes []*access.Route) bool {
	for _, r := range routes {
		for _, g := range r.Guards {
			switch g.Kind {
			case access.Credential, access.SignedURL, access.Capability:
				return true
			}
		}
	}
	return false
}

func hasLoginGuard(routes []*access.Route) bool {
	for _, r := range routes {
		for _, g := range r.Guards {
			switch g.Kind {
			case access.Login, access.Staff, access.Superuser, access.Permission:
				return true
			}
		}
	}
	return false
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

// checkExempt reports an exempt view that changes state for a user its
// cookies identify (or logs one in: login CSRF).
func checkExempt(pass *analysis.Pass, m *taint.Module, def python.Node, body []python.Stmt, loginGuard, open bool) {
	if verifiesSignature(m, body) {
		return
	}
	c, ok := access.StateChange(m, body)
	if !ok {
		return
	}
	if open && !loginGuard && !usesCookieIdentity(m, def) && c.What != "login()" {
		pass.Report(analysis.Diagnostic{
			Location: m.DefLocation(def),
			Message: "view is exempt from CSRF protection and changes data (" + c.What + ": " + m.Text(c.Node) +
				") with nothing that authenticates the request: a webhook must verify its sender's signature",
		})
		return
	}
	if !loginGuard && !usesCookieIdentity(m, def) && c.What != "login()" {
		return
	}
	pass.Report(analysis.Diagnostic{
		Location: m.DefLocation(def),
		Message:  "view is exempt from CSRF protection but changes data (" + c.What + ": " + m.Text(c.Node) + ") for the user its cookies identify",
	})
}

// usesCookieIdentity: the view acts as request.user or on request.session.
func usesCookieIdentity(m *taint.Module, def python.Node) bool {
	src := m.Bytes(def)
	return bytesearch.Contains(src, "request.user") || bytesearch.Contains(src, "request.session") ||
		bytesearch.Contains(src, "request.COOKIES")
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
