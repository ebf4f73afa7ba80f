package templates

import (
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/python"
)

// Views that only staff or a role of the project's reach write what
// editors write, as the admin does:
//
//	schedule_admin_required = user_passes_test(lambda u: u.has_admin_permission("schedule"))
//
//	@schedule_admin_required
//	def daytype_edit(request): ...
//
//	class ManagerMixin(UserPassesTestMixin):
//	    def test_func(self):
//	        return self.request.user.is_admin_or_manager
//
// A gate is a decorator or a mixin whose check asks for such a role
// (roleCheck). The forms that only gated views use, and the fields that
// gated views write themselves, are the editors' (fieldIndex.gatedUses,
// fieldWrite.gates).

// roleName matches the attributes and methods of a user that say it holds
// a privileged role: is_staff, is_superuser, is_admin, is_eighth_admin,
// is_admin_or_manager, is_moderator, has_admin_permission. Not
// is_authenticated or is_active, which every member passes.
var roleName = lazyre.New(`^(is_staff|is_superuser|is_(\w+_)?admin(_\w+)?|is_(\w+_)?(manager|moderator|editor)(_\w+)?|has_admin_permission)$`)

// knownGates are the library's decorators and mixins that let only staff
// or superusers in.
var knownGates = map[string]bool{
	"staff_member_required": true, "superuser_required": true, "staff_required": true,
	"StaffuserRequiredMixin": true, "SuperuserRequiredMixin": true, "StaffRequiredMixin": true,
}

// roleCheck reports an expression true only for users holding such a
// role: the attribute or the method's answer itself, has_perm of a model
// permission to add or change rows, an "and" of which one operand is one,
// an "or" of which every operand is one.
func roleCheck(e python.Expr) bool {
	switch x := e.(type) {
	case *python.Attribute:
		return roleName().MatchString(x.Attr)
	case *python.Call:
		a, ok := x.Func.(*python.Attribute)
		if !ok {
			return false
		}
		if roleName().MatchString(a.Attr) {
			return true
		}
		return permissionCall(x)
	case *python.BoolOp:
		if x.Op == python.And {
			return slices.ContainsFunc(x.Values, roleCheck)
		}
		return len(x.Values) > 0 && !slices.ContainsFunc(x.Values, func(v python.Expr) bool { return !roleCheck(v) })
	}
	return false
}

// returnsRoleCheck reports a function whose every return is a roleCheck.
func returnsRoleCheck(d *python.FunctionDef) bool {
	returns := ownReturns(d)
	for _, r := range returns {
		if r.Value == nil || !roleCheck(r.Value) {
			return false
		}
	}
	return len(returns) > 0
}

// staffGates returns the names of the module's gates: a name set to
// user_passes_test of a role check (a lambda, or a function of the
// module), or to a call of a function of the module that returns one (a
// factory, admin_required("eighth"), which is a gate too when a decorator
// calls it); and a class whose test_func returns a role check. Its text
// must name one of the two, first: the index reads every module of the
// project.
func staffGates(m *python.Module) []string {
	if src := m.File.Source(); !strings.Contains(src, "user_passes_test") && !strings.Contains(src, "test_func") {
		return nil
	}
	defs := map[string]*python.FunctionDef{}
	for _, st := range m.Body {
		if d, ok := st.(*python.FunctionDef); ok {
			defs[d.Name] = d
		}
	}
	// passesTest reports user_passes_test(check), with check a role
	// check, in the scope of fn's nested functions (nil: the module's)
	passesTest := func(e python.Expr, fn *python.FunctionDef) bool {
		c, ok := e.(*python.Call)
		if !ok || funcName(c.Func) != "user_passes_test" || len(c.Args) == 0 {
			return false
		}
		switch p := c.Args[0].(type) {
		case *python.Lambda:
			return roleCheck(p.Body)
		case *python.Name:
			d := localDef(fn, p.ID)
			if d == nil {
				d = defs[p.ID]
			}
			return d != nil && returnsRoleCheck(d)
		}
		return false
	}
	factories := map[string]bool{}
	for name, d := range defs {
		returns := ownReturns(d)
		ok := len(returns) > 0
		for _, r := range returns {
			ok = ok && passesTest(r.Value, d)
		}
		if ok {
			factories[name] = true
		}
	}
	var out []string
	for name := range factories {
		out = append(out, name)
	}
	for _, st := range m.Body {
		switch s := st.(type) {
		case *python.Assign:
			c, isCall := s.Value.(*python.Call)
			if !isCall || !passesTest(c, nil) && !factories[funcName(c.Func)] {
				continue
			}
			for _, t := range s.Targets {
				if n, ok := t.(*python.Name); ok {
					out = append(out, n.ID)
				}
			}
		case *python.ClassDef:
			for _, b := range s.Body {
				if d, ok := b.(*python.FunctionDef); ok && d.Name == "test_func" && returnsRoleCheck(d) {
					out = append(out, s.Name)
				}
			}
		}
	}
	return out
}

