package code

import (
	"fmt"
	"github.com/djsec/djsec/internal/lazyre"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// FormTakesOwner finds model forms that take the object's owner from the
// request in views any user reaches.
var FormTakesOwner = &analysis.Rule{
	ID:         "DJC225",
	Name:       "form-takes-owner",
	Severity:   report.High,
	Confidence: report.MediumConfidence,
	CWE:        []int{915, 639},
	Checklist:  []int{4, 5},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A form lets the client choose who owns the object",
		What: "Reports a ModelForm bound to the request's data (Form(request.POST, ...)) in a view that requires no " +
			"staff, superuser or permission check, when the form's Meta.fields lists the model's owner foreign key " +
			"(user, owner, author, created_by, customer, ...) and the view does not set that field itself " +
			"(form.instance.user = request.user, obj.owner = request.user). Checks made after the form is bound " +
			"(obj.owner == request.user in save) do not help on an edit form: binding already put the client's value on the instance. " +
			"On a form that creates (bound without instance=), a save that first asks the new instance whether request.user may " +
			"write it (self.instance.raise_not_editable(request.user)) refuses every owner but the requester, and the form is not reported.",
		Why: "The field arrives with the form, often as a hidden input set to the current user, but the client sends " +
			"what it likes: user=<another id> creates objects in someone else's name, and on an edit form takes the " +
			"object over, since the check that the requester owns it now reads the value the attacker chose.",
		Bad: "class ListForm(forms.ModelForm):\n    class Meta:\n        model = List\n        fields = [\"user\", \"name\"]\n\n" +
			"@login_required\ndef edit_list(request, pk):\n    form = ListForm(request.POST, instance=get_object_or_404(List, pk=pk, user=request.user))\n    form.save()",
		Good: "class ListForm(forms.ModelForm):\n    class Meta:\n        model = List\n        fields = [\"name\"]\n\n" +
			"@login_required\ndef create_list(request):\n    form = ListForm(request.POST)\n    form.instance.user = request.user\n    form.save()",
		Fix: "Leave the owner out of Meta.fields and set it in the view from request.user (form.instance.user = " +
			"request.user before save); check ownership on the object as loaded, before binding the form.",
		References: []string{"https://cwe.mitre.org/data/definitions/915.html",
			"https://docs.djangoproject.com/en/stable/topics/forms/modelforms/#selecting-the-fields-to-use"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		owned := ownedModels(prog)
		if len(owned) == 0 {
			return
		}
		forms := ownerForms(prog, owned)
		if len(forms) == 0 {
			return
		}
		views, byView := routedViews(access.Analyze(pass.Project), nil)
		for _, v := range views {
			if privileged(byView[v]) {
				continue
			}
			m, _, body := v.Code()
			if m == nil || inTests(m) {
				continue
			}
			reportOwnerForms(pass, prog, m, body, forms)
		}
	},
}

// ownerForm is a model form that lists its model's owner field.
type ownerForm struct {
	model, field string
}

// ownerForms returns the project's model forms whose Meta.fields lists the
// owner foreign key of their model.
func ownerForms(prog *taint.Program, owned map[string]string) map[*taint.Class]ownerForm {
	out := map[*taint.Class]ownerForm{}
	for _, c := range prog.Classes {
		if inTests(c.Module) {
			continue
		}
		modelExpr, _ := metaAssign(c.Def(), "model")
		if modelExpr == nil {
			continue
		}
		name := lastName(c.Module.QualName(modelExpr))
		field, ok := owned[name]
		if !ok || !slices.Contains(metaStrings(c.Def(), "fields"), field) ||
			slices.Contains(metaStrings(c.Def(), "read_only_fields"), field) || bytesearch.Contains(c.Module.Bytes(c.Def()), "disabled") ||
			declaredReadOnly(c, field) {
			// a serializer's read-only field, or a field the form
			// disables (Django then ignores what is posted for it)
			continue
		}
		out[c] = ownerForm{model: name, field: field}
	}
	return out
}

// declaredReadOnly reports a class that declares the field itself as one
// the client cannot set: read_only=True, or DRF's HiddenField (user =
// serializers.HiddenField(default=serializers.CurrentUserDefault())).
func declaredReadOnly(c *taint.Class, field string) bool {
	for _, s := range c.Def().Body {
		a, ok := s.(*python.Assign)
		if !ok || len(a.Targets) != 1 {
			continue
		}
		n, ok := a.Targets[0].(*python.Name)
		call, isCall := a.Value.(*python.Call)
		if !ok || n.ID != field || !isCall {
			continue
		}
		if b, ok := constBool(call.Arg(-1, "read_only")); ok && b || lastName(c.Module.QualName(call.Func)) == "HiddenField" {
			return true
		}
	}
	return false
}

// privileged reports a view whose every route requires staff, a superuser
// or a permission: choosing an owner may be the feature there.
func privileged(routes []*access.Route) bool {
	for _, r := range routes {
		ok := false
		for _, g := range r.Guards {
			switch g.Kind {
			case access.Staff, access.Superuser, access.Permission:
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	return len(routes) > 0
}

// reportOwnerForms reports the owner forms body binds to the request's
// data without setting the owner itself.
func reportOwnerForms(pass *analysis.Pass, prog *taint.Program, m *taint.Module, body []python.Stmt, forms map[*taint.Class]ownerForm) {
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool {
			c, ok := n.(*python.Call)
			if !ok {
				return true
			}
			if !boundToRequest(c) {
				return true
			}
			cls := access.LookupClass(prog, m, m.QualName(c.Func))
			f, ok := forms[cls]
			if !ok || setsAttr(body, f.field) || c.Arg(-1, "instance") == nil && ownerCheckedOnSave(prog, cls) {
				return true
			}
			pass.Report(analysis.Diagnostic{
				Location: m.Location(c),
				Message: fmt.Sprintf("%s takes %s.%s, the object's owner, from the request: a client who sends %s=<another "+
					"user's id> acts in that user's name or takes the object over; leave %s out of Meta.fields and set it "+
					"from request.user", lastName(m.QualName(c.Func)), f.model, f.field, f.field, f.field),
			})
			return true
		})
	}
}

// ownerCheckedOnSave reports a form whose save (its own or a base's) asks
// the instance, given request.user, whether the requester may write it
// before saving: def save(self, request): self.instance.raise_not_editable(
// request.user). On a form that creates (bound without instance=), the
// instance is new and its owner is the one the client sent, so the check
// refuses any owner but the requester; on an edit form binding has
// already replaced the owner, and the check reads the attacker's value.
func ownerCheckedOnSave(prog *taint.Program, cls *taint.Class) bool {
	if cls == nil {
		return false
	}
	save := prog.Method(cls, "save")
	if save == nil {
		return false
	}
	found := false
	python.Inspect(save.Def(), func(n python.Node) bool {
		c, ok := n.(*python.Call)
		if !ok || found {
			return !found
		}
		at, ok := c.Func.(*python.Attribute)
		if ok && access.Dotted(at.Value) == "self.instance" && ownerCheckName().MatchString(at.Attr) {
			for _, a := range c.Args {
				if strings.HasSuffix(access.Dotted(a), "request.user") {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// ownerCheckName matches the name of a model's method that refuses a user
// who may not write the row: raise_not_editable, check_owner,
// assert_can_edit, ensure_permission.
var ownerCheckName = lazyre.New(`^_?(raise_not_|check_|assert_|verify_|ensure_)\w*$|(editable|permission|owner)`)

// boundToRequest reports a form given the request's data: its first
// argument or data= reads request.POST or request.data.
func boundToRequest(c *python.Call) bool {
	data := c.Arg(0, "data")
	if data == nil {
		return false
	}
	found := false
	python.Inspect(data, func(n python.Node) bool {
		if a, ok := n.(*python.Attribute); ok && (a.Attr == "POST" || a.Attr == "data") && strings.HasSuffix(access.Dotted(a.Value), "request") {
			found = true
		}
		return !found
	})
	return found
}

// setsAttr reports whether body sets the field name itself: assigns an
// attribute of that name (form.instance.user = request.user, obj.user =
// request.user) or saves with it (serializer.save(user=request.user)).
func setsAttr(body []python.Stmt, name string) bool {
	found := false
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool {
			switch x := n.(type) {
			case *python.Assign:
				for _, t := range x.Targets {
					if at, ok := t.(*python.Attribute); ok && at.Attr == name {
						found = true
					}
				}
			case *python.Call:
				if at, ok := x.Func.(*python.Attribute); ok && at.Attr == "save" && x.Arg(-1, name) != nil {
					found = true
				}
			}
			return !found
		})
	}
	return found
}
