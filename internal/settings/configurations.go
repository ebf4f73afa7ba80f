package settings

import (
	"fmt"
	"strings"

	"github.com/djsec/djsec/internal/python"
)

// This file follows django-configurations, where settings are the attributes
// of classes deriving from configurations.Configuration and the class is
// chosen by DJANGO_CONFIGURATION. Each such class that no other one derives
// from is an entry of its own ("shop.settings.Prod").

// configClass is the value of a configuration class: its attributes,
// inherited ones included, and where it is defined.
type configClass struct {
	name string
	ns   *Namespace
	line int // the first and last lines of its statement
	end  int
	// derived is set once another configuration class derives from it.
	derived bool
	// dev says the class is for development or tests: by its name
	// (isDevClass), or because a base is (ContinuousIntegration(Test)).
	dev bool
	// base is the one configuration class the class derives from, and
	// empty says its body sets nothing (a docstring, pass): then its
	// settings are its base's (Staging(Production) for another host).
	base  *configClass
	empty bool
}

// execClass evaluates a class statement. Configuration classes become Module
// values whose members are their attributes; other classes stay unknown.
func (e *evaluator) execClass(s *python.ClassDef) {
	o := e.origin(s)
	var bases []*Value
	config := false
	for _, b := range s.Bases {
		v := e.eval(b)
		bases = append(bases, v)
		if v.Kind == Func && strings.HasPrefix(v.S, "configurations.") && strings.HasSuffix(v.S, "Configuration") || v.class != nil {
			config = true
		}
	}
	if !config {
		e.ns.set(s.Name, Unknownf(o, "class %s", s.Name))
		return
	}
	ns := e.classNamespace(s.Name, bases)
	body := *e
	body.ns = ns
	for _, st := range s.Body {
		if body.term {
			break
		}
		if a, ok := st.(*python.Assign); ok && len(a.Targets) == 1 {
			if n, ok := a.Targets[0].(*python.Name); ok {
				if call, ok := a.Value.(*python.Call); ok {
					if v := body.configValue(n.ID, call); v != nil {
						ns.set(n.ID, v)
						continue
					}
				}
			}
		}
		if f, ok := st.(*python.FunctionDef); ok {
			if settingName(f.Name) {
				// def MIDDLEWARE(self): django-configurations calls a
				// setting that is a method and takes what it returns,
				// which djsec does not work out
				ns.set(f.Name, Unknownf(body.origin(f), "computed by the method %s.%s", s.Name, f.Name))
			}
			continue // other methods (setup, post_setup) are not settings
		}
		body.exec(st)
	}
	cls := &configClass{name: s.Name, ns: ns, line: o.Line, end: o.Line, dev: isDevClass(s.Name), empty: emptyBody(s.Body)}
	if e.pf != nil {
		cls.end = e.pf.Position(s.End()).Line
	}
	for _, b := range bases {
		cls.dev = cls.dev || b.class != nil && b.class.dev
		if b.class != nil {
			if cls.base == nil {
				cls.base = b.class
			} else if cls.base != b.class {
				cls.empty = false // two bases: what it has is their mix
			}
		}
	}
	e.ns.set(s.Name, &Value{Kind: Module, S: s.Name, members: ns, Origin: o, class: cls})
	e.l.mu.Lock()
	e.l.classes[e.file.Path] = append(e.l.classes[e.file.Path], cls)
	e.l.mu.Unlock()
}

// classNamespace makes the namespace of a configuration class from its
// bases. With one base class the class reads through it, as Python looks
// names up along the bases, rather than copying each of its names: a chain
// of classes deriving one from the next copied every name at every step.
// A lookup walks every namespace read through, so a class past
// maxOverlays of them is left unknown. With several bases, their names
// are copied, the first base's last so that it wins, each class once
// however often it is listed, and each name copied costs copyWork of the
// work budget.
func (e *evaluator) classNamespace(name string, bases []*Value) *Namespace {
	var classes []*configClass
	listed := map[*configClass]bool{}
	for _, b := range bases {
		if c := b.class; c != nil && !listed[c] {
			listed[c] = true
			// a development variant of a production class
			// (ProductionInsecure(Production)) leaves it an entry
			if c.dev || !isDevClass(name) {
				c.derived = true
			}
			classes = append(classes, c)
		}
	}
	if len(classes) == 1 {
		if classes[0].ns.depth() >= maxOverlays {
			return &Namespace{vars: map[string]*Value{}, parent: e.ns,
				Opaque: fmt.Sprintf("class %s derives through more than %d configuration classes, more than djsec follows", name, maxOverlays)}
		}
		ns := classes[0].ns.overlay()
		ns.parent = e.ns
		e.inheritOpaque(ns, name, bases)
		return ns
	}
	ns := &Namespace{vars: map[string]*Value{}, parent: e.ns}
	for i := len(classes) - 1; i >= 0; i-- {
		c := classes[i]
		names := c.ns.Names()
		if !e.l.work.add(copyWork * int64(len(names))) {
			e.l.note(fmt.Sprintf("%s: settings evaluation stopped: the settings build values larger than djsec evaluates; what they set after that is unknown", e.file.Path))
			ns.Opaque = "settings evaluation stopped at class " + name
			return ns
		}
		for _, n := range names {
			v, _ := c.ns.lookup(n)
			ns.set(n, v)
		}
	}
	e.inheritOpaque(ns, name, bases)
	return ns
}

