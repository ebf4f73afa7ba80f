package code

import (
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// MassAssignment is a taint rule: the request chooses which model fields
// are written.
var MassAssignment = &analysis.Rule{
	ID:         "DJC113",
	Name:       "mass-assignment",
	Severity:   report.High,
	Confidence: report.MediumConfidence,
	CWE:        []int{915},
	Checklist:  []int{4, 5},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "The request chooses which model fields are written",
		What: "Reports ORM writes whose field names come from the request: Model.objects.create(**data), " +
			"queryset.update(**data), get_or_create/update_or_create(**data or defaults=data), a model built " +
			"as Model(**data) and setattr(obj, name, value) with a name from the request, where data is " +
			"request.POST, request.data, a parsed request body or built from them. Keyword arguments written " +
			"out one by one (also as defaults=dict(webnotify=item[\"webnotify\"])), and dictionaries from a form's cleaned_data or a serializer's validated_data (which " +
			"hold only the declared fields), are not reported, nor is request.data in a function that a decorator of the project hands a serializer's output " +
			"as request.data (request.data = s.validated_data after s.is_valid()) and that reads nothing else of the request, nor a dictionary that a project helper returns " +
			"with keys written in its code ({\"issue_id\": pk}), nor a name checked against the code's own (name " +
			"in EDITABLE, a match case of literals: case \"bio\" | \"website\"), nor a setattr name that starts with text of the code's that no field " +
			"granting rights or naming an owner starts with (setattr(civi, f\"votes_{kind}\", ...) reaches the votes_ counters alone; \"is_\" + kind still reaches is_staff)." + staffNote,
		Why: "Whoever sends the request can add fields the page never showed: is_staff, is_superuser, owner, " +
			"price, balance, approved. The ORM writes them all.",
		Bad:  "Profile.objects.filter(user=request.user).update(**request.POST.dict())",
		Good: "form = ProfileForm(request.POST, instance=request.user.profile)\nif form.is_valid():\n    form.save()",
		Fix: "Validate the input with a Form, ModelForm or serializer that lists its fields, and write " +
			"form.cleaned_data; or pass the allowed fields one by one.",
		References: []string{"https://cheatsheetseries.owasp.org/cheatsheets/Mass_Assignment_Cheat_Sheet.html",
			"https://cwe.mitre.org/data/definitions/915.html"},
	},
	Run: taintRun(massAssignmentSinks, "request data (%s) chooses the model fields written by %s: the client can set any field"),
}

// massAssignmentSinks are the ORM calls that take field names as keywords.
var massAssignmentSinks = &taint.Spec{
	Kind: taint.MassAssign,
	Sinks: []taint.Sink{
		{Method: "create", When: ormWrite, Exprs: fieldNames},
		{Method: "update", When: ormWrite, Exprs: fieldNames},
		{Method: "get_or_create", When: ormWrite, Exprs: fieldNames},
		{Method: "update_or_create", When: ormWrite, Exprs: fieldNames},
		{Func: "django.db.models.Model", Name: "{last}(**…)", Exprs: fieldNames, When: notNarrowed},
		{Func: "django.db.models.base.Model", Name: "{last}(**…)", Exprs: fieldNames, When: notNarrowed},
		{Func: "setattr", Builtin: true, Args: []taint.Arg{taint.A(1, "name")}, When: func(c *taint.Call) bool { return openAttrName(c) && notNarrowed(c) }},
	},
}

// ormWrite is ormReceiver in a function whose request data no decorator
// narrowed (notNarrowed).
func ormWrite(c *taint.Call) bool { return ormReceiver(c) && notNarrowed(c) }

// notNarrowed reports a call in a function that reads the request other
// than through request.data, or that no decorator of the project gives a
// serializer's output as request.data: @validate_serializer(S) doing s =
// S(data=request.data); if s.is_valid(): request.data = s.data. The
// function then reads the serializer's declared fields alone.
func notNarrowed(c *taint.Call) bool {
	fn := c.Function()
	if fn == nil || len(fn.DecoratorList) == 0 {
		return true
	}
	return !c.Memo(narrowedData{fn}, func() any {
		raw := false
		python.Inspect(fn, func(n python.Node) bool {
			if a, ok := n.(*python.Attribute); ok && rawRequestParts[a.Attr] && strings.HasSuffix(access.Dotted(a.Value), "request") {
				raw = true
			}
			return !raw
		})
		if raw {
			return false
		}
		for _, dec := range fn.DecoratorList {
			if call, ok := dec.(*python.Call); ok {
				if def := c.FuncDef(c.QualName(call.Func)); def != nil && rebindsData(def) {
					return true
				}
			}
		}
		return false
	}).(bool)
}

// rawRequestParts are the request's attributes that hold what the client
// sent as it came, beside request.data.
var rawRequestParts = map[string]bool{"POST": true, "GET": true, "body": true, "FILES": true, "COOKIES": true, "META": true, "query_params": true}

