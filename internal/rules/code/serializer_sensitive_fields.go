package code

import (
	"fmt"
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// SerializerSensitiveFields finds DRF serializers exposing every field of a
// model that holds secrets.
var SerializerSensitiveFields = &analysis.Rule{
	ID:         "DJC206",
	Name:       "serializer-exposes-sensitive-fields",
	Severity:   report.High,
	Confidence: report.MediumConfidence,
	CWE:        []int{200, 915},
	Checklist:  []int{4, 5},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A serializer with fields = \"__all__\" exposes sensitive model fields",
		What: "Reports Django REST framework ModelSerializers whose Meta sets fields = \"__all__\" for a model " +
			"that has sensitive fields: the auth User (password, is_superuser), or a project model with fields " +
			"named like password, token, secret, API key, SSN or card number (a field made write-only in " +
			"extra_kwargs does not count). Serializers listing their fields are not reported. Where the model has no secret but fields that grant rights or ownership (is_staff, " +
			"is_superuser, groups, permissions, owner or user foreign keys; not one the model replaces with a property, a method or another value: is_staff = has_admin_role) that the serializer neither declares, " +
			"makes read-only (read_only_fields, also as every field of the model but some: [f.name for f in Model._meta.get_fields() if f.name not in (\"state\",)]) nor deletes from the client's data in its or a base's to_internal_value (for field in self.system_fields: " +
			"del data[field]; data.pop(\"owner\", None)), and that DRF does not make read-only itself (a relation when Meta sets depth, a many-to-many field through a model of the project), the finding is medium, unless nothing writes through the serializer: every place that names it " +
			"is the serializer_class of a view that takes no writes (ReadOnlyModelViewSet, ListAPIView, RetrieveAPIView, also beside mixins of the project that take none, a view whose http_method_names lists only get, head and options, or DRF's " +
			"generic bases with no create, update or post method and no serializer built from data=), any name of it in a method of such a view, " +
			"the class's own super(S, self), or a call that serializes " +
			"an instance for output (S(job).data, S(jobs, many=True)), also through a name of a function assigned the class that is only called so (serializer = S on one branch, then serializer(row, context=self.context).data), a nested field (shares = S(many=True)) that is read_only or of a serializer whose bases are DRF's (or django-taggit's TaggitSerializer, " +
			"or classes of its module that are such themselves) and that defines no create or update (DRF's refuse nested data), the serializer_class= of an @action that answers safe methods only (methods=[\"get\"], or none: GET), " +
			"the serializer_class of a view whose get_serializer_class hands every write " +
			"another serializer (if self.action in (\"create\", \"update\", \"partial_update\"): return CreateS, then return super().get_serializer_class()), " +
			"or what get_serializer_class returns only on a branch for safe " +
			"methods (if self.request.method == \"GET\" and ...: return S, a CSV export's), or the entry of a dict of the view class that " +
			"get_serializer_class reads by action under list, retrieve, destroy or an @action of safe methods (serializer_classes = " +
			"{\"destroy\": DeleteS}); then it is low. Any other __all__ serializer is low, and so is one that nothing " +
			"in the project names (no view or other serializer uses it), or that only API views restricted to staff or superusers " +
			"(IsAdminUser, a permission class that checks is_superuser), or to users given the model's permissions (DjangoModelPermissions, also through a class of the project built on it, in the view's own permission_classes or the nearest base view's that sets them), name as their serializer_class: they set such fields in the admin too. So is a serializer whose secrets are read-only and that every API view taking it serves only the requester's own rows through (get_queryset returns Alert.objects.filter(user=self.request.user)): each user reads only their own.",
		Why: "The API returns password hashes and tokens to anyone who may read the object, and accepts writes to " +
			"fields such as is_superuser.",
		Bad:  "class UserSerializer(serializers.ModelSerializer):\n    class Meta:\n        model = User\n        fields = \"__all__\"",
		Good: "class UserSerializer(serializers.ModelSerializer):\n    class Meta:\n        model = User\n        fields = [\"id\", \"username\", \"first_name\"]",
		Fix:  "List the fields the API should expose in Meta.fields; mark secrets write_only or leave them out.",
		References: []string{"https://www.django-rest-framework.org/api-guide/serializers/#specifying-which-fields-to-include",
			"https://cwe.mitre.org/data/definitions/200.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		for _, c := range prog.Classes {
			if inTests(c.Module) || !prog.IsSubclassOf("rules/code.ModelSerializer", c, func(q string) bool {
				return lastName(q) == "ModelSerializer" || lastName(q) == "HyperlinkedModelSerializer"
			}) {
				continue
			}
			m := c.Module
			v, a := metaAssign(c.Def(), "fields")
			if s, ok := constStr(v); !ok || s != "__all__" {
				continue
			}
			model, _ := metaAssign(c.Def(), "model")
			if model == nil {
				continue
			}
			writeOnly := writeOnlyFields(c.Def())
			var sensitive []string
			for _, f := range modelSecrets(prog, m, model) {
				if !writeOnly[f] {
					sensitive = append(sensitive, f)
				}
			}
			if len(sensitive) == 0 {
				readOnly, writable, allBut := readOnlyFields(c.Def())
				declared := classAttrs(prog, c)
				stripped := strippedFields(prog, c)
				nested := nestedDepth(c.Def())
				var open []string
				for _, f := range sensitiveModelFields(prog, m, model) {
					if !readOnly[f] && !(allBut && !writable[f]) && !declared[f] && !stripped[f] && !readOnlyRelation(prog, m, model, f, nested) {
						open = append(open, f)
					}
				}
				if len(open) > 0 && referenced(prog, c) && !serializerWritten(prog, c) {
					pass.Report(analysis.Diagnostic{
						Location: m.Location(a),
						Severity: report.Low,
						Message: fmt.Sprintf("%s serializes every field of %s (fields = \"__all__\"), including %s; nothing writes through it today (read-only views, instances serialized for output), so no client sets them yet",
							c.Name, m.Text(model), strings.Join(open, ", ")),
					})
					continue
				}
				if len(open) > 0 {
					d := analysis.Diagnostic{
						Location: m.Location(a),
						Severity: report.Medium,
						Message: fmt.Sprintf("%s accepts every field of %s (fields = \"__all__\"), including %s: a client can set them",
							c.Name, m.Text(model), strings.Join(open, ", ")),
					}
					unused(prog, c, &d)
					if d.Severity != report.Low && staffSerializers(pass)[c.Name] {
						d.Severity = report.Low
						d.Message += "; every API view that takes it lets only staff, superusers or users given the model's permissions in, who set such fields in the admin too"
					}
					pass.Report(d)
					continue
				}
				pass.Report(analysis.Diagnostic{
					Location: m.Location(a),
					Severity: report.Low,
					Message: fmt.Sprintf("%s serializes every field of %s (fields = \"__all__\"): fields added to the model later are exposed and writable (none that is secret or grants rights today)",
						c.Name, m.Text(model)),
				})
				continue
			}
			sort.Strings(sensitive)
			d := analysis.Diagnostic{Location: m.Location(a),
				Message: fmt.Sprintf("%s serializes every field of %s (fields = \"__all__\"), including %s", c.Name, m.Text(model), strings.Join(sensitive, ", "))}
			unused(prog, c, &d)
			if d.Severity != report.Low && staffSerializers(pass)[c.Name] {
				d.Severity = report.Low
				d.Message += "; every API view that takes it lets only staff, superusers or users given the model's permissions in, who see and set such fields in the admin too"
			}
			if d.Severity != report.Low && allReadOnly(c.Def(), sensitive) && ownRowSerializers(pass)[c.Name] {
				// an alert's secret_key, shown to the user who made it
				d.Severity = report.Low
				d.Message += "; but they are read-only, and every API view that takes it serves only the requester's own rows " +
					"(its get_queryset filters on request.user): each user reads only their own"
			}
			pass.Report(d)
		}
	},
}

