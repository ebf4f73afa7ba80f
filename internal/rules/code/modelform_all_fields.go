package code

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// ModelFormAllFields finds ModelForms that accept every model field.
var ModelFormAllFields = &analysis.Rule{
	ID:         "DJC205",
	Name:       "modelform-all-fields",
	Severity:   report.Medium,
	Confidence: report.HighConfidence,
	CWE:        []int{915},
	Checklist:  []int{4, 5},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A ModelForm accepts every field of its model",
		What: "Reports ModelForm classes whose Meta sets fields = \"__all__\" or uses exclude (beside no list of fields: " +
			"fields = [...] is the allow-list, and an exclude beside it only narrows it). The finding is " +
			"medium when the model has fields that decide who may do what (is_staff, is_superuser and similar " +
			"flags, permissions, groups, owner or user foreign keys, a foreign key to the user model; not one the model replaces with a property, " +
			"a method or another value: is_staff = has_admin_role) that the " +
			"form neither excludes (an exclude list may be taken from another form's Meta: exclude = BaseForm.Meta.exclude + (\"owner\",)) nor handles on purpose (declares as a field, configures in a method through " +
			"self.fields[\"owner\"], gives a visible widget, a label or a help text in its Meta (\"owner\": Select(...); a HiddenInput " +
			"is no such choice: the client sends what it likes), or inherits from a form that lists it), unless the model declares them editable=False, " +
			"which no ModelForm holds, or the form's __init__ deletes every field a list chosen at run time leaves out " +
			"(for name in list(self.fields): if name not in configured: del self.fields[name], itself or through a project function " +
			"it hands self to), which makes it low; otherwise it is low, a note that fields added later " +
			"become editable. Forms that list their fields are not reported. Admin ModelAdmin classes are not " +
			"ModelForms and are left alone; forms that serve the admin (defined in admin.py or admin_forms.py, or named as a ModelAdmin's or an admin inline's form) are low, since only staff submit them, and so are search forms, which the project only builds from the query string (SearchForm(request.GET)), " +
			"and base forms the project never builds or hands to a view, whose every subclass lists its own fields (also a subclass nested in another class, " +
			"as a CRUDL action's form is: class Create(...): class Form(BaseFlowForm): ...).",
		Why: "Every field of the model, including those added later (is_staff, owner, price, approved), becomes " +
			"editable by whoever submits the form: a mass-assignment hole that opens silently.",
		Bad:  "class ProfileForm(forms.ModelForm):\n    class Meta:\n        model = Profile\n        fields = \"__all__\"",
		Good: "class ProfileForm(forms.ModelForm):\n    class Meta:\n        model = Profile\n        fields = [\"display_name\", \"bio\"]",
		Fix:  "List the editable fields explicitly in Meta.fields.",
		References: []string{"https://docs.djangoproject.com/en/stable/topics/forms/modelforms/#selecting-the-fields-to-use",
			"https://cwe.mitre.org/data/definitions/915.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		for _, c := range prog.Classes {
			if inTests(c.Module) || !prog.IsSubclassOf("rules/code.ModelForm", c, func(q string) bool { return lastName(q) == "ModelForm" }) {
				continue
			}
			m := c.Module
			var at *python.Assign
			what := ""
			if v, a := metaAssign(c.Def(), "fields"); v != nil {
				if s, ok := constStr(v); ok && s == "__all__" {
					at, what = a, "exposes every model field (fields = \"__all__\")"
				}
			}
			if _, a := metaAssign(c.Def(), "exclude"); a != nil && !inheritsFields(c.Def()) && !listsFields(c.Def()) {
				at, what = a, "uses exclude"
			}
			if at == nil {
				continue
			}
			model, _ := metaAssign(c.Def(), "model")
			exposed := exposedFields(prog, c, model)
			if len(exposed) > 0 && adminForm(pass.Project, prog, c) {
				pass.Report(analysis.Diagnostic{
					Location: m.Location(at),
					Severity: report.Low,
					Message: fmt.Sprintf("%s %s: it is an admin form, which only staff submit, and it can set %s; list the fields so that new ones are not editable unnoticed",
						c.Name, what, strings.Join(exposed, ", ")),
				})
				continue
			}
			if len(exposed) > 0 && searchForm(prog, c) {
				pass.Report(analysis.Diagnostic{
					Location: m.Location(at),
					Severity: report.Low,
					Message: fmt.Sprintf("%s %s: the project only fills it from the query string (request.GET) to search, and never saves it; it could set %s if it were saved",
						c.Name, what, strings.Join(exposed, ", ")),
				})
				continue
			}
			if len(exposed) > 0 && baseOnly(prog, c) {
				pass.Report(analysis.Diagnostic{
					Location: m.Location(at),
					Severity: report.Low,
					Message: fmt.Sprintf("%s %s, but the project uses it only as a base: every form built from it lists its own fields, "+
						"so no submitted form is bound with this list (it could set %s if one were)", c.Name, what, strings.Join(exposed, ", ")),
				})
				continue
			}
			if len(exposed) > 0 && prunedAtRunTime(prog, c) {
				pass.Report(analysis.Diagnostic{
					Location: m.Location(at),
					Severity: report.Low,
					Message: fmt.Sprintf("%s %s, but its __init__ deletes every field that a list chosen at run time leaves out, "+
						"so it accepts that list's fields; it could set %s if the list named them: keep them out of it",
						c.Name, what, strings.Join(exposed, ", ")),
				})
				continue
			}
			if len(exposed) == 0 {
				pass.Report(analysis.Diagnostic{
					Location: m.Location(at),
					Severity: report.Low,
					Message:  fmt.Sprintf("%s %s: fields added to the model later become editable (none that grants rights or ownership is open today)", c.Name, what),
				})
				continue
			}
			pass.Reportf(m.Location(at), "%s %s: whoever submits the form can set %s", c.Name, what, strings.Join(exposed, ", "))
		}
	},
}

