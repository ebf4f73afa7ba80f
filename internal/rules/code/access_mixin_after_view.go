package code

import (
	"fmt"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// AccessMixinAfterView finds access mixins that never run because a view
// class comes before them in a class's bases.
var AccessMixinAfterView = &analysis.Rule{
	ID:         "DJC224",
	Name:       "access-mixin-after-view",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{285, 862},
	Checklist:  []int{5},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "An access mixin is listed after the view class and never runs",
		What: "Reports classes whose bases list an access mixin (LoginRequiredMixin, PermissionRequiredMixin, " +
			"UserPassesTestMixin, the braces mixins, or a project mixin whose dispatch turns requests away) after " +
			"a view class (View, TemplateView, the generic views and their bases such as BaseDetailView, DRF's APIView, generic views and viewsets, or a " +
			"project view built on them) whose check never runs: djsec works out the class's method resolution order as Python " +
			"does (C3), so a project view listed first whose dispatch calls super().dispatch does not hide the mixins after it, " +
			"a dispatch that hands the request on by naming a later class (PermissionRequiredMixin.dispatch(self, request, ...)) runs that class's check, " +
			"and one that names a class past the check (View.dispatch(self, request)) is reported, " +
			"and an explicit View listed last that the order places before a mixin's own check is reported. It is low when another " +
			"class's dispatch still turns requests away, or when every request handler the class defines starts by turning anonymous " +
			"users away itself (if not request.user.is_authenticated: return ..., or a function of its module that returns False for them). " +
			"It is medium on a view that only shows pages (built on TemplateView, ListView, DetailView or RedirectView, with no post, " +
			"put, patch, delete or form_valid of its own): what it opens is what those pages show.",
		Why: "Access mixins work by overriding dispatch. Python takes dispatch from the first class of the method " +
			"resolution order that defines it: with the view class first, its dispatch answers the request and " +
			"never calls the mixin's, so the page is open to everyone while the code looks protected. Django's " +
			"documentation asks for these mixins in the leftmost position.",
		Bad:  "class ReportView(TemplateView, LoginRequiredMixin):\n    template_name = \"reports.html\"",
		Good: "class ReportView(LoginRequiredMixin, TemplateView):\n    template_name = \"reports.html\"",
		Fix:  "List the access mixins first, before the view class and any other base: class V(LoginRequiredMixin, PermissionRequiredMixin, UpdateView).",
		References: []string{"https://docs.djangoproject.com/en/stable/topics/auth/default/#the-loginrequiredmixin-mixin",
			"https://docs.python.org/3/howto/mro.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		classes := make([]*taint.Class, 0, len(prog.Classes))
		for _, c := range prog.Classes {
			if len(c.Bases) > 1 && !inTests(c.Module) {
				classes = append(classes, c)
			}
		}
		slices.SortFunc(classes, func(a, b *taint.Class) int { return strings.Compare(a.QName, b.QName) })
		shadowed := access.ShadowedMixins(prog, classes)
		for _, c := range classes {
			for _, s := range shadowed[c] {
				pass.Report(shadowedMixin(c, s, showsOnly(prog, c)))
			}
		}
	},
}

// shadowedMixin is the finding for one mixin that never runs. When
// another class's dispatch still turns requests away before the view
// answers, the view is not open to everyone: the finding is low, the
// mixin's check is only dead code that looks like protection.
func shadowedMixin(c *taint.Class, s access.Shadowed, readOnly bool) analysis.Diagnostic {
	mixin, view := lastName(s.Mixin), lastName(s.View)
	var msg string
	switch {
	case s.Skipper != "":
		msg = fmt.Sprintf("%s's dispatch calls %s.dispatch by name, which skips the access check %s builds on in the bases of %s: "+
			"that check never runs", s.Skipper, s.Target, mixin, c.Name)
	case s.Order:
		msg = fmt.Sprintf("%s is listed before %s in the bases of %s, but Python's method resolution order puts the "+
			"access check %s builds on after %s's dispatch, which answers the request: that check never runs", mixin, view, c.Name, mixin, view)
	default:
		msg = fmt.Sprintf("%s comes after %s in the bases of %s: %s's dispatch answers the request and %s's check never runs",
			mixin, view, c.Name, view, mixin)
	}
	fix := fmt.Sprintf("list the mixin first: class %s(%s, ..., %s)", c.Name, mixin, view)
	switch {
	case s.Skipper != "":
		fix = fmt.Sprintf("hand the request on with super().dispatch(request, *args, **kwargs) in %s.dispatch instead of naming %s",
			s.Skipper, s.Target)
	case s.Order:
		fix = "list the access mixins before every view class, or drop the explicit " + view
	}
	d := analysis.Diagnostic{Location: c.Module.Location(c.Def())}
	switch {
	case s.Guard == "" && handlersTurnAnonymousAway(c):
		d.Message = fmt.Sprintf("%s; each request handler of %s turns anonymous users away itself, but the check %s "+
			"was meant to add is dead code that looks like protection; %s", msg, c.Name, mixin, fix)
		d.Severity = report.Low
	case s.Guard != "":
		d.Message = fmt.Sprintf("%s; %s's own dispatch still turns requests away before the view answers, but the check %s "+
			"was meant to add is missing; %s", msg, s.Guard, mixin, fix)
		d.Severity = report.Low
	case s.Order:
		d.Message = msg + ", and unless another turns them away anyone reaches the view; " + fix
	default:
		d.Message = msg + ", so the view is open to everyone; " + fix
	}
	if readOnly && d.Severity == report.SeverityUnset {
		d.Severity = report.Medium
		d.Message += "; it only shows pages (a template, list or detail view with no handler that writes), so what it opens is what they show"
	}
	return d
}

// showsOnly reports a class built on Django's views that only show
// things (TemplateView, ListView, DetailView, RedirectView) and none of
// those that take a form or change rows, that defines no handler of a
// method that writes (post, put, patch, delete) nor form_valid.
func showsOnly(prog *taint.Program, c *taint.Class) bool {
	if !genericOf(prog, c, "TemplateView", "ListView", "DetailView", "RedirectView") ||
		genericOf(prog, c, "FormView", "CreateView", "UpdateView", "DeleteView", "ProcessFormView", "BaseFormView", "BaseDeleteView") {
		return false
	}
	for _, name := range []string{"post", "put", "patch", "delete", "form_valid"} {
		if c.Methods[name] != nil {
			return false
		}
	}
	return true
}

// handlersTurnAnonymousAway reports a class whose every request handler
// (httpHandlers: get, post, ...) it defines starts by turning anonymous
// users away: if not request.user.is_authenticated: return ..., or the
// same through a function of its module that returns False for them (if
// not is_user_logged_in(request): return redirect("home")).
func handlersTurnAnonymousAway(c *taint.Class) bool {
	handlers := 0
	for _, st := range c.Def().Body {
		fn, ok := st.(*python.FunctionDef)
		if !ok || !httpHandlers[fn.Name] {
			continue
		}
		handlers++
		first := firstStmt(fn)
		if first == nil || !access.AnonymousExit(first) && !helperExit(c.Module, first) {
			return false
		}
	}
	return handlers > 0
}

// firstStmt returns a function's first statement after its docstring.
func firstStmt(fn *python.FunctionDef) python.Stmt {
	for i, st := range fn.Body {
		if es, ok := st.(*python.ExprStmt); ok && i == 0 {
			if _, doc := es.Value.(*python.Constant); doc {
				continue
			}
		}
		return st
	}
	return nil
}

// helperExit reports if not f(request): return ..., where f is a function
// of module m that starts by returning False for anonymous users.
func helperExit(m *taint.Module, st python.Stmt) bool {
	x, ok := st.(*python.If)
	if !ok || len(x.Orelse) > 0 || !ends(x.Body) {
		return false
	}
	not, ok := x.Test.(*python.UnaryOp)
	if !ok || not.Op != python.Not {
		return false
	}
	call, ok := not.Operand.(*python.Call)
	if !ok {
		return false
	}
	name, ok := call.Func.(*python.Name)
	if !ok {
		return false
	}
	for _, d := range m.Index().Funcs {
		if d.Name != name.ID {
			continue
		}
		first, ok := firstStmt(d).(*python.If)
		if !ok || !access.AnonymousExit(first) {
			return false
		}
		r, ok := first.Body[len(first.Body)-1].(*python.Return)
		if !ok {
			return false
		}
		b, ok := r.Value.(*python.Constant)
		return ok && b.Value == false
	}
	return false
}