// maxOverlays is the most namespaces a configuration class reads through,
// and copyWork what copying one name from a base costs of the work budget
// (a map entry, tens of bytes, against the budget's items of 8 bytes).
const (
	maxOverlays = 32
	copyWork    = 8
)

// inheritOpaque says in ns why names may be missing: a base that was
// incomplete, or one djsec cannot follow. The first base that says so
// wins.
func (e *evaluator) inheritOpaque(ns *Namespace, name string, bases []*Value) {
	for i := len(bases) - 1; i >= 0; i-- {
		if c := bases[i].class; c != nil {
			if c.ns.Opaque != "" {
				ns.Opaque = c.ns.Opaque
			}
		} else if bases[i].Kind != Func || !strings.HasPrefix(bases[i].S, "configurations.") {
			ns.Opaque = "class " + name + " derives from a class djsec cannot follow"
		}
	}
}

// configValue evaluates `NAME = values.BooleanValue(True)`: an environment
// lookup of DJANGO_NAME (environ_prefix, environ_name) with the default, cast
// by the kind of value. It returns nil for other calls.
func (e *evaluator) configValue(name string, call *python.Call) *Value {
	fn := e.eval(call.Func)
	if fn.Kind != Func || !strings.HasPrefix(fn.S, "configurations.values.") {
		return nil
	}
	kind := strings.TrimPrefix(fn.S, "configurations.values.")
	o := e.origin(call)
	args := e.args(call)
	kw, ok := e.kwargs(call)
	if !ok {
		return Unknownf(o, "%s with arguments djsec cannot follow", kind)
	}
	def := arg(args, kw, 0, "default")
	if def == nil {
		def = noneVal(o)
	}
	if v := kw["environ"]; v != nil && v.Truth() == 0 {
		return def
	}
	prefix := "DJANGO"
	if v := kw["environ_prefix"]; v != nil && v.Kind == Str {
		prefix = v.S
	}
	envName := name
	if v := kw["environ_name"]; v != nil && v.Kind == Str {
		envName = v.S
	}
	if prefix != "" {
		envName = prefix + "_" + envName
	}
	var cast func(*Value) *Value
	switch kind {
	case "BooleanValue":
		cast = func(v *Value) *Value { return castBool(v, o, true) }
	case "IntegerValue", "PositiveIntegerValue":
		cast = func(v *Value) *Value { return convert("int", v, o) }
	case "FloatValue":
		cast = func(v *Value) *Value { return convert("float", v, o) }
	case "ListValue", "TupleValue", "SetValue":
		cast = func(v *Value) *Value { return castList(v, o) }
	case "Value", "SecretValue", "EmailValue", "URLValue", "PathValue", "RegexValue":
	case "DatabaseURLValue":
		cast = func(v *Value) *Value {
			d := &Value{Kind: Dict, Origin: o, Literal: v.Literal}
			return setItem(d, strVal("default", o), parseDBURL(v, o), o)
		}
		if kind == "DatabaseURLValue" && kw["environ_name"] == nil {
			envName = "DATABASE_URL"
		}
	default:
		return Unknownf(o, "values.%s", kind)
	}
	if kind == "SecretValue" {
		return e.envLookup(strVal(envName, o), nil, "django-configurations", nil, o)
	}
	castDefault := kind == "DatabaseURLValue"
	return e.envLookup(strVal(envName, o), def, "django-configurations", cast, o, castDefault)
}

// emptyBody reports a class body that sets nothing: a docstring, pass or
// an ellipsis.
func emptyBody(body []python.Stmt) bool {
	for _, st := range body {
		switch x := st.(type) {
		case *python.Pass:
		case *python.ExprStmt:
			if _, ok := x.Value.(*python.Constant); !ok {
				return false
			}
		default:
			return false
		}
	}
	return true
}
