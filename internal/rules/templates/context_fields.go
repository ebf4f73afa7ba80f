package templates

import (
	"bytes"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/pysrc"
	"github.com/djsec/djsec/internal/python"
)

// A site's configuration kept in a row of its own (django-solo's
// SiteConfiguration.get_solo(), a model's objects.first()) is another
// thing views and context processors hand templates: "login_text":
// config.login_text, context["announcement"] = announcement.text. Such a
// value is a field of that model, to be judged as {{ config.login_text }}
// would be: by who writes it.

// fieldRef names a model's field.
type fieldRef struct{ model, field string }

// contextKeyField returns the field a context key holds when every place
// the project's code sets the key (a dict display's "key": value,
// ctx["key"] = value or dict(key=value), outside tests) sets it to that
// field of a row it fetched: config.login_text after config =
// SiteConfiguration.get_solo(), Announcement.objects.first().text, or
// either of those or a literal (announcement.text if announcement else
// None). Only the files that quote the key are parsed.
func contextKeyField(p *project.Project, key string) (fieldRef, bool) {
	type answer struct {
		ref fieldRef
		ok  bool
	}
	a := p.Memo("rules/templates.contextKeyField:"+key, func() any {
		var refs []fieldRef
		other := !eachQuotingModule(p, key, func(f *project.File, m *python.Module) bool {
			ok := true
			eachKeySet(m, rowGetter(p, f, m), key, func(v python.Expr, _ *python.FunctionDef, rows map[string]string) {
				if ref, found := fieldValue(v, rows); found && ok {
					refs = append(refs, ref)
				} else {
					ok = false
				}
			})
			return ok
		})
		if other || len(refs) == 0 {
			return answer{}
		}
		for _, r := range refs[1:] {
			if r != refs[0] {
				return answer{}
			}
		}
		return answer{refs[0], true}
	}).(answer)
	return a.ref, a.ok
}

// eachQuotingModule calls fn with each module of the project's code
// (outside tests) that quotes key ("key" or 'key'), parsing only those,
// until fn returns false. It reports whether every one was parsed and fn
// returned true for each.
func eachQuotingModule(p *project.Project, key string, fn func(f *project.File, m *python.Module) bool) bool {
	quoted := [][]byte{[]byte(`"` + key + `"`), []byte(`'` + key + `'`)}
	for _, f := range p.Named(project.Python) {
		if analysis.TestPath(f.Path) {
			continue
		}
		data, err := f.Content()
		if err != nil || !bytes.Contains(data, quoted[0]) && !bytes.Contains(data, quoted[1]) {
			continue
		}
		m, _ := pysrc.Parse(f)
		if m == nil || !fn(f, m) {
			return false
		}
	}
	return true
}

// eachKeySet calls fn with each value module m sets key to, in a dict
// display, by subscript or as a keyword of dict() or update(), the
// function around it and the rows that function fetched (fetchedRows,
// with getter naming the model of the row a plain call returns; none, and
// no function, at the module's top level).
func eachKeySet(m *python.Module, getter func(*python.Call) string, key string, fn func(v python.Expr, def *python.FunctionDef, rows map[string]string)) {
	var visit func(body []python.Stmt, def *python.FunctionDef, rows map[string]string)
	visit = func(body []python.Stmt, def *python.FunctionDef, rows map[string]string) {
		for _, st := range body {
			python.Inspect(st, func(n python.Node) bool {
				switch x := n.(type) {
				case *python.FunctionDef:
					visit(x.Body, x, fetchedRows(x, getter))
					return false
				case *python.ClassDef:
					// a class body's dicts are declarations (a form's
					// widgets = {"login_text": CKEditorWidget}), not
					// contexts; its methods build those
					for _, cs := range x.Body {
						if d, ok := cs.(*python.FunctionDef); ok {
							visit(d.Body, d, fetchedRows(d, getter))
						}
					}
					return false
				case *python.Dict:
					for i, k := range x.Keys {
						if s, ok := strConst(k); ok && s == key {
							fn(x.Values[i], def, rows)
						}
					}
				case *python.Call:
					// dict(key=...), context.update(key=...)
					if name := funcName(x.Func); name == "dict" || name == "update" {
						for _, k := range x.Keywords {
							if k.Arg == key {
								fn(k.Value, def, rows)
							}
						}
					}
				case *python.Assign:
					for _, t := range x.Targets {
						if sub, ok := t.(*python.Subscript); ok {
							if s, ok := strConst(sub.Slice); ok && s == key {
								fn(x.Value, def, rows)
							}
						}
					}
				}
				return true
			})
		}
	}
	visit(m.Body, nil, nil)
}

