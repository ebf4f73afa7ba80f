package templates

import (
	"strings"

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
// (outside tests and migrations) that writes key as a dict's key or a
// subscript ("key": or ["key"], keyIndex), parsing only those, until fn
// returns false. It reports whether every one was parsed and fn returned
// true for each.
func eachQuotingModule(p *project.Project, key string, fn func(f *project.File, m *python.Module) bool) bool {
	for _, f := range keyIndex(p)[key] {
		m, _ := pysrc.Parse(f)
		if m == nil || !fn(f, m) {
			return false
		}
	}
	return true
}

// keyIndex maps each string that the project's Python code (outside
// tests and migrations) writes as a dict's key or a subscript, "key": or
// ["key"] with the name's characters only, to the files that hold it. It
// is made in one pass over the code the first time a template rule asks
// where a context key is set: searching every file again for each key
// asked cost a tenth of a large project's scan.
func keyIndex(p *project.Project) map[string][]*project.File {
	return p.Memo("rules/templates.keyIndex", func() any {
		out := map[string][]*project.File{}
		eachCodeFile(p, func(f *project.File, data []byte) {
			if project.Migration(f.Path) {
				return
			}
			seen := map[string]bool{}
			eachQuotedKey(data, func(key []byte) {
				if !seen[string(key)] {
					k := string(key)
					seen[k] = true
					out[k] = append(out[k], f)
				}
			})
		})
		return out
	}).(map[string][]*project.File)
}

// eachQuotedKey calls fn with each quoted name in src ('key' or "key",
// letters, digits and underscores) that a ":" or a "]" follows, after
// blanks.
func eachQuotedKey(src []byte, fn func([]byte)) {
	for i := 0; i < len(src); i++ {
		q := src[i]
		if q != '"' && q != '\'' {
			continue
		}
		j := i + 1
		for j < len(src) && (src[j] == '_' || src[j] >= '0' && src[j] <= '9' || src[j]|0x20 >= 'a' && src[j]|0x20 <= 'z') {
			j++
		}
		if j == i+1 || j >= len(src) || src[j] != q {
			continue
		}
		k := j + 1
		for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
			k++
		}
		if k < len(src) && (src[k] == ':' || src[k] == ']') {
			fn(src[i+1 : j])
		}
		i = j
	}
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
	case *python.Name:
		// letter_text = letter_page.letter_text, then "text": letter_text
		if model, field, ok := strings.Cut(rows[x.ID], "."); ok {
			return fieldRef{model, field}, true
		}
	case *python.Attribute:
		switch o := x.Value.(type) {
		case *python.Name:
			if r := rows[o.ID]; r != "" {
				return fieldRef{rowOwner(r), x.Attr}, true
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
// Site.objects.get_current(), page = get_object_or_404(HomePage, ...),
// with the class's name; to a row that a function of the project returns
// (getter): setting = get_site_settings(); or to a relation named as the
// name is (program_page = signatory.program_page), with that name, which
// the field index reads as a model's (fieldIndex.modelOf). A name assigned
// once to a field of one of those rows (text = config.login_text) maps to
// "Model.field", which fieldValue reads as that field.
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
		switch v := a.Value.(type) {
		case *python.Call:
			if cls := classOfCall(v); cls != "" {
				rows[n.ID] = cls
			} else if cls := getter(v); cls != "" {
				rows[n.ID] = cls
			} else if cls := fetchedModel(v); cls != "" {
				rows[n.ID] = cls
			}
		case *python.Attribute:
			if v.Attr == n.ID {
				// program_page = signatories[0].program_page: a
				// relation, named for its model as the name is
				rows[n.ID] = n.ID
			}
		}
	})
	for n, c := range count {
		if c > 1 {
			delete(rows, n)
		}
	}
	// then the names assigned once to a field of one of those rows, as
	// "Model.field", a relation named as the name is too (text =
	// page.text: the row's text, not a model of its own)
	python.EachStmt(def.Body, func(s python.Stmt) {
		a, ok := s.(*python.Assign)
		if !ok || len(a.Targets) != 1 {
			return
		}
		n, ok := a.Targets[0].(*python.Name)
		at, isAttr := a.Value.(*python.Attribute)
		if !ok || !isAttr || count[n.ID] != 1 || rows[n.ID] != "" && rows[n.ID] != n.ID {
			return
		}
		if o, ok := at.Value.(*python.Name); ok && rows[o.ID] != "" {
			rows[n.ID] = rowOwner(rows[o.ID]) + "." + at.Attr
		}
	})
	return rows
}

