package code

import (
	"bytes"
	"regexp"
	"sort"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// UnauthenticatedStateChange finds routed views that change data without
// any authentication, in projects that do authenticate elsewhere.
var UnauthenticatedStateChange = &analysis.Rule{
	ID:         "DJC213",
	Name:       "unauthenticated-state-change",
	Severity:   report.Medium,
	Confidence: report.MediumConfidence,
	CWE:        []int{306, 862},
	Checklist:  []int{5},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A view changes data without requiring authentication",
		What: "In projects that use authentication (login_required, LoginRequiredMixin, permission checks appear " +
			"somewhere), reports views routed by urls.py that write data (model save/delete/create/update, generic " +
			"CreateView/UpdateView/DeleteView) and have no authentication decorator, mixin or check of " +
			"request.user in their body. Views meant for anonymous users by their name (login, signup, register, " +
			"password reset, contact, webhooks) and DRF views (whose permissions come from settings) are not reported.",
		Why: "A view that forgets its decorator lets anyone on the internet change or delete data that the rest of " +
			"the site protects.",
		Bad:  "def delete_address(request, pk):\n    Address.objects.filter(pk=pk).delete()",
		Good: "@login_required\ndef delete_address(request, pk):\n    Address.objects.filter(pk=pk, user=request.user).delete()",
		Fix:  "Add @login_required (or a permission decorator) to function views and LoginRequiredMixin or PermissionRequiredMixin to class-based views.",
		References: []string{"https://docs.djangoproject.com/en/stable/topics/auth/default/#limiting-access-to-logged-in-users",
			"https://cwe.mitre.org/data/definitions/306.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		if !usesAuth(prog) {
			return
		}
		views := prog.Views()
		names := make([]string, 0, len(views))
		for n := range views {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			v := views[n]
			if v.ViewSet || publicName.MatchString(lastName(n)) || hasName(v.Wrappers, authNames...) {
				continue
			}
			if v.Class {
				checkClassView(pass, prog, prog.Classes[n])
			} else if f := prog.Funcs[n]; f != nil && f.Class == nil {
				checkFuncView(pass, f)
			}
		}
	},
}

var (
	publicName = regexp.MustCompile(`(?i)login|logout|sign_?up|sign_?in|register|password|reset|activat|confirm|contact|subscribe|webhook|callback|newsletter|feedback|public|anonymous|health|ping`)
	authNames  = []string{"login_required", "permission_required", "user_passes_test", "staff_member_required",
		"superuser_required", "LoginRequiredMixin", "PermissionRequiredMixin", "UserPassesTestMixin", "AccessMixin",
		"StaffuserRequiredMixin", "SuperuserRequiredMixin", "GroupRequiredMixin", "IsAuthenticated", "otp_required"}
	userCheck = regexp.MustCompile(`request\.user\.(is_authenticated|is_staff|is_superuser|has_perm|is_anonymous)|PermissionDenied|redirect_to_login|check_object_permissions|user_passes_test`)
)

// checksUser reports whether code checks the user itself; the substring
// tests keep the regular expression off most views.
func checksUser(src []byte) bool {
	if !bytes.Contains(src, []byte("request.user")) && !bytes.Contains(src, []byte("ermission")) &&
		!bytes.Contains(src, []byte("redirect_to_login")) && !bytes.Contains(src, []byte("user_passes_test")) {
		return false
	}
	return userCheck.Match(src)
}

func usesAuth(prog *taint.Program) bool {
	for _, m := range prog.Modules {
		for _, n := range authNames {
			if bytes.Contains(m.Src, []byte(n)) {
				return true
			}
		}
	}
	return false
}

func checkFuncView(pass *analysis.Pass, f *taint.Func) {
	m := f.Module
	w, ok := changesData(f.Def.Body)
	if !ok || hasName(decorators(m, f.Def.DecoratorList), authNames...) || checksUser(m.Bytes(f.Def)) {
		return
	}
	pass.Reportf(m.DefLocation(f.Def), "view %s changes data (%s) but requires no authentication", f.Def.Name, m.Text(w))
}

func checkClassView(pass *analysis.Pass, prog *taint.Program, c *taint.Class) {
	if c == nil {
		return
	}
	m := c.Module
	if prog.IsSubclass(c, func(q string) bool {
		return hasName([]string{q}, authNames...) || hasName([]string{q}, "APIView", "GenericAPIView", "ViewSet", "ModelViewSet", "GenericViewSet")
	}) || hasName(decorators(m, c.Def.DecoratorList), authNames...) {
		return
	}
	if checksUser(m.Bytes(c.Def)) {
		return
	}
	for _, s := range c.Def.Body {
		if f, ok := s.(*python.FunctionDef); ok && hasName(decorators(m, f.DecoratorList), authNames...) {
			return
		}
	}
	if prog.IsSubclass(c, func(q string) bool {
		switch lastName(q) {
		case "CreateView", "UpdateView", "DeleteView", "FormView":
			return lastName(q) != "FormView"
		}
		return false
	}) {
		pass.Reportf(m.DefLocation(c.Def), "view %s creates, updates or deletes objects but requires no authentication", c.Def.Name)
		return
	}
	var body []python.Stmt
	for _, s := range c.Def.Body {
		if f, ok := s.(*python.FunctionDef); ok {
			body = append(body, f.Body...)
		}
	}
	if w, ok := changesData(body); ok {
		pass.Reportf(m.DefLocation(c.Def), "view %s changes data (%s) but requires no authentication", c.Def.Name, m.Text(w))
	}
}