// prunedAtRunTime reports a form whose __init__ keeps only the fields a
// list names and deletes every other one from its fields, itself or
// through a project function it hands self to (assign_fields(self,
// app_fields), with the list an administrator configures): what the form
// accepts is that list, not its Meta.
func prunedAtRunTime(prog *taint.Program, c *taint.Class) bool {
	init := c.Methods["__init__"]
	if init == nil {
		return false
	}
	if prunesFields(init.Def(), "self") {
		return true
	}
	found := false
	python.Inspect(init.Def(), func(n python.Node) bool {
		call, ok := n.(*python.Call)
		if !ok || found {
			return !found
		}
		for i, a := range call.Args {
			if !isLocal(a, "self") {
				continue
			}
			f := access.LookupFunc(prog, init.Module, prog.Canonical(init.Module.QualName(call.Func)))
			if f == nil || f.Class != nil {
				break
			}
			if ps := f.Def().Args.Args; i < len(ps) && prunesFields(f.Def(), ps[i].Arg) {
				found = true
			}
			break
		}
		return true
	})
	return found
}

// prunesFields reports a loop of fn over the fields of the form named form
// that deletes each one a membership test leaves out:
//
//	for name in list(form.fields):
//	    if name not in field_names:
//	        del form.fields[name]
func prunesFields(fn *python.FunctionDef, form string) bool {
	formFields := func(e python.Expr) bool {
		a, ok := e.(*python.Attribute)
		return ok && a.Attr == "fields" && isLocal(a.Value, form)
	}
	found := false
	python.Inspect(fn, func(n python.Node) bool {
		loop, ok := n.(*python.For)
		if !ok || found {
			return !found
		}
		name, ok := loop.Target.(*python.Name)
		if !ok || !overFields(loop.Iter, formFields) {
			return true
		}
		for _, st := range loop.Body {
			test, ok := st.(*python.If)
			if ok && leavesOut(test.Test, name.ID) && deletesField(test.Body, formFields, name.ID) {
				found = true
			}
		}
		return true
	})
	return found
}

// overFields reports the iterable of a loop over a form's fields' names:
// form.fields, list(form.fields), form.fields.keys(), list(form.fields.keys()).
func overFields(e python.Expr, formFields func(python.Expr) bool) bool {
	for {
		switch x := e.(type) {
		case *python.Call:
			if a, ok := x.Func.(*python.Attribute); ok && a.Attr == "keys" && len(x.Args) == 0 {
				e = a.Value
				continue
			}
			if n, ok := x.Func.(*python.Name); ok && n.ID == "list" && len(x.Args) == 1 {
				e = x.Args[0]
				continue
			}
			return false
		default:
			return formFields(e)
		}
	}
}

// leavesOut reports a test that holds for a name a collection does not
// hold: name not in field_names, or that and more (and name != "x").
func leavesOut(test python.Expr, name string) bool {
	if b, ok := test.(*python.BoolOp); ok && b.Op == python.And {
		return slices.ContainsFunc(b.Values, func(v python.Expr) bool { return leavesOut(v, name) })
	}
	c, ok := test.(*python.Compare)
	return ok && len(c.Ops) == 1 && c.Ops[0] == python.NotIn && isLocal(c.Left, name)
}