// fieldValue reports a value that is a field of a fetched row (row.text,
// with row one of rows, or Announcement.objects.first().text), or such a
// field or a literal (row.text if row else None).
func fieldValue(v python.Expr, rows map[string]string) (fieldRef, bool) {
	switch x := v.(type) {
	case *python.Attribute:
		switch o := x.Value.(type) {
		case *python.Name:
			if rows[o.ID] != "" {
				return fieldRef{rows[o.ID], x.Attr}, true
			}
		case *python.Call:
			if cls := classOfCall(o); cls != "" {
				return fieldRef{cls, x.Attr}, true
			}
		}
	case *python.IfExp:
		if literalValue(x.Orelse) {
			return fieldValue(x.Body, rows)
		}
		if literalValue(x.Body) {
			return fieldValue(x.Orelse, rows)
		}
	}
	return fieldRef{}, false
}

// fetchedRows returns the names def assigns once, to a row a class's
// method fetches: config = SiteConfiguration.get_solo(), site =
// Site.objects.get_current(), with the class's name; or to a row that a
// function of the project returns (getter): setting = get_site_settings().
func fetchedRows(def *python.FunctionDef, getter func(*python.Call) string) map[string]string {
	rows := map[string]string{}
	count := map[string]int{}
	python.EachStmt(def.Body, func(s python.Stmt) {
		a, ok := s.(*python.Assign)
		if !ok || len(a.Targets) != 1 {
			return
		}
		n, ok := a.Targets[0].(*python.Name)
		if !ok {
			return
		}
		count[n.ID]++
		if c, ok := a.Value.(*python.Call); ok {
			if cls := classOfCall(c); cls != "" {
				rows[n.ID] = cls
			} else if cls := getter(c); cls != "" {
				rows[n.ID] = cls
			}
		}
	})
	for n, c := range count {
		if c > 1 {
			delete(rows, n)
		}
	}
	return rows
}

// classOfCall returns the class whose method a call chain starts from
// (SiteConfiguration.get_solo(), Config.objects.first()), by a name
// starting with a capital; "" for a plain call.
func classOfCall(c *python.Call) string {
	f := c.Func
	methods := 0
	for {
		switch x := f.(type) {
		case *python.Attribute:
			f = x.Value
			methods++
			continue
		case *python.Call:
			f = x.Func
			continue
		case *python.Name:
			if methods > 0 && x.ID != "" && x.ID[0] >= 'A' && x.ID[0] <= 'Z' {
				return x.ID
			}
		}
		return ""
	}
}

// contextStaffField returns the field a template variable holds when
// every place the project sets it sets it to one field of a fetched row
// (contextKeyField) that no form, serializer or request handler outside
// the admin writes.
func contextStaffField(p *project.Project, e *djtemplate.FilterExpr) (string, bool) {
	if e.Value.Kind != djtemplate.OperandVariable || strings.Contains(e.Value.Value, ".") {
		return "", false
	}
	ref, ok := contextKeyField(p, e.Value.Value)
	if !ok {
		return "", false
	}
	x := modelFields(p)
	models, what := x.writersScope(ref.model, ref.field)
	if models == nil {
		return "", false
	}
	return what, !x.userWritableOn(ref.model, ref.field)
}
