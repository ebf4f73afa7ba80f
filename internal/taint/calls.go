package taint

import (
	"strings"

	"github.com/djsec/djsec/internal/python"
)

func arg(c *python.Call, i int, kw ...string) python.Expr {
	for _, k := range c.Keywords {
		for _, w := range kw {
			if k.Arg == w {
				return k.Value
			}
		}
	}
	if i >= 0 && i < len(c.Args) {
		if _, star := c.Args[i].(*python.Starred); !star {
			return c.Args[i]
		}
	}
	return nil
}

func keyword(c *python.Call, name string) python.Expr {
	for _, k := range c.Keywords {
		if k.Arg == name {
			return k.Value
		}
	}
	return nil
}

func isTrue(e python.Expr) bool {
	c, ok := e.(*python.Constant)
	if !ok {
		return false
	}
	b, ok := c.Value.(bool)
	return ok && b
}

func isFalse(e python.Expr) bool {
	c, ok := e.(*python.Constant)
	if !ok {
		return false
	}
	b, ok := c.Value.(bool)
	return ok && !b
}

func hasPrefix(q string, prefixes ...string) bool {
	for _, p := range prefixes {
		if len(q) >= len(p) && q[:len(p)] == p && (len(q) == len(p) || q[len(p)] == '.') {
			return true
		}
	}
	return false
}

func last(q string) string { return q[strings.LastIndexByte(q, '.')+1:] }

func (s *fnState) recvText(c *python.Call) string {
	if a, ok := c.Func.(*python.Attribute); ok {
		t := s.m.Text(a.Value)
		if len(t) > 30 || strings.ContainsAny(t, "\n") {
			return "…"
		}
		return t
	}
	return ""
}

// shadowed reports whether a builtin name is redefined by the module.
func (s *fnState) shadowed(name string) bool {
	_, imported := s.m.Imports.Lookup(name)
	return imported || s.m.Defs[name]
}

func (s *fnState) imports(prefix string) bool {
	for _, q := range s.m.Imports.All() {
		if q == prefix || strings.HasPrefix(q, prefix+".") {
			return true
		}
	}
	return false
}
