package code

import (
	"regexp"
	"strings"

	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// inTests reports whether a module is test code, which the pattern rules
// leave alone: fixtures hold fake passwords and asserts by design.
func inTests(m *taint.Module) bool {
	p := "/" + m.File.Path
	base := p[strings.LastIndexByte(p, '/')+1:]
	return strings.Contains(p, "/tests/") || strings.Contains(p, "/test/") || strings.HasPrefix(base, "test_") ||
		strings.HasSuffix(base, "_test.py") || base == "tests.py" || base == "conftest.py"
}

// isSettings reports whether a module is a settings module by its path.
func isSettings(m *taint.Module) bool {
	p := m.File.Path
	return strings.Contains(p, "/settings/") || strings.HasPrefix(p, "settings/") ||
		strings.HasSuffix(p, "settings.py") || strings.Contains(p, "/settings_")
}

func kw(c *python.Call, name string) python.Expr {
	for _, k := range c.Keywords {
		if k.Arg == name {
			return k.Value
		}
	}
	return nil
}

func constBool(e python.Expr) (bool, bool) {
	c, ok := e.(*python.Constant)
	if !ok {
		return false, false
	}
	b, ok := c.Value.(bool)
	return b, ok
}

func constStr(e python.Expr) (string, bool) {
	c, ok := e.(*python.Constant)
	if !ok {
		return "", false
	}
	s, ok := c.Value.(string)
	return s, ok
}

func lastName(q string) string { return q[strings.LastIndexByte(q, '.')+1:] }

// decorators returns the qualified names of a definition's decorators
// (the called function for decorator calls).
func decorators(m *taint.Module, list []python.Expr) []string {
	var out []string
	for _, d := range list {
		if c, ok := d.(*python.Call); ok {
			q := m.QualName(c.Func)
			out = append(out, q)
			if lastName(q) == "method_decorator" && len(c.Args) > 0 {
				out = append(out, m.QualName(c.Args[0]))
				if l, ok := c.Args[0].(*python.List); ok {
					for _, e := range l.Elts {
						out = append(out, m.QualName(e))
					}
				}
			}
			continue
		}
		out = append(out, m.QualName(d))
	}
	return out
}

func hasName(names []string, want ...string) bool {
	for _, n := range names {
		for _, w := range want {
			if lastName(n) == w {
				return true
			}
		}
	}
	return false
}

// metaAssign returns the value assigned to name in a class's inner Meta.
func metaAssign(cls *python.ClassDef, name string) (python.Expr, *python.Assign) {
	for _, s := range cls.Body {
		meta, ok := s.(*python.ClassDef)
		if !ok || meta.Name != "Meta" {
			continue
		}
		for _, ms := range meta.Body {
			if a, ok := ms.(*python.Assign); ok {
				for _, t := range a.Targets {
					if n, ok := t.(*python.Name); ok && n.ID == name {
						return a.Value, a
					}
				}
			}
		}
	}
	return nil, nil
}

// writes reports whether a function body changes data: ORM writes, file
// writes, or handling of POSTed data.
var writeMethods = map[string]bool{"save": true, "delete": true, "create": true, "update": true, "bulk_create": true,
	"bulk_update": true, "get_or_create": true, "update_or_create": true, "set_password": true, "add": true, "remove": true}

func changesData(body []python.Stmt) (python.Node, bool) {
	var found python.Node
	for _, s := range body {
		python.Inspect(s, func(n python.Node) bool {
			if found != nil {
				return false
			}
			if c, ok := n.(*python.Call); ok {
				if a, ok := c.Func.(*python.Attribute); ok && writeMethods[a.Attr] {
					found = c
					return false
				}
			}
			return true
		})
	}
	return found, found != nil
}

var secretName = regexp.MustCompile(`(?i)(password|passwd|pwd|secret|token|otp|api_?key|nonce|salt|reset_?code|verification_?code|pin|session)`)