// nestedDepth reports a serializer whose Meta sets depth to a positive
// number: DRF then nests every related object as a read-only serializer.
func nestedDepth(cls *python.ClassDef) bool {
	v, _ := metaAssign(cls, "depth")
	k, ok := v.(*python.Constant)
	if !ok {
		return false
	}
	n, ok := k.Value.(int64)
	return ok && n > 0
}

// readOnlyRelation reports a field of the model that a ModelSerializer
// with fields = "__all__" makes read-only: a relation under depth
// (nested), or a many-to-many field through a model of the project's
// (groups = ManyToManyField(NetboxGroup, through="NetboxCategory")),
// whose rows DRF cannot write.
func readOnlyRelation(prog *taint.Program, m *taint.Module, model python.Expr, name string, nested bool) bool {
	cls := findClass(prog, m, model)
	if cls == nil {
		return false
	}
	found := false
	eachAncestor(prog, cls, func(c *taint.Class, _ int) {
		for _, s := range c.Def().Body {
			a, ok := s.(*python.Assign)
			if !ok || len(a.Targets) != 1 {
				continue
			}
			n, isName := a.Targets[0].(*python.Name)
			call, isCall := a.Value.(*python.Call)
			if !isName || n.ID != name || !isCall {
				continue
			}
			switch lastName(access.Dotted(call.Func)) {
			case "ForeignKey", "OneToOneField", "TreeForeignKey", "ParentalKey":
				found = found || nested
			case "ManyToManyField", "ParentalManyToManyField", "TreeManyToManyField":
				found = found || nested || call.Arg(-1, "through") != nil
			}
		}
	})
	return found
}

