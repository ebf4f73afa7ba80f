package code

import (
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/rules/templates"
	"github.com/djsec/djsec/internal/taint"
)

func init() { taint.IndexCallsNamed("mark_safe", "SafeString", "SafeText") }

// ModelTextMarkedSafe finds HTML built in Python from a model's text field
// and marked safe: the Python side of {{ obj.field|safe }}.
var ModelTextMarkedSafe = &analysis.Rule{
	ID:         "DJC230",
	Name:       "model-text-marked-safe",
	Severity:   report.Medium,
	Confidence: report.MediumConfidence,
	CWE:        []int{79},
	Checklist:  []int{7},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "HTML built from a model's text field is marked safe without escaping it",
		What: "Reports mark_safe, SafeString and functions decorated with @mark_safe when what they mark is an f-string, " +
			"a % or .format() of values, a concatenation or a join that puts a model's free text in the markup unescaped: " +
			"a CharField or TextField (with no choices, no validators and room for more than 15 characters) read from self in " +
			"the model's own methods, from the object an admin column is given, from a parameter or variable named for the " +
			"model (project for Project), or through foreign keys from any of those (obj.parent.hostname). Values passed " +
			"through escape(), conditional_escape() or format_html() are left alone. The finding is low when no form, " +
			"serializer or request handler of the project writes the field, so that only staff in the admin or the " +
			"project's own code fill it.",
		Why: "A name or title a user typed is output as markup wherever the method's result is shown: in the " +
			"admin's list of rows, a template tag, a table column or a message. A value such as " +
			"\"><svg onload=...> runs script in the session of everyone who opens the page, often staff. " +
			"Template autoescaping does not help: the string is already marked safe.",
		Bad:  "def get_badge(self):\n    return mark_safe(f'<span class=\"badge\">{self.name}</span>')",
		Good: "def get_badge(self):\n    return format_html('<span class=\"badge\">{}</span>', self.name)",
		Fix: "Build the markup with format_html (or format_html_join for lists), which escapes each value, instead of " +
			"formatting the string first and marking the result safe; or escape() each model value you put in.",
		References: []string{
			"https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe",
			"https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html",
			"https://cwe.mitre.org/data/definitions/79.html",
		},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		for _, m := range appModules(pass, prog) {
			idx := m.Index()
			owners := methodClasses(idx.Classes)
			check := func(fn *python.FunctionDef, marked python.Expr, at python.Node) {
				how, values := formatted(marked)
				if n, ok := marked.(*python.Name); ok && how == "" && fn != nil {
					// html = f"<b>{self.name}</b>"; return mark_safe(html)
					for _, a := range assignedValues(fn, n.ID) {
						if h, vs := formatted(a); h != "" {
							how, values = h, append(values, vs...)
						}
					}
				}
				if how == "" {
					return
				}
				mt := modelTexts{pass: pass, prog: prog, m: m, fn: fn, cls: owners[fn], followed: map[string]bool{}}
				for _, v := range values {
					if model, chain, ok := mt.read(v, 0); ok {
						reportMarkedText(pass, m, fn, at, how, model, chain)
						return
					}
				}
			}
			for _, st := range idx.Calls {
				switch st.Q {
				case "django.utils.safestring.mark_safe", "django.utils.safestring.SafeString", "django.utils.safestring.SafeText":
					if len(st.Call.Args) == 1 && len(st.Call.Keywords) == 0 {
						check(st.Func, st.Call.Args[0], st.Call)
					}
				}
			}
			for _, fn := range idx.Funcs {
				if !decoratedMarkSafe(m, fn) {
					continue
				}
				python.EachStmt(fn.Body, func(s python.Stmt) {
					if r, ok := s.(*python.Return); ok && r.Value != nil {
						check(fn, r.Value, r)
					}
				})
			}
		}
	},
}

// reportMarkedText reports model.field put unescaped in markup marked
// safe; low when no user of the project writes the field.
func reportMarkedText(pass *analysis.Pass, m *taint.Module, fn *python.FunctionDef, at python.Node, how, model string, chain []string) {
	field := chain[len(chain)-1]
	d := analysis.Diagnostic{
		Location: m.Location(at),
		Message: "markup marked safe is " + how + " that puts " + strings.Join(chain, ".") + ", the text field " +
			model + "." + field + ", in it unescaped: a value holding HTML runs as script wherever this is shown " +
			"(stored XSS); build it with format_html, which escapes each value",
	}
	if !templates.UserWritableOn(pass.Project, model, field) {
		d.Severity = report.Low
		d.Message += "; no form, serializer or request handler of the project writes " + field + ", so staff set it in " +
			"the admin or the project's code fills it"
	} else if adminModule(m.File.Path) || fn != nil && adminDisplay(m, fn) {
		d.Message += "; it is shown in the admin, to staff"
	}
	pass.Report(d)
}

