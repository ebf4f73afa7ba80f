package templates

import (
	"bytes"
	"strings"

	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
)

// A model's property that computes a status from the row (return
// "Passed", or a helper of the class that returns such words) prints only
// the code's own text, whoever holds the object: {{ bill.inferred_status }}
// is as safe as a choice's key.

// literalProperty reports an attribute a value marked safe reads (with
// filters of literal arguments only), whose name the
// project's model modules define only as methods or properties that take
// self alone and whose every return is text of the code's own
// (returnsSafe), and that no model declares as a field or assigns
// otherwise.
func literalProperty(p *project.Project, e *djtemplate.FilterExpr) bool {
	for _, f := range e.Filters {
		if f.Arg != nil && !f.Arg.Literal() {
			return false // |default:other, a value from elsewhere
		}
	}
	v := e.Value.Value
	i := strings.LastIndexByte(v, '.')
	if e.Value.Kind != djtemplate.OperandVariable || i < 0 {
		return false
	}
	name := v[i+1:]
	return !typedFields(p).textual[name] && p.Memo("rules/templates.literalProperty:"+name, func() any {
		return definedLiteral(p, name)
	}).(bool)
}

// definedLiteral parses the model modules that define name (modelDefs;
// none is kept) and reports whether every class that binds name there
// defines it as literalProperty asks.
func definedLiteral(p *project.Project, name string) bool {
	found := false
	var buf []byte
	for _, f := range modelDefs(p)[name] {
		data, err := f.Peek(&buf)
		if err != nil {
			return false
		}
		m, err := python.ParseFile(f.Path, data)
		if err != nil || m == nil {
			return false
		}
		for _, st := range m.Body {
			c, ok := st.(*python.ClassDef)
			if !ok {
				continue
			}
			switch bindsLiteral(m, c, name) {
			case bindsOther:
				return false
			case bindsSafe:
				found = true
			}
		}
	}
	return found
}

type propBinding int

const (
	bindsNothing propBinding = iota
	bindsSafe                // a method of self alone whose every return is safe
	bindsOther               // a field, a class attribute, a method returning data
)

// bindsLiteral says how class c binds name.
func bindsLiteral(m *python.Module, c *python.ClassDef, name string) propBinding {
	b := bindsNothing
	for _, st := range c.Body {
		switch x := st.(type) {
		case *python.FunctionDef:
			if x.Name != name {
				continue
			}
			if len(x.Args.Args) != 1 || !returnsSafe(x, &pymod{Module: m}, 0) {
				return bindsOther
			}
			b = bindsSafe
		case *python.Assign:
			for _, t := range x.Targets {
				if n, ok := t.(*python.Name); ok && n.ID == name {
					return bindsOther
				}
			}
		case *python.AnnAssign:
			if n, ok := x.Target.(*python.Name); ok && n.ID == name {
				return bindsOther
			}
		}
	}
	return b
}

// modelDefs returns, by name, the model modules whose text defines a
// function of that name (def name(), at any depth), read once per scan:
// each name a template asks about then reads only its own modules.
func modelDefs(p *project.Project) map[string][]*project.File {
	return p.Memo("rules/templates.modelDefs", func() any {
		out := map[string][]*project.File{}
		var buf []byte
		for _, f := range p.Named(project.Python) {
			if !modelModule(f.Path) {
				continue
			}
			data, err := f.Peek(&buf)
			if err != nil {
				continue
			}
			seen := map[string]bool{}
			for rest := data; ; {
				i := bytes.Index(rest, []byte("def "))
				if i < 0 {
					break
				}
				rest = rest[i+4:]
				j := bytes.IndexByte(rest, '(')
				if j <= 0 || bytes.ContainsAny(rest[:j], " \t\n:") {
					continue
				}
				if name := string(rest[:j]); !seen[name] {
					seen[name] = true
					out[name] = append(out[name], f)
				}
			}
		}
		return out
	}).(map[string][]*project.File)
}