// narrowedData keys notNarrowed's answer for a function in Program.Memo.
type narrowedData struct{ fn *python.FunctionDef }

// rebindsData reports a decorator (or its factory) that assigns a
// serializer's output to the request's data: request.data = s.data, or
// s.validated_data, after s.is_valid().
func rebindsData(def *python.FunctionDef) bool {
	found := false
	python.Inspect(def, func(n python.Node) bool {
		a, ok := n.(*python.Assign)
		if !ok || len(a.Targets) != 1 {
			return !found
		}
		t, ok := a.Targets[0].(*python.Attribute)
		v, isAttr := a.Value.(*python.Attribute)
		if ok && isAttr && t.Attr == "data" && (v.Attr == "data" || v.Attr == "validated_data") {
			if n, ok := t.Value.(*python.Name); ok && n.ID == "request" {
				found = true
			}
		}
		return !found
	})
	return found
}

// managers are the attributes and methods that lead from a model to a
// manager or a queryset.
var managers = set("objects", "_default_manager", "_base_manager", "filter", "exclude", "all", "select_for_update",
	"get_queryset", "using", "order_by", "select_related", "prefetch_related", "annotate", "only", "defer", "none")

// ormReceiver reports whether a method is called on a manager or queryset
// (Order.objects, Order.objects.filter(...), self.get_queryset()), not on
// a dict or set.
func ormReceiver(c *taint.Call) bool {
	e := c.Receiver()
	for depth := 0; e != nil && depth < 12; depth++ {
		switch x := e.(type) {
		case *python.Attribute:
			if managers[x.Attr] && x.Attr != "all" {
				return true
			}
			e = x.Value
		case *python.Call:
			a, ok := x.Func.(*python.Attribute)
			if !ok {
				return false
			}
			if managers[a.Attr] {
				return true
			}
			e = a.Value
		case *python.Name:
			return x.ID == "queryset" || x.ID == "qs"
		default:
			return false
		}
	}
	return false
}

// fieldNames returns what names the fields a call writes: the dictionaries
// unpacked with ** (the keys of a literal one) and get_or_create's
// defaults.
func fieldNames(c *taint.Call) []python.Expr {
	var out []python.Expr
	add := func(e python.Expr) {
		switch x := e.(type) {
		case *python.Dict:
			for i, k := range x.Keys {
				if k == nil {
					k = x.Values[i] // {**data}
				}
				out = append(out, k)
			}
		case *python.DictComp:
			// the taint engine marks a comprehension whose keys are the
			// code's ({k: row[k] for k in FIELDS}) as choosing no field
			out = append(out, e)
		case *python.Name:
			if !fixedKeys(c, x.ID) {
				out = append(out, e)
			}
		case *python.Call:
			if n, ok := x.Func.(*python.Name); ok && n.ID == "dict" {
				// dict(webnotify=item["webnotify"]): the keywords
				// written out name the fields; what dict(data) or
				// dict(**data) copies does not
				for _, a := range x.Args {
					out = append(out, a)
				}
				for _, k := range x.Keywords {
					if k.Arg == "" {
						out = append(out, k.Value)
					}
				}
				return
			}
			// **self.entity_field(kind, pk): a helper that returns
			// {"issue_id": pk} or {"page_id": pk} chooses the field
			if def := c.Callee(x); def == nil || !c.Memo(returnsFixedKey{def}, func() any { return returnsFixedKeys(def) }).(bool) {
				out = append(out, e)
			}
		default:
			out = append(out, e)
		}
	}
	for _, k := range c.Keywords {
		if k.Arg == "" || k.Arg == "defaults" && (c.Method == "get_or_create" || c.Method == "update_or_create") {
			add(k.Value)
		}
	}
	return out
}