// deletesField reports a statement of body that deletes the field name
// from the form's fields: del form.fields[name], form.fields.pop(name).
func deletesField(body []python.Stmt, formFields func(python.Expr) bool, name string) bool {
	for _, st := range body {
		switch x := st.(type) {
		case *python.Delete:
			for _, t := range x.Targets {
				if sub, ok := t.(*python.Subscript); ok && formFields(sub.Value) && isLocal(sub.Slice, name) {
					return true
				}
			}
		case *python.ExprStmt:
			if c, ok := x.Value.(*python.Call); ok {
				if a, ok := c.Func.(*python.Attribute); ok && a.Attr == "pop" && formFields(a.Value) && len(c.Args) > 0 && isLocal(c.Args[0], name) {
					return true
				}
			}
		}
	}
	return false
}

// exposedFields returns the fields of a form's model that grant rights or
// ownership and that the form neither excludes nor handles on purpose
// (classAttrs).
func exposedFields(prog *taint.Program, form *taint.Class, model python.Expr) []string {
	if model == nil {
		return nil
	}
	m := form.Module
	excluded := map[string]bool{}
	exclude, _ := metaAssign(form.Def(), "exclude")
	for _, s := range excludedNames(prog, m, exclude, 0) {
		excluded[s] = true
	}
	declared := classAttrs(prog, form)
	for f := range metaConfigured(form.Def()) {
		declared[f] = true
	}
	var out []string
	for _, f := range sensitiveModelFields(prog, m, model) {
		if !excluded[f] && !declared[f] {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// excludedNames returns the field names an exclude list of module m
// holds: written out, taken from another form's Meta (exclude =
// BaseEditForm.Meta.exclude, as forms sharing one base often do), or
// such lists added together (BaseEditForm.Meta.exclude + ("owner",)).
// Another form's list is followed a few forms deep; what cannot be read
// gives nothing.
func excludedNames(prog *taint.Program, m *taint.Module, v python.Expr, depth int) []string {
	if depth > 4 {
		return nil
	}
	switch x := v.(type) {
	case *python.BinOp:
		if x.Op != python.Add {
			return nil
		}
		return append(excludedNames(prog, m, x.Left, depth+1), excludedNames(prog, m, x.Right, depth+1)...)
	case *python.Call:
		if f, ok := x.Func.(*python.Name); ok && (f.ID == "list" || f.ID == "tuple") && len(x.Args) == 1 {
			return excludedNames(prog, m, x.Args[0], depth+1)
		}
		return nil
	case *python.Attribute:
		meta, ok := x.Value.(*python.Attribute)
		if x.Attr != "exclude" || !ok || meta.Attr != "Meta" {
			return nil
		}
		base := prog.LookupClass(prog.Canonical(m.QualName(meta.Value)))
		if base == nil {
			return nil
		}
		inherited, _ := metaAssign(base.Def(), "exclude")
		return excludedNames(prog, base.Module, inherited, depth+1)
	}
	return constStrings(v)
}

// metaConfigured returns the fields a form's Meta gives a visible widget,
// a label or a help text ("owner": Select(...) in widgets): the form shows
// them to be chosen on purpose. A HiddenInput is no such choice: a field
// hidden in the page, its value set by the view, is the mass assignment
// itself, and the client still sends what it likes.
func metaConfigured(form *python.ClassDef) map[string]bool {
	out, hidden := map[string]bool{}, map[string]bool{}
	for _, name := range []string{"widgets", "labels", "help_texts"} {
		v, _ := metaAssign(form, name)
		d, ok := v.(*python.Dict)
		if !ok {
			continue
		}
		for i, k := range d.Keys {
			if key, ok := constStr(k); ok {
				out[key] = true
				hidden[key] = hidden[key] || name == "widgets" && hiddenWidget(d.Values[i])
			}
		}
	}
	for key := range hidden {
		if hidden[key] {
			delete(out, key) // whatever label it has
		}
	}
	return out
}

// hiddenWidget reports HiddenInput (or MultipleHiddenInput), called or not.
func hiddenWidget(e python.Expr) bool {
	if c, ok := e.(*python.Call); ok {
		e = c.Func
	}
	return strings.HasSuffix(lastName(access.Dotted(e)), "HiddenInput")
}

// classAttrs returns the fields a form handles on purpose: the names it
// and its project bases assign in their bodies (fields it declares), the
// fields its methods reach through self.fields["author"] (to narrow a
// queryset, set an initial value, disable or delete the field), and the
// fields a base form lists in its Meta.fields. A form that does any of
// these with an ownership field lets users set it by design.
func classAttrs(prog *taint.Program, c *taint.Class) map[string]bool {
	out := map[string]bool{}
	eachAncestor(prog, c, func(c *taint.Class, depth int) {
		for _, s := range c.Def().Body {
			for _, n := range assignedNames(s) {
				out[n] = true
			}
			if f, ok := s.(*python.FunctionDef); ok {
				for _, n := range selfFields(f) {
					out[n] = true
				}
			}
		}
		if depth > 0 {
			for _, n := range metaStrings(c.Def(), "fields") {
				out[n] = true
			}
		}
	})
	return out
}

// eachAncestor calls fn with c (depth 0) and each class of the project it
// derives from, nearest first along each base, once each, a few levels
// up at most.
func eachAncestor(prog *taint.Program, c *taint.Class, fn func(c *taint.Class, depth int)) {
	seen := map[*taint.Class]bool{}
	var walk func(c *taint.Class, depth int)
	walk = func(c *taint.Class, depth int) {
		if c == nil || seen[c] || depth > 8 {
			return
		}
		seen[c] = true
		fn(c, depth)
		for _, b := range c.Bases {
			walk(classOf(prog, c.Module, b), depth+1)
		}
	}
	walk(c, 0)
}

// selfFields returns the names a method reaches as self.fields["name"].
func selfFields(f *python.FunctionDef) []string {
	var out []string
	python.Inspect(f, func(n python.Node) bool {
		sub, ok := n.(*python.Subscript)
		if !ok {
			return true
		}
		at, ok := sub.Value.(*python.Attribute)
		if !ok || at.Attr != "fields" {
			return true
		}
		if self, ok := at.Value.(*python.Name); ok && self.ID == "self" {
			if name, ok := constStr(sub.Slice); ok {
				out = append(out, name)
			}
		}
		return true
	})
	return out
}

func assignedNames(s python.Stmt) []string {
	var out []string
	switch a := s.(type) {
	case *python.Assign:
		for _, t := range a.Targets {
			if n, ok := t.(*python.Name); ok {
				out = append(out, n.ID)
			}
		}
	case *python.AnnAssign:
		if n, ok := a.Target.(*python.Name); ok {
			out = append(out, n.ID)
		}
	}
	return out
}

// classOf resolves a qualified base-class name to a project class.
func classOf(prog *taint.Program, m *taint.Module, q string) *taint.Class {
	if c := prog.Classes[q]; c != nil {
		return c
	}
	// No class is named q exactly: any candidate ends in "."+q.
	if cs := prog.ClassesEndingIn(q); len(cs) > 0 {
		return cs[0]
	}
	return nil
}

var (
	authUserFields    = []string{"groups", "is_staff", "is_superuser", "user_permissions"}
	permissionsFields = []string{"groups", "is_superuser", "user_permissions"}
)

// sensitiveModelFields returns the fields of a model that grant rights or
// ownership: staff and superuser flags, permissions, groups, and foreign
// keys to users or owners.
func sensitiveModelFields(prog *taint.Program, m *taint.Module, model python.Expr) []string {
	if c, ok := model.(*python.Call); ok && lastName(m.QualName(c.Func)) == "get_user_model" {
		return authUserFields
	}
	cls := findClass(prog, m, model)
	if cls == nil {
		if q := m.QualName(model); q == "django.contrib.auth.models.User" || lastName(q) == "User" && strings.HasPrefix(q, "django.contrib.auth") {
			return authUserFields
		}
		return nil
	}
	found := map[string]bool{}
	shadowed := notFields(cls.Def())
	eachAncestor(prog, cls, func(c *taint.Class, _ int) {
		for _, b := range c.Bases {
			switch lastName(b) {
			case "AbstractUser", "User":
				if strings.HasPrefix(b, "django.contrib.auth") {
					for _, f := range authUserFields {
						found[f] = true
					}
				}
			case "PermissionsMixin":
				for _, f := range permissionsFields {
					found[f] = true
				}
			}
		}
		for _, s := range c.Def().Body {
			a, ok := s.(*python.Assign)
			if !ok || len(a.Targets) != 1 {
				continue
			}
			n, ok := a.Targets[0].(*python.Name)
			call, isCall := a.Value.(*python.Call)
			if !ok || !isCall {
				continue
			}
			if b, ok := constBool(call.Arg(-1, "editable")); ok && !b {
				continue // no ModelForm holds it, and DRF makes it read-only
			}
			if grantsRights(n.ID, c.Module, call) {
				found[n.ID] = true
			}
		}
	})
	out := make([]string, 0, len(found))
	for f := range found {
		if !shadowed[f] {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// notFields returns the names a model class binds to something other
// than a field (is_staff = has_admin_permission, a property of its own; a
// method; password = None): the class attribute replaces the field an
// abstract base such as AbstractUser declares, so the model has no such
// column and no form or serializer takes it.
func notFields(c *python.ClassDef) map[string]bool {
	out := map[string]bool{}
	for _, s := range c.Body {
		switch s := s.(type) {
		case *python.FunctionDef:
			out[s.Name] = true
		case *python.Assign:
			call, isCall := s.Value.(*python.Call)
			if isCall && lastName(access.Dotted(call.Func)) != "property" {
				continue
			}
			for _, t := range s.Targets {
				if n, ok := t.(*python.Name); ok {
					out[n.ID] = true
				}
			}
		}
	}
	return out
}

// grantsRights reports whether a model field grants rights or ownership.
func grantsRights(name string, m *taint.Module, field *python.Call) bool {
	switch name {
	case "is_staff", "is_superuser", "is_admin", "is_moderator", "groups", "user_permissions", "permissions", "role", "roles":
		return true
	}
	kind := lastName(m.QualName(field.Func))
	if kind != "ForeignKey" && kind != "OneToOneField" && kind != "ManyToManyField" {
		return false
	}
	for _, w := range words(name) {
		switch w {
		case "owner", "owners", "user", "users", "permissions", "groups":
			return true
		}
	}
	to := kw(field, "to")
	if to == nil && len(field.Args) > 0 {
		to = field.Args[0]
	}
	if to == nil {
		return false
	}
	for _, w := range words(m.Text(to)) {
		switch w {
		case "user", "owner", "group", "permission":
			return true
		}
	}
	return false
}

// adminForm reports whether a form serves the Django admin: it is defined
// in an admin module (admin.py, admin/, admin_forms.py), or a ModelAdmin
// or an admin inline names it as its form.
func adminForm(proj *project.Project, prog *taint.Program, form *taint.Class) bool {
	p := "/" + form.Module.File.Path
	if strings.HasSuffix(p, "/admin.py") || strings.Contains(p, "/admin/") || strings.HasSuffix(p, "/admin_forms.py") {
		return true
	}
	return adminFormClasses(proj, prog)[form]
}

// adminFormClasses returns the forms that ModelAdmins and admin inlines
// (TabularInline, StackedInline) name as their form, resolved through the
// imports (two apps may each have a PhotoForm), found once per scan rather
// than once per form.
func adminFormClasses(proj *project.Project, prog *taint.Program) map[*taint.Class]bool {
	return proj.Memo("rules/code.adminFormClasses", func() any {
		forms := map[*taint.Class]bool{}
		for _, c := range prog.Classes {
			if !prog.IsSubclassOf("rules/code.Admin", c, func(q string) bool {
				return strings.HasSuffix(lastName(q), "Admin") || strings.HasSuffix(lastName(q), "Inline")
			}) {
				continue
			}
			for _, st := range c.Def().Body {
				if a, ok := st.(*python.Assign); ok && len(a.Targets) == 1 {
					if n, ok := a.Targets[0].(*python.Name); ok && n.ID == "form" {
						if f := access.LookupClass(prog, c.Module, c.Module.QualName(a.Value)); f != nil {
							forms[f] = true
						}
					}
				}
			}
		}
		return forms
	}).(map[*taint.Class]bool)
}

// listsFields reports a form whose Meta lists its fields (fields = [...]):
// the list is what the form takes, and an exclude beside it only narrows
// it, as Django builds the form from fields first.
func listsFields(form *python.ClassDef) bool {
	v, _ := metaAssign(form, "fields")
	switch v.(type) {
	case *python.List, *python.Tuple:
		return true
	}
	return false
}

// inheritsFields reports whether a form's Meta derives from another Meta
// (class Meta(ParentForm.Meta)) without setting fields itself: the parent's
// field list still applies, and exclude only narrows it. A parent with
// fields = "__all__" is reported where it is written.
func inheritsFields(form *python.ClassDef) bool {
	for _, s := range form.Body {
		if meta, ok := s.(*python.ClassDef); ok && meta.Name == "Meta" && len(meta.Bases) > 0 {
			v, _ := metaAssign(form, "fields")
			return v == nil
		}
	}
	return false
}