// formatted says how an expression builds a string from values ("an
// f-string", "a string joined with .join()"), with the values it puts in;
// "" for anything else, such as a variable or a literal.
func formatted(e python.Expr) (string, []python.Expr) {
	if c, ok := e.(*python.Call); ok {
		if a, ok := c.Func.(*python.Attribute); ok && a.Attr == "join" && len(c.Args) == 1 {
			if _, lit := a.Value.(*python.Constant); lit {
				elt := joinedElement(c.Args[0])
				if how, values := formatted(elt); how != "" {
					return "a string joined with .join()", values
				}
				return "a string joined with .join()", []python.Expr{elt}
			}
		}
	}
	how := preformatted(e)
	if how == "" {
		return "", nil
	}
	return how, formatValues(e)
}

// joinedElement returns what each item of a join is made of: the element
// of a comprehension ("<li>%s</li>" % t.name for t in tags), or the
// iterable itself.
func joinedElement(e python.Expr) python.Expr {
	switch x := e.(type) {
	case *python.GeneratorExp:
		return x.Elt
	case *python.ListComp:
		return x.Elt
	}
	return e
}

// formatValues returns the values a formatted string puts in: the
// f-string's fields, the operands of % or the arguments of .format(),
// and the parts of a + chain that are not literals, each with the values
// formatted inside it.
func formatValues(e python.Expr) []python.Expr {
	var out []python.Expr
	switch x := e.(type) {
	case *python.JoinedStr:
		for _, v := range x.Values {
			if f, ok := v.(*python.FormattedValue); ok {
				out = append(out, f.Value)
			}
		}
	case *python.Call:
		out = callArgs(x)
	case *python.BinOp:
		switch x.Op {
		case python.Mod:
			if t, ok := x.Right.(*python.Tuple); ok {
				out = t.Elts
			} else {
				out = []python.Expr{x.Right}
			}
		case python.Add:
			for _, side := range []python.Expr{x.Left, x.Right} {
				switch s := side.(type) {
				case *python.Constant:
				case *python.BinOp, *python.JoinedStr:
					out = append(out, formatValues(s)...)
				default:
					out = append(out, s)
				}
			}
		}
	}
	return out
}

// decoratedMarkSafe reports a function decorated with @mark_safe, whose
// every return value is marked safe.
func decoratedMarkSafe(m *taint.Module, fn *python.FunctionDef) bool {
	for _, d := range fn.DecoratorList {
		if m.QualName(d) == "django.utils.safestring.mark_safe" {
			return true
		}
	}
	return false
}

// methodClasses maps each method to the class whose body defines it.
func methodClasses(classes []*python.ClassDef) map[*python.FunctionDef]*python.ClassDef {
	out := map[*python.FunctionDef]*python.ClassDef{}
	for _, c := range classes {
		for _, s := range c.Body {
			if f, ok := s.(*python.FunctionDef); ok {
				out[f] = c
			}
		}
	}
	return out
}

// modelTexts reads values inside one function: which of them are a
// model's free-text field.
type modelTexts struct {
	pass *analysis.Pass
	prog *taint.Program
	m    *taint.Module
	fn   *python.FunctionDef
	cls  *python.ClassDef // the class fn is a method of, or nil
	// followed holds the local names already read through: each is
	// followed once, or x = "<b>" + x + x, repeated, doubles the work
	// with every line.
	followed map[string]bool
}

// read reports a value that is a model's text field, with the model's
// class name and the attribute chain as written (obj, parent, hostname).
// str(value) is the value, and a local variable is what any assignment
// to it puts in (text = self.name in one branch of an if; label =
// f"{obj.title} ..." before mark_safe(label)).
func (t modelTexts) read(v python.Expr, depth int) (model string, chain []string, ok bool) {
	if c, isCall := v.(*python.Call); isCall && len(c.Args) == 1 && len(c.Keywords) == 0 {
		if n, isName := c.Func.(*python.Name); isName && n.ID == "str" {
			v = c.Args[0]
		}
	}
	if n, isName := v.(*python.Name); isName && t.fn != nil && depth < 3 {
		if t.followed[n.ID] {
			return "", nil, false
		}
		t.followed[n.ID] = true
		for _, a := range assignedValues(t.fn, n.ID) {
			values := []python.Expr{a}
			if how, vs := formatted(a); how != "" {
				values = vs
			}
			for _, x := range values {
				if model, chain, ok := t.read(x, depth+1); ok {
					return model, chain, true
				}
			}
		}
		return "", nil, false
	}
	chain = attrChain(v)
	if len(chain) < 2 {
		return "", nil, false
	}
	cls := t.base(chain[0], 0)
	for _, a := range chain[1 : len(chain)-1] {
		cls = relatedModel(t.prog, cls, a)
	}
	if cls == nil || !textField(t.prog, cls, chain[len(chain)-1]) {
		return "", nil, false
	}
	return cls.Name, chain, true
}

