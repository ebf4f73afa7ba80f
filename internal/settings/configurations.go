package settings

import (
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
	line int
	// derived is set once another configuration class derives from it.
	derived bool
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
	ns := &Namespace{vars: map[string]*Value{}, parent: e.ns}
	for i := len(bases) - 1; i >= 0; i-- {
		if c := bases[i].class; c != nil {
			c.derived = true
			for _, n := range c.ns.Names() {
				v, _ := c.ns.lookup(n)
				ns.set(n, v)
			}
			if c.ns.Opaque != "" {
				ns.Opaque = c.ns.Opaque
			}
		} else if bases[i].Kind != Func || !strings.HasPrefix(bases[i].S, "configurations.") {
			ns.Opaque = "class " + s.Name + " derives from a class djsec cannot follow"
		}
	}
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
		if _, ok := st.(*python.FunctionDef); ok {
			continue // methods (setup, post_setup) are not settings
		}
		body.exec(st)
	}
	cls := &configClass{name: s.Name, ns: ns, line: o.Line}
	e.ns.set(s.Name, &Value{Kind: Module, S: s.Name, members: ns, Origin: o, class: cls})
	e.l.mu.Lock()
	e.l.classes[e.file.Path] = append(e.l.classes[e.file.Path], cls)
	e.l.mu.Unlock()
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