// staffSerializers returns the serializer classes (by name) that only
// views restricted to staff or superusers name as their serializer_class,
// from the routes of the access model.
func staffSerializers(pass *analysis.Pass) map[string]bool {
	return everyViewOf(pass, "rules/code.staffSerializers", func(prog *taint.Program, r *access.Route, c *taint.Class) bool {
		return r.Permission.Value == string(access.Staff) || r.Permission.Value == string(access.Superuser) || modelPermissions(prog, c)
	})
}

// everyViewOf returns, by name, whether test holds for every routed view
// class that names a serializer as its serializer_class, once per scan
// under key.
func everyViewOf(pass *analysis.Pass, key string, test func(prog *taint.Program, r *access.Route, c *taint.Class) bool) map[string]bool {
	return pass.Project.Memo(key, func() any {
		prog := load(pass)
		out := map[string]bool{}
		for _, r := range access.Analyze(pass.Project).Routes {
			c := r.View.Class
			if c == nil {
				continue
			}
			holds := test(prog, r, c)
			for _, a := range classAttrAssigns(c.Def(), "serializer_class") {
				name := lastName(c.Module.QualName(a))
				if was, seen := out[name]; seen {
					holds = holds && was
				}
				out[name] = holds
			}
		}
		return out
	}).(map[string]bool)
}

// allReadOnly reports whether the serializer makes every one of fields
// read-only (Meta.read_only_fields, extra_kwargs read_only).
func allReadOnly(cls *python.ClassDef, fields []string) bool {
	ro, _, _ := readOnlyFields(cls)
	for _, f := range fields {
		if !ro[f] {
			return false
		}
	}
	return len(fields) > 0
}

// ownRowSerializers returns, by name, whether every routed API view that
// names a serializer as its serializer_class serves only the requester's
// own rows: its get_queryset (or the nearest base's) returns a filter on
// the requester (Alert.objects.filter(user=self.request.user), or on a
// local set from it).
func ownRowSerializers(pass *analysis.Pass) map[string]bool {
	return everyViewOf(pass, "rules/code.ownRowSerializers", func(prog *taint.Program, _ *access.Route, c *taint.Class) bool {
		return requesterRows(prog, c)
	})
}