// assignedValues returns what the statements of fn assign to name: the
// values of name = ... and name += ....
func assignedValues(fn *python.FunctionDef, name string) []python.Expr {
	var out []python.Expr
	python.EachStmt(fn.Body, func(s python.Stmt) {
		switch a := s.(type) {
		case *python.Assign:
			if len(a.Targets) == 1 {
				if t, ok := a.Targets[0].(*python.Name); ok && t.ID == name {
					out = append(out, a.Value)
				}
			}
		case *python.AugAssign:
			if t, ok := a.Target.(*python.Name); ok && t.ID == name && a.Op == python.Add {
				out = append(out, a.Value)
			}
		}
	})
	return out
}

// attrChain returns the names of a.b.c, or nil when the value is not a
// chain of attributes on a name.
func attrChain(e python.Expr) []string {
	var out []string
	for {
		switch x := e.(type) {
		case *python.Attribute:
			out = append(out, x.Attr)
			e = x.Value
			continue
		case *python.Name:
			out = append(out, x.ID)
			for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
				out[i], out[j] = out[j], out[i]
			}
			return out
		}
		return nil
	}
}

// base returns the model a name holds inside the function: self in a
// model's method, the object an admin class's method is given, a local
// assigned from a chain that ends on a model (incident = obj.incident),
// or a parameter named for a model (project for Project).
func (t modelTexts) base(name string, depth int) *taint.Class {
	if t.fn == nil || depth > 2 {
		return nil
	}
	params := t.fn.Args.Args
	if len(t.fn.Args.Posonlyargs) > 0 {
		params = append(append([]*python.Arg{}, t.fn.Args.Posonlyargs...), params...)
	}
	switch {
	case t.cls != nil && len(params) > 0 && name == params[0].Arg:
		if c := t.prog.Classes[t.m.Name+"."+t.cls.Name]; c != nil && c.Def() == t.cls && declaresModelFields(t.prog, c) {
			return c
		}
		return nil
	case t.cls != nil && len(params) > 1 && name == params[1].Arg:
		if model := adminModel(t.m, t.cls); model != nil {
			return classOf(t.prog, t.m, t.m.QualName(model))
		}
	}
	if as := assignedValues(t.fn, name); len(as) == 1 {
		chain := attrChain(as[0])
		if len(chain) < 2 {
			return nil
		}
		cls := t.base(chain[0], depth+1)
		for _, attr := range chain[1:] {
			cls = relatedModel(t.prog, cls, attr)
		}
		return cls
	}
	for _, p := range params {
		if p.Arg == name {
			return modelNamed(t.pass, t.prog, name)
		}
	}
	return nil
}

// adminModel returns the model an admin class shows: the one
// @admin.register(Model) or admin.site.register(Model, Class) names, or
// an inline's model = Model.
func adminModel(m *taint.Module, cls *python.ClassDef) python.Expr {
	admin := false
	for _, b := range cls.Bases {
		if q := lastName(m.QualName(b)); strings.Contains(q, "Admin") || strings.Contains(q, "Inline") {
			admin = true
		}
	}
	if !admin {
		return nil
	}
	for _, d := range cls.DecoratorList {
		if c, ok := d.(*python.Call); ok && lastName(m.QualName(c.Func)) == "register" && len(c.Args) > 0 {
			return c.Args[0]
		}
	}
	for _, s := range cls.Body {
		if a, ok := s.(*python.Assign); ok && len(a.Targets) == 1 {
			if t, ok := a.Targets[0].(*python.Name); ok && t.ID == "model" {
				return a.Value
			}
		}
	}
	for _, s := range m.Tree().Body {
		e, ok := s.(*python.ExprStmt)
		if !ok {
			continue
		}
		c, ok := e.Value.(*python.Call)
		if !ok || lastName(m.QualName(c.Func)) != "register" || len(c.Args) < 2 {
			continue
		}
		if n, ok := c.Args[1].(*python.Name); ok && n.ID == cls.Name {
			return c.Args[0]
		}
	}
	return nil
}