// openAttrName reports a setattr whose attribute name may be any field:
// not one the code starts with its own text that no field granting
// rights or identity starts with (setattr(civi, "votes_{}".format(kind),
// ...) reaches the votes_* counters alone; "is_" + kind reaches
// is_staff).
func openAttrName(c *taint.Call) bool {
	name := c.Arg(1, "name")
	if _, isName := name.(*python.Name); isName {
		if b := c.Bound(name); b != nil {
			name = b // key = "votes_{}".format(kind); setattr(civi, key, ...)
		}
	}
	p, ok := literalHead(name)
	if !ok || p == "" {
		return true
	}
	for _, f := range guardedAttrs {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// guardedAttrs are the fields of Django's user and of the project's
// models that decide who may do what or whose row it is.
var guardedAttrs = []string{"is_staff", "is_superuser", "is_active", "is_admin", "is_moderator", "groups",
	"user_permissions", "permissions", "password", "role", "roles", "owner", "owner_id", "user", "user_id",
	"username", "email", "author", "author_id", "created_by", "created_by_id", "pk", "id"}

// literalHead returns the literal text a computed name starts with:
// "votes_" of f"votes_{kind}", "votes_" + kind, "votes_%s" % kind and
// "votes_{}".format(kind).
func literalHead(e python.Expr) (string, bool) {
	switch x := e.(type) {
	case *python.JoinedStr:
		if len(x.Values) < 2 {
			return "", false
		}
		return constStr(x.Values[0])
	case *python.BinOp:
		switch x.Op {
		case python.Add:
			return constStr(x.Left)
		case python.Mod:
			s, ok := constStr(x.Left)
			i := strings.IndexByte(s, '%')
			if !ok || i < 0 {
				return "", false
			}
			return s[:i], true
		}
	case *python.Call:
		a, ok := x.Func.(*python.Attribute)
		if !ok || a.Attr != "format" {
			return "", false
		}
		s, ok := constStr(a.Value)
		i := strings.IndexByte(s, '{')
		if !ok || i < 0 {
			return "", false
		}
		return s[:i], true
	}
	return "", false
}

type returnsFixedKey struct{ fn *python.FunctionDef }

// returnsFixedKeys reports whether every return of a function gives a
// dictionary written out with keys of the code's: the fields it names do
// not depend on its arguments.
func returnsFixedKeys(def *python.FunctionDef) bool {
	return everyReturn(def, func(v python.Expr) bool { return v != nil && literalKeys(v) })
}

// everyReturn reports whether a function returns at least once and ok
// holds for the value of each of its returns (nil for a bare return);
// a nested function's returns are its own.
func everyReturn(def *python.FunctionDef, ok func(python.Expr) bool) bool {
	returns, all := 0, true
	python.Inspect(def, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.FunctionDef, *python.Lambda:
			return n == python.Node(def)
		case *python.Return:
			returns++
			all = all && ok(x.Value)
		}
		return all
	})
	return returns > 0 && all
}

// fixedKeys reports whether a function builds the dictionary name only
// with keys written in the code: kwargs = {"revision": r, "user_agent": ua};
// kwargs["creator"] = request.user. The values may come from the request;
// the fields they go to do not. The names of a function are sorted out in
// one walk, once per function (fixedKeyNames): asked at every create(**d)
// call, a walk per call made a function of many such calls quadratic.
func fixedKeys(c *taint.Call, name string) bool {
	fn := c.Function()
	if fn == nil {
		return false
	}
	return c.Memo(fixedKeysKey{fn}, func() any { return fixedKeyNames(fn) }).(map[string]bool)[name]
}

type fixedKeysKey struct{ fn *python.FunctionDef }

// fixedKeyNames returns the names a function assigns a dictionary to
// whose keys are all written in the code, in every assignment, item
// assignment, update and setdefault of that name.
func fixedKeyNames(fn *python.FunctionDef) map[string]bool {
	built, loose := map[string]bool{}, map[string]bool{}
	name := func(e python.Expr) string {
		if n, ok := e.(*python.Name); ok {
			return n.ID
		}
		return ""
	}
	python.Inspect(fn, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.Assign:
			for _, t := range x.Targets {
				switch tt := t.(type) {
				case *python.Name:
					built[tt.ID] = true
					if !literalKeys(x.Value) {
						loose[tt.ID] = true
					}
				case *python.Subscript:
					if id := name(tt.Value); id != "" && !constKey(tt.Slice) {
						loose[id] = true
					}
				}
			}
		case *python.Call:
			if a, ok := x.Func.(*python.Attribute); ok {
				if id := name(a.Value); id != "" && !fixedChange(x, a.Attr) {
					loose[id] = true
				}
			}
		}
		return true
	})
	for id := range loose {
		delete(built, id)
	}
	return built
}

// fixedChange reports whether a method call on a dictionary adds only
// keys written in the code: update with literal keys, setdefault of a
// literal; any other method adds none.
func fixedChange(x *python.Call, method string) bool {
	switch method {
	case "update":
		for _, arg := range x.Args {
			if !literalKeys(arg) {
				return false
			}
		}
		for _, k := range x.Keywords {
			if k.Arg == "" {
				return false
			}
		}
	case "setdefault":
		return len(x.Args) > 0 && constKey(x.Args[0])
	}
	return true
}

// literalKeys reports whether e is a dictionary whose keys are literals:
// {"a": x} or dict(a=x).
func literalKeys(e python.Expr) bool {
	switch x := e.(type) {
	case *python.Dict:
		for _, k := range x.Keys {
			if k == nil || !constKey(k) {
				return false
			}
		}
		return true
	case *python.Call:
		if n, ok := x.Func.(*python.Name); !ok || n.ID != "dict" || len(x.Args) > 0 {
			return false
		}
		for _, k := range x.Keywords {
			if k.Arg == "" {
				return false
			}
		}
		return true
	}
	return false
}

// constKey reports whether a key is a string literal, or a choice between
// literals ("email" if anonymous else "user").
func constKey(e python.Expr) bool {
	switch x := e.(type) {
	case *python.IfExp:
		return constKey(x.Body) && constKey(x.Orelse)
	}
	_, ok := constStr(e)
	return ok
}