// requesterRows reports a view class whose get_queryset (its own, or the
// nearest base's that defines one) returns only rows filtered on the
// requester.
func requesterRows(prog *taint.Program, c *taint.Class) bool {
	var gq *taint.Func
	eachAncestor(prog, c, func(a *taint.Class, depth int) {
		if gq == nil {
			gq = a.Methods["get_queryset"]
		}
	})
	if gq == nil {
		return false
	}
	body := gq.Def().Body
	mine := requesterLocals(body)
	returns, scoped := 0, 0
	python.EachStmt(body, func(s python.Stmt) {
		r, ok := s.(*python.Return)
		if !ok || r.Value == nil {
			return
		}
		returns++
		if filtersOnRequester(r.Value, mine) {
			scoped++
		}
	})
	return returns > 0 && scoped == returns
}

// filtersOnRequester reports an expression that calls filter() with a
// keyword whose value depends on the requester.
func filtersOnRequester(e python.Expr, mine map[string]bool) bool {
	found := false
	python.Inspect(e, func(n python.Node) bool {
		c, ok := n.(*python.Call)
		if !ok {
			return !found
		}
		if a, ok := c.Func.(*python.Attribute); ok && a.Attr == "filter" {
			for _, k := range c.Keywords {
				if k.Arg != "" && scopedIn(k.Value, mine) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// modelPermissionClasses are DRF's permission classes that let a user
// write only with the model's add, change or delete permission, as the
// admin does.
var modelPermissionClasses = map[string]bool{"DjangoModelPermissions": true, "DjangoObjectPermissions": true, "DjangoModelPermissionsOrAnonReadOnly": true}

// modelPermissions reports a view class whose permission_classes (its
// own, or the nearest base's of the project) hold one of
// modelPermissionClasses, or a class of the project built on one
// (class HasModelPermission(DjangoModelPermissions) with its own
// perms_map): DRF asks every class, so a write needs the model's
// permissions whatever the others say.
func modelPermissions(prog *taint.Program, c *taint.Class) bool {
	// the nearest class that sets permission_classes decides: the view's
	// own, or a base of the project's (ListCreateAPIViewWithAudit)
	var vals []python.Expr
	eachAncestor(prog, c, func(a *taint.Class, depth int) {
		if vals == nil {
			if vs := classAttrAssigns(a.Def(), "permission_classes"); len(vs) > 0 {
				vals, c = vs, a
			}
		}
	})
	for _, v := range vals {
		for _, e := range python.SeqElts(v) {
			if modelPermissionClasses[lastName(c.Module.QualName(e))] {
				return true
			}
			if pc := findClass(prog, c.Module, e); pc != nil && prog.IsSubclassOf("rules/code.modelPermissions", pc, func(q string) bool {
				return modelPermissionClasses[lastName(q)]
			}) {
				return true
			}
		}
	}
	return false
}

// classAttrAssigns returns the values a class body assigns to name.
func classAttrAssigns(def *python.ClassDef, name string) []python.Expr {
	var out []python.Expr
	for _, st := range def.Body {
		if a, ok := st.(*python.Assign); ok && len(a.Targets) == 1 {
			if n, ok := a.Targets[0].(*python.Name); ok && n.ID == name {
				out = append(out, a.Value)
			}
		}
	}
	return out
}

// unused lowers a finding on a serializer that no module names: no view
// uses it, so no client reaches its fields today.
func unused(prog *taint.Program, c *taint.Class, d *analysis.Diagnostic) {
	if !referenced(prog, c) {
		d.Severity = report.Low
		d.Message += "; nothing in the project uses the serializer today"
	}
}

var sensitiveField = lazyre.New(`(?i)(password|passwd|token|secret|api_?key|private_?key|ssn|social_security|card_number|cvv|otp_?secret|totp)`)

func modelSecrets(prog *taint.Program, m *taint.Module, model python.Expr) []string {
	if c, ok := model.(*python.Call); ok && lastName(m.QualName(c.Func)) == "get_user_model" {
		return []string{"is_superuser", "password"}
	}
	q := m.QualName(model)
	switch lastName(q) {
	case "User", "AbstractUser", "AbstractBaseUser":
		if cls := findClass(prog, m, model); cls == nil {
			return []string{"is_superuser", "password"}
		}
	}
	cls := findClass(prog, m, model)
	if cls == nil {
		return nil
	}
	fields := map[string]bool{}
	if prog.IsSubclass(cls, func(q string) bool {
		return lastName(q) == "AbstractUser" || lastName(q) == "AbstractBaseUser"
	}) {
		fields["password"] = true
	}
	for _, s := range cls.Def().Body {
		a, ok := s.(*python.Assign)
		if !ok {
			continue
		}
		// a field is a call (models.CharField(...)); anything else, such
		// as password = None, takes an abstract base's field away
		_, field := a.Value.(*python.Call)
		for _, t := range a.Targets {
			if n, ok := t.(*python.Name); ok && sensitiveField().MatchString(n.ID) {
				fields[n.ID] = field
			}
		}
	}
	var out []string
	for f, kept := range fields {
		if kept {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

func findClass(prog *taint.Program, m *taint.Module, e python.Expr) *taint.Class {
	q := m.QualName(e)
	if c := prog.Classes[m.Name+"."+q]; c != nil {
		return c
	}
	if c := prog.Classes[q]; c != nil {
		return c
	}
	if cs := prog.ClassesEndingIn(q); len(cs) > 0 {
		return cs[0]
	}
	return nil
}

// readOnlyFields returns the fields a serializer's Meta makes read-only:
// read_only_fields, or read_only in extra_kwargs; and, when
// read_only_fields names every field of the model but some
// ([f.name for f in Model._meta.get_fields() if f.name not in ("state",)]),
// those it leaves writable, with allBut set.
func readOnlyFields(cls *python.ClassDef) (ro map[string]bool, writable map[string]bool, allBut bool) {
	ro = map[string]bool{}
	v, _ := metaAssign(cls, "read_only_fields")
	if w, ok := allFieldsBut(v); ok {
		return ro, w, true
	}
	for _, s := range constStrings(v) {
		ro[s] = true
	}
	extraKwargsSet(cls, "read_only", ro)
	return ro, nil, false
}

// allFieldsBut reads a comprehension over a model's fields that keeps
// their names, [f.name for f in Model._meta.get_fields()], with at most a
// condition that leaves some out (if f.name not in ("state", "country")):
// the names left out, and ok.
func allFieldsBut(v python.Expr) (map[string]bool, bool) {
	lc, ok := v.(*python.ListComp)
	if !ok || len(lc.Generators) != 1 {
		return nil, false
	}
	g := lc.Generators[0]
	target, ok := g.Target.(*python.Name)
	if !ok || access.Dotted(lc.Elt) != target.ID+".name" {
		return nil, false
	}
	call, ok := g.Iter.(*python.Call)
	if !ok || !strings.HasSuffix(access.Dotted(call.Func), "._meta.get_fields") {
		return nil, false
	}
	out := map[string]bool{}
	for _, cond := range g.Ifs {
		c, ok := cond.(*python.Compare)
		if !ok || len(c.Ops) != 1 || c.Ops[0] != python.NotIn || access.Dotted(c.Left) != target.ID+".name" {
			return nil, false
		}
		for _, s := range constStrings(c.Comparators[0]) {
			out[s] = true
		}
	}
	return out, true
}

func writeOnlyFields(cls *python.ClassDef) map[string]bool {
	out := map[string]bool{}
	extraKwargsSet(cls, "write_only", out)
	return out
}

// extraKwargsSet adds to out the fields whose Meta.extra_kwargs entry sets
// option (read_only, write_only) to True.
func extraKwargsSet(cls *python.ClassDef, option string, out map[string]bool) {
	v, _ := metaAssign(cls, "extra_kwargs")
	d, ok := v.(*python.Dict)
	if !ok {
		return
	}
	for i, k := range d.Keys {
		name, ok := constStr(k)
		if !ok {
			continue
		}
		opts, ok := d.Values[i].(*python.Dict)
		if !ok {
			continue
		}
		for j, key := range opts.Keys {
			if s, _ := constStr(key); s == option {
				if b, _ := constBool(opts.Values[j]); b {
					out[name] = true
				}
			}
		}
	}
}