// modelFieldCall returns the call that declares a model field in a class
// body (title = models.CharField(...)) and the field's type, or nil.
func modelFieldCall(m *taint.Module, s python.Stmt) (string, *python.Call, string) {
	a, ok := s.(*python.Assign)
	if !ok || len(a.Targets) != 1 {
		return "", nil, ""
	}
	n, ok := a.Targets[0].(*python.Name)
	c, isCall := a.Value.(*python.Call)
	if !ok || !isCall {
		return "", nil, ""
	}
	q := m.QualName(c.Func)
	if !strings.HasPrefix(q, "django.db.models.") && !strings.HasPrefix(q, "django.contrib.gis.db.models.") {
		return "", nil, ""
	}
	return n.ID, c, lastName(q)
}

// eachModelField calls f on the model fields cls and its bases declare,
// the class's own first.
func eachModelField(prog *taint.Program, cls *taint.Class, f func(c *taint.Class, name string, call *python.Call, kind string) bool) {
	seen := map[*taint.Class]bool{}
	var walk func(c *taint.Class, depth int) bool
	walk = func(c *taint.Class, depth int) bool {
		if c == nil || seen[c] || depth > 8 {
			return true
		}
		seen[c] = true
		for _, s := range c.Def().Body {
			if name, call, kind := modelFieldCall(c.Module, s); call != nil && !f(c, name, call, kind) {
				return false
			}
		}
		for _, b := range c.Bases {
			if !walk(classOf(prog, c.Module, b), depth+1) {
				return false
			}
		}
		return true
	}
	walk(cls, 0)
}

func declaresModelFields(prog *taint.Program, cls *taint.Class) bool {
	found := false
	eachModelField(prog, cls, func(*taint.Class, string, *python.Call, string) bool {
		found = true
		return false
	})
	return found
}

// textField reports a field of cls that holds free text: a CharField or
// TextField with no choices and no validators, long enough (more than 15
// characters) to carry a script.
func textField(prog *taint.Program, cls *taint.Class, name string) bool {
	text := false
	eachModelField(prog, cls, func(_ *taint.Class, n string, call *python.Call, kind string) bool {
		if n != name {
			return true
		}
		if kind != "CharField" && kind != "TextField" || kw(call, "choices") != nil || kw(call, "validators") != nil {
			return false
		}
		if c, ok := kw(call, "max_length").(*python.Constant); ok {
			if l, ok := c.Value.(int64); ok && l <= 15 {
				return false
			}
		}
		text = true
		return false
	})
	return text
}

// relatedModel returns the model a foreign key or one-to-one field of cls
// points to (parent = models.ForeignKey("Host", ...)), or nil.
func relatedModel(prog *taint.Program, cls *taint.Class, name string) *taint.Class {
	if cls == nil {
		return nil
	}
	var out *taint.Class
	eachModelField(prog, cls, func(c *taint.Class, n string, call *python.Call, kind string) bool {
		if n != name {
			return true
		}
		if kind != "ForeignKey" && kind != "OneToOneField" {
			return false
		}
		to := call.Arg(0, "to")
		switch x := to.(type) {
		case *python.Constant:
			s, _ := x.Value.(string)
			if s == "self" {
				out = c
			} else if s != "" {
				out = classOf(prog, c.Module, s[strings.LastIndexByte(s, '.')+1:])
			}
		case nil:
		default:
			out = classOf(prog, c.Module, c.Module.QualName(x))
		}
		return false
	})
	return out
}

// modelNamed returns the model a variable is named for (project,
// data_source: DataSource), when exactly one model has that name.
func modelNamed(pass *analysis.Pass, prog *taint.Program, name string) *taint.Class {
	byLower := pass.Project.Memo("rules/code.modelsByLower", func() any {
		names := make([]string, 0, len(prog.Classes))
		for q := range prog.Classes {
			names = append(names, q)
		}
		sort.Strings(names)
		out := map[string]*taint.Class{}
		for _, q := range names {
			c := prog.Classes[q]
			if inTests(c.Module) || !declaresOwnFields(c) {
				continue
			}
			l := strings.ToLower(c.Name)
			if _, dup := out[l]; dup {
				out[l] = nil
			} else {
				out[l] = c
			}
		}
		return out
	}).(map[string]*taint.Class)
	return byLower[strings.ReplaceAll(strings.ToLower(name), "_", "")]
}

// declaresOwnFields reports a class whose own body declares a model field.
func declaresOwnFields(c *taint.Class) bool {
	for _, s := range c.Def().Body {
		if _, call, _ := modelFieldCall(c.Module, s); call != nil {
			return true
		}
	}
	return false
}
