package code

import (
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// A view that anyone may reach and whose only change is a row it adds (a
// suggestion form, a survey's answers, a reason given for a download)
// changes nothing that was there before: what anonymous callers can do
// with it is add rows, which public forms exist for. DJC213 reports such
// views low, naming the row.

// createOnlyBases are Django's and DRF's views and mixins that write by
// creating a row and in no other way.
var createOnlyBases = map[string]bool{"CreateView": true, "BaseCreateView": true, "CreateAPIView": true,
	"ListCreateAPIView": true, "CreateModelMixin": true}

// addsRowsOnly reports a view whose every change is a new row, and the
// first of them: Model.objects.create(...), bulk_create, get_or_create
// (which adds the row or leaves the one it found alone), a model or a
// form built in the handler without an instance and then saved (s =
// Submission(quiz=quiz); s.save(), obj = form.save(commit=False);
// obj.save()), and in a class view whose writing bases only create
// (CreateView, CreateAPIView) the form or serializer its handlers are
// given (form.save(), serializer.save(), self.object.save()). A helper
// of the project that changes data makes it no such view.
func addsRowsOnly(prog *taint.Program, v *access.View, m *taint.Module, body []python.Stmt) (python.Node, bool) {
	var handlers []*python.FunctionDef
	createOnly := false
	switch {
	case v.Func != nil:
		handlers = []*python.FunctionDef{v.Func.Def()}
	case v.Class != nil:
		if writesByBase(prog, v) {
			if !prog.IsSubclass(v.Class, func(q string) bool { return createOnlyBases[lastName(q)] }) || updatesByBase(prog, v) {
				return nil, false
			}
			if model := createdModel(prog, v.Class); model == "" || accountModel(model) {
				return nil, false // a model djsec cannot name may be the user's
			}
			createOnly = true
		}
		for _, s := range v.Class.Def().Body {
			if f, ok := s.(*python.FunctionDef); ok {
				handlers = append(handlers, f)
			}
		}
	default:
		return nil, false
	}
	var first python.Node
	makesRow := func(c *python.Call) bool { return constructor(c) && !makesAccount(prog, m, c) }
	for _, h := range handlers {
		fresh := freshRows(h, createOnly, makesRow)
		skip := func(c *python.Call) bool {
			if !insertCall(c, fresh) {
				return false
			}
			if b, ok := constBool(kw(c, "commit")); first == nil && !(ok && !b) {
				first = c // the first that writes: not form.save(commit=False)
			}
			return true
		}
		if _, changes := access.AnonymousStateChangeBut(prog, m, h.Body, skip); changes {
			return nil, false
		}
	}
	if first == nil && !createOnly {
		return nil, false
	}
	if _, _, ok := helperChange(prog, m, body, true); ok {
		return nil, false
	}
	if first == nil {
		first = v.Class.Def() // the base's own save
	}
	return first, true
}

// accountModel reports a model named for accounts (User, auth.User,
// StaffUser): a row of it is someone who may log in, which a view that
// makes one anonymously hands out, sign-up or not.
func accountModel(name string) bool {
	n := lastName(name)
	return n == "User" || strings.HasSuffix(n, "User") || n == "get_user_model"
}

// makesAccount reports a call that builds a form of the project that
// makes user accounts: one deriving from UserCreationForm, or whose
// Meta.model is an account model.
func makesAccount(prog *taint.Program, m *taint.Module, c *python.Call) bool {
	form := access.LookupClass(prog, m, m.QualName(c.Func))
	return form != nil && accountModel(formModel(prog, form))
}

// formModel returns the model a form or serializer class of the project
// makes rows of: "User" for one deriving from UserCreationForm, else its
// Meta.model, or "".
func formModel(prog *taint.Program, form *taint.Class) string {
	if prog.IsSubclass(form, func(q string) bool { return lastName(q) == "UserCreationForm" || lastName(q) == "BaseUserCreationForm" }) {
		return "User"
	}
	if model, _ := metaAssign(form.Def(), "model"); model != nil {
		return access.Dotted(model)
	}
	return ""
}

// createdModel returns the model a create-only class view makes rows of:
// its model attribute, or the Meta.model of its form_class or
// serializer_class (a class of the project); "" when neither says, and
// "User" for a form deriving from UserCreationForm.
func createdModel(prog *taint.Program, c *taint.Class) string {
	if m := classModel(c.Def()); m != "" {
		return m
	}
	for _, s := range c.Def().Body {
		a, ok := s.(*python.Assign)
		if !ok || len(a.Targets) != 1 {
			continue
		}
		if t := access.Dotted(a.Targets[0]); t != "form_class" && t != "serializer_class" {
			continue
		}
		form := access.LookupClass(prog, c.Module, c.Module.QualName(a.Value))
		if form == nil {
			return ""
		}
		if model := formModel(prog, form); model != "" {
			return model
		}
	}
	return ""
}

// classModel returns the dotted name a class view's model attribute
// gives, or "".
func classModel(c *python.ClassDef) string {
	for _, s := range c.Body {
		if a, ok := s.(*python.Assign); ok && len(a.Targets) == 1 && access.Dotted(a.Targets[0]) == "model" {
			if call, ok := a.Value.(*python.Call); ok {
				return access.Dotted(call.Func)
			}
			return access.Dotted(a.Value)
		}
	}
	return ""
}

// guardedSibling reports a view routed from the same module as v that
// asks for more than nothing (a login, a permission, a credential): a
// module whose other views check their callers may have lost this one's
// check, and the rows it adds may be the kind its siblings guard.
func guardedSibling(model *access.Model, v *access.View) bool {
	mod := viewModule(v)
	for _, r := range model.Routes {
		if r.View == nil || r.View == v || viewModule(r.View) != mod {
			continue
		}
		switch access.Kind(r.Auth.Value) {
		case access.Open, access.Public, access.Unknown:
		default:
			return true
		}
	}
	return false
}

// viewModule returns the module a view is defined in, or nil.
func viewModule(v *access.View) *taint.Module {
	switch {
	case v.Func != nil:
		return v.Func.Module
	case v.Class != nil:
		return v.Class.Module
	}
	return nil
}

// updatesByBase reports a class view that also updates or deletes
// through a base of Django's or DRF's.
func updatesByBase(prog *taint.Program, v *access.View) bool {
	return prog.IsSubclass(v.Class, func(q string) bool {
		n := lastName(q)
		return writesByBaseNames[n] && !createOnlyBases[n]
	})
}

// freshRows returns the names a handler binds to a row or a form it makes
// itself (a call makesRow accepts), or to what such a form's
// save(commit=False) returns; in a create-only class view also its form
// and serializer parameters and self.object.
func freshRows(def *python.FunctionDef, createOnly bool, makesRow func(*python.Call) bool) map[string]bool {
	fresh := map[string]bool{}
	if createOnly {
		for _, a := range def.Args.Args {
			if a.Arg == "form" || a.Arg == "serializer" {
				fresh[a.Arg] = true
			}
		}
		fresh["self.object"] = true
	}
	python.EachStmt(def.Body, func(s python.Stmt) {
		a, ok := s.(*python.Assign)
		if !ok || len(a.Targets) != 1 {
			return
		}
		name := access.Dotted(a.Targets[0])
		c, ok := a.Value.(*python.Call)
		if name == "" || !ok {
			return
		}
		switch {
		case makesRow(c):
			fresh[name] = true
		case savedUncommitted(c, fresh):
			fresh[name] = true
		}
	})
	return fresh
}

// constructor reports a call of a class (a capitalized name: Submission,
// forms.ReasonForm) that is given no instance to change.
func constructor(c *python.Call) bool {
	n := lastName(access.Dotted(c.Func))
	if n == "" || n[0] < 'A' || n[0] > 'Z' || strings.ToUpper(n) == n || accountModel(n) {
		return false
	}
	for _, k := range c.Keywords {
		if k.Arg == "instance" || k.Arg == "" {
			return false
		}
	}
	return true
}

// savedUncommitted reports form.save(commit=False) of a fresh form: the
// new row, not yet written.
func savedUncommitted(c *python.Call, fresh map[string]bool) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok || a.Attr != "save" || !fresh[access.Dotted(a.Value)] {
		return false
	}
	b, ok := constBool(kw(c, "commit"))
	return ok && !b
}

// insertCall reports a call that adds a row: a manager's create,
// bulk_create or get_or_create, or the save of a fresh row or form.
func insertCall(c *python.Call, fresh map[string]bool) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok {
		return false
	}
	switch a.Attr {
	case "create", "bulk_create", "get_or_create":
		d := access.Dotted(a.Value)
		if call, ok := a.Value.(*python.Attribute); ok && call.Attr == "objects" {
			if c, ok := call.Value.(*python.Call); ok {
				d = access.Dotted(c.Func) + ".objects" // get_user_model().objects
			}
		}
		return strings.HasSuffix(d, ".objects") && !accountModel(strings.TrimSuffix(d, ".objects"))
	case "save", "save_m2m":
		return fresh[access.Dotted(a.Value)]
	}
	return false
}