// rowOwner returns the name a row of fetchedRows is known by: its model,
// or for a field of another row ("Letter.program", of program =
// letter.program) the field's name, a relation named for its model.
func rowOwner(r string) string {
	if _, field, ok := strings.Cut(r, "."); ok {
		return field
	}
	return r
}

// fetchedModel returns the model get_object_or_404(ProgramPage, ...)
// fetches a row of, by a name starting with a capital.
func fetchedModel(c *python.Call) string {
	if name := funcName(c.Func); name != "get_object_or_404" || len(c.Args) == 0 {
		return ""
	}
	if m, ok := c.Args[0].(*python.Name); ok && m.ID != "" && m.ID[0] >= 'A' && m.ID[0] <= 'Z' {
		return m.ID
	}
	return ""
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

// contextKeyConfig reports a context key that every place the project's
// code sets it (outside tests; contextKeyField's places) sets to the
// project's configuration (configValue): data["rollbar"] = {"env":
// settings.ROLLBAR_ENV, "branch": settings.ROLLBAR.get("branch",
// "master")} in the helper that fills every view's context, which djsec
// cannot follow to each render. A key no code sets is not one.
func contextKeyConfig(p *project.Project, key string) bool {
	return p.Memo("rules/templates.contextKeyConfig:"+key, func() any {
		found := false
		all := eachQuotingModule(p, key, func(f *project.File, m *python.Module) bool {
			ok := true
			eachKeySet(m, noGetter, key, func(v python.Expr, _ *python.FunctionDef, _ map[string]string) {
				found = true
				ok = ok && configValue(v, 0)
			})
			return ok
		})
		return all && found
	}).(bool)
}

// configValue reports a value made of the settings and literals alone: a
// literal, settings.X, settings.X.get("k", default), settings.X["k"],
// getattr(settings, "X", default), and a dict, list or tuple display or
// a conditional of such values.
func configValue(e python.Expr, depth int) bool {
	if depth > 8 {
		return false
	}
	all := func(es []python.Expr) bool {
		for _, x := range es {
			if x != nil && !configValue(x, depth+1) {
				return false
			}
		}
		return true
	}
	switch x := e.(type) {
	case *python.Constant:
		return true
	case *python.Dict:
		return all(x.Values)
	case *python.List, *python.Tuple:
		return all(python.SeqElts(x))
	case *python.IfExp:
		return configValue(x.Body, depth+1) && configValue(x.Orelse, depth+1)
	case *python.Call:
		if funcName(x.Func) == "getattr" && len(x.Args) >= 2 && isName(x.Args[0], "settings") {
			return all(x.Args[1:])
		}
		if a, ok := x.Func.(*python.Attribute); ok && a.Attr == "get" {
			return settingsRoot(a.Value) && all(x.Args)
		}
	case *python.Subscript:
		return settingsRoot(x.Value) && configValue(x.Slice, depth+1)
	case *python.Attribute:
		return settingsRoot(x)
	}
	return false
}

// settingsRoot reports settings.X, or an attribute of it.
func settingsRoot(e python.Expr) bool {
	for {
		a, ok := e.(*python.Attribute)
		if !ok {
			return false
		}
		if isName(a.Value, "settings") {
			return true
		}
		e = a.Value
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
