package code

import (
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// staffNote ends the documentation of every taint rule (lowerForStaff,
// lowerForDevOnly).
const staffNote = flowNote + " A flow from what a form submits (request.POST, request.FILES, a form's cleaned_data, a serializer's validated_data) " +
	"in the admin (admin.py, an admin/ package), in a view that every route lets only staff or superusers reach " +
	"(@staff_member_required, a permission class whose has_permission returns request.user.is_superuser), in a function " +
	"Django's @staff_member_required wraps, however it is routed, or in a " +
	"form only the admin uses is low: only staff send it, " +
	"and other sites cannot send it in their name past the CSRF check; from a query string it is not, since " +
	"anyone can send a staff member a link." + devOnlyNote

// flowNote says where the taint rules find request data beyond the
// request object, and which calls they follow.
const flowNote = " Request data includes the validated_data a DRF serializer's create or update receives, which DRF's save() fills " +
	"from the request, and flows are followed into the project's functions and methods, a model manager's among them " +
	"(Picture.objects.create_from_url(url) with objects = PictureManager()). A statement that raises unless a value is harmless " +
	"makes it so for the code after it: int(x), and SUFFIXES[x] in a dict of literal keys the code never adds to (a KeyError otherwise)."

// staffSource says why the request data a taint flow starts from is only
// ever sent by staff, or "" when anyone may send it. It is what a form
// submitted (the body of a POST, which the CSRF check keeps other sites
// from sending in a staff member's name; a query string is anyone's, who
// sends a staff member a link), and it is read in the admin (a module
// named admin.py or under an admin/ package: Django's admin, or a
// project's own staff panel), or in a method of a form that only admin
// modules use (a ModelAdmin's form, or one made for the admin with
// modelform_factory). Editing e-mail templates or importing a theme there
// is the staff's job; the same flow from a public form is anyone's.
func staffSource(p *project.Project, prog *taint.Program, f taint.Finding) string {
	if !submitted(f.Source) {
		return ""
	}
	src := sourceOf(f)
	m := moduleAt(prog, src.Path)
	if m == nil || inTests(m) {
		return ""
	}
	if adminModule(m.File.Path) {
		return "it is read in the admin (" + m.File.Path + "), where only staff send it"
	}
	if v, perm := staffView(p, m, src.Line); v != "" {
		return "it is read in " + v + ", which every route lets only " + perm + " reach"
	}
	if fn := staffDecorated(m, src.Line); fn != "" {
		return "it is read in " + fn + ", which @staff_member_required lets only staff reach, however it is routed"
	}
	c := classAt(prog, m, src.Line)
	if c == nil || !formClass(c) {
		return ""
	}
	if by := usedOnlyByAdmin(prog, c); by != "" {
		return "the form " + c.Name + " is used only by the admin (" + by + "), where only staff submit it"
	}
	return ""
}

// staffView names the routed view whose code holds line of module m when
// every route to it lets only staff or superusers in (a permission class
// of the project whose has_permission returns request.user.is_superuser,
// @staff_member_required), and says who; "" otherwise.
func staffView(p *project.Project, m *taint.Module, line int) (string, string) {
	model := access.Analyze(p)
	var view *access.View
	for _, r := range model.Routes {
		// the view's definition, not Code(), which gathers a class's
		// method bodies anew at each call
		var vm *taint.Module
		var def python.Node
		switch v := r.View; {
		case v.Func != nil:
			vm, def = v.Func.Module, v.Func.Def()
		case v.Class != nil:
			vm, def = v.Class.Module, v.Class.Def()
		}
		if vm != m || def == nil || line < m.Line(def) || line > m.Tree().File.Line(def.End()) {
			continue
		}
		view = r.View
		break
	}
	if view == nil {
		return "", ""
	}
	who := "superusers"
	for _, r := range model.Routes {
		if r.View != view {
			continue
		}
		switch r.Permission.Value {
		case "superuser":
		case "staff":
			who = "staff"
		default:
			return "", ""
		}
	}
	return lastName(view.QName), who
}

// staffDecorated names the function of module m's top level that holds
// line when Django's @staff_member_required wraps it: whatever route
// reaches it (one the URLconf builds at run time included), only staff
// get in. "" otherwise.
func staffDecorated(m *taint.Module, line int) string {
	for _, st := range m.Tree().Body {
		d, ok := st.(*python.FunctionDef)
		if !ok || line < m.Line(d) || line > m.Tree().File.Line(d.End()) {
			continue
		}
		for _, dec := range d.DecoratorList {
			if c, ok := dec.(*python.Call); ok {
				dec = c.Func
			}
			if m.QualName(dec) == "django.contrib.admin.views.decorators.staff_member_required" {
				return d.Name
			}
		}
		return ""
	}
	return ""
}

// sourceOf returns where a taint flow starts: the read of request data,
// or the finding's own place when the flow has no steps.
func sourceOf(f taint.Finding) report.Location {
	if len(f.Flow) > 0 {
		return f.Flow[0].Location
	}
	return f.Location
}

// submitted reports a source that is the body of a submitted form:
// request.POST, request.FILES, request.data, request.body, a form's
// cleaned_data or a DRF serializer's validated_data.
func submitted(source string) bool {
	for _, s := range []string{".POST", ".FILES", "request.data", "request.body", "cleaned_data", "validated_data"} {
		if strings.Contains(source, s) {
			return true
		}
	}
	return false
}

// adminModule reports a module of the admin: admin.py, or a module of an
// admin/ package.
func adminModule(path string) bool {
	base := path[strings.LastIndexByte(path, '/')+1:]
	return base == "admin.py" || strings.HasPrefix(path, "admin/") || strings.Contains(path, "/admin/")
}

// moduleAt returns the program's module of the file at path, or nil.
func moduleAt(prog *taint.Program, path string) *taint.Module {
	byPath := prog.Memo(modulesByPathKey{}, func() any {
		out := make(map[string]*taint.Module, len(prog.Modules))
		for _, m := range prog.Modules {
			out[m.File.Path] = m
		}
		return out
	}).(map[string]*taint.Module)
	return byPath[path]
}

type modulesByPathKey struct{}

type classesByModuleKey struct{}

// classAt returns the class of module m whose definition spans line, the
// innermost when they nest, or nil.
func classAt(prog *taint.Program, m *taint.Module, line int) *taint.Class {
	byModule := prog.Memo(classesByModuleKey{}, func() any {
		out := map[*taint.Module][]*taint.Class{}
		for _, c := range prog.Classes {
			out[c.Module] = append(out[c.Module], c)
		}
		return out
	}).(map[*taint.Module][]*taint.Class)
	var out *taint.Class
	best := 0
	for _, c := range byModule[m] {
		d := c.Def()
		from, to := m.Line(d), m.Tree().File.Line(d.End())
		if from <= line && line <= to && (out == nil || from > best) {
			out, best = c, from
		}
	}
	return out
}

// formClass reports a class whose bases, as written, end in Form: a form
// or model form, Django's or the project's.
func formClass(c *taint.Class) bool {
	for _, b := range c.Bases {
		if strings.HasSuffix(b, "Form") {
			return true
		}
	}
	return false
}

// usedOnlyByAdmin returns the first module, in path order, that names
// class c when every module outside tests that does, other than its own,
// is an admin module; "" otherwise.
func usedOnlyByAdmin(prog *taint.Program, c *taint.Class) string {
	// once per class: a form's methods may hold many flows
	return prog.Memo(adminUseKey{c}, func() any { return findAdminUse(prog, c) }).(string)
}

type adminUseKey struct{ c *taint.Class }

// findAdminUse computes usedOnlyByAdmin.
func findAdminUse(prog *taint.Program, c *taint.Class) string {
	first := ""
	for _, m := range prog.Modules {
		if m == c.Module || inTests(m) || !bytesearch.Contains(m.Content(), c.Name) || !namesClass(m, c.Name) {
			continue
		}
		if !adminModule(m.File.Path) {
			return ""
		}
		if first == "" {
			first = m.File.Path
		}
	}
	return first
}

// namesClass reports whether module m names name as a whole word in its
// code: a Name or an attribute, not a longer identifier that contains it.
func namesClass(m *taint.Module, name string) bool {
	found := false
	python.Inspect(m.Tree(), func(n python.Node) bool {
		switch x := n.(type) {
		case *python.Name:
			found = found || x.ID == name
		case *python.Attribute:
			found = found || x.Attr == name
		case *python.ImportFrom:
			for _, a := range x.Names {
				found = found || a.Name == name
			}
		}
		return !found
	})
	return found
}

// lowerForStaff makes d low when the flow's source is sent by staff only
// (staffSource), and says why; a severity already lower stays.
func lowerForStaff(p *project.Project, prog *taint.Program, f taint.Finding, d *analysis.Diagnostic) {
	if d.Severity != report.SeverityUnset && d.Severity <= report.Low {
		return
	}
	if why := staffSource(p, prog, f); why != "" {
		d.Severity = report.Low
		d.Message += "; " + why
	}
}