// gateCandidates returns the names that may be gates around a top-level
// function or class: a function's decorators (the called one's name, for
// @admin_required("polls")), a class's bases and the decorators that
// method_decorator applies to it.
func gateCandidates(st python.Stmt) []string {
	var out []string
	decorators := func(ds []python.Expr) {
		for _, d := range ds {
			if c, ok := d.(*python.Call); ok {
				if funcName(c.Func) == "method_decorator" {
					for _, a := range c.Args {
						out = append(out, funcName(a))
					}
					continue
				}
				d = c.Func
			}
			out = append(out, funcName(d))
		}
	}
	switch s := st.(type) {
	case *python.FunctionDef:
		decorators(s.DecoratorList)
	case *python.ClassDef:
		decorators(s.DecoratorList)
		for _, b := range s.Bases {
			out = append(out, funcName(b))
		}
	}
	return slices.DeleteFunc(out, func(s string) bool { return s == "" })
}

// gatedUse is a function or class that names forms (formUses) behind
// names that may be gates, decided once every module's gates are known.
type gatedUse struct {
	forms []string
	gates []string
}

// countGatedUses counts each use of a form behind names that may be gates
// as an editor's when one is, as an open one otherwise.
func (x *fieldIndex) countGatedUses() {
	for _, g := range x.gatedUses {
		uses := x.openUses
		if x.gated(g.gates) {
			uses = x.editorUses
		}
		for _, f := range g.forms {
			uses[f]++
		}
	}
	x.gatedUses = nil
}

// gated reports whether one of names is a gate of the project's or of a
// library's.
func (x *fieldIndex) gated(names []string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return knownGates[n] || x.staffGates[n] })
}

// roleRefusal reports a function that turns away, among its own
// statements, everyone without such a role before going on: if not
// request.user.has_admin_permission("polls"): return redirect(...), or
// the same test of a name set to the check (is_admin =
// request.user.has_admin_permission("enrichment")). What it does after is
// an editor's.
func roleRefusal(d *python.FunctionDef) bool {
	aliases := map[string]bool{}
	for _, st := range d.Body {
		switch s := st.(type) {
		case *python.Assign:
			if len(s.Targets) == 1 && roleCheck(s.Value) {
				if n, ok := s.Targets[0].(*python.Name); ok {
					aliases[n.ID] = true
				}
			}
		case *python.If:
			u, ok := s.Test.(*python.UnaryOp)
			if !ok || u.Op != python.Not || len(s.Body) == 0 {
				continue
			}
			n, isName := u.Operand.(*python.Name)
			if !roleCheck(u.Operand) && !(isName && aliases[n.ID]) {
				continue
			}
			switch s.Body[len(s.Body)-1].(type) {
			case *python.Raise, *python.Return:
				return true
			}
		}
	}
	return false
}
