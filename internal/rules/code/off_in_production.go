package code

import (
	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/settings"
	"github.com/djsec/djsec/internal/taint"
)

// A view that starts by answering 404 unless a setting is on, where every
// production settings module turns the setting off, is a development and
// test aid: Open edX services' AutoAuth creates and logs in a user when
// ENABLE_AUTO_AUTH, False in settings/base.py and True only in
// settings/local.py and settings/test.py. In production nobody reaches
// what follows the check.

// offInProduction returns the setting when every handler starts by
// returning or raising unless it is on (if not settings.ENABLE_AUTO_AUTH:
// raise Http404) and every production settings module sets it to a false
// value; "" otherwise. A value read from the environment is not known to
// be off.
func offInProduction(p *project.Project, handlers []*python.FunctionDef) string {
	name := ""
	for _, h := range handlers {
		n := leadingSettingExit(h.Body)
		if n == "" || name != "" && n != name {
			return ""
		}
		name = n
	}
	if name == "" {
		return ""
	}
	prod := settings.Load(p).Production()
	for _, e := range prod {
		if v := e.Value(name); v == nil || v.Truth() != 0 {
			return ""
		}
	}
	if len(prod) == 0 {
		return ""
	}
	return name
}

// leadingSettingExit returns X when the first statement of body, after a
// docstring, returns or raises when settings.X is off: if not
// settings.X: raise Http404.
func leadingSettingExit(body []python.Stmt) string {
	if len(body) > 1 {
		if e, ok := body[0].(*python.ExprStmt); ok {
			if _, ok := constStr(e.Value); ok {
				body = body[1:]
			}
		}
	}
	if len(body) == 0 {
		return ""
	}
	u, ok := access.ExitTest(body[0]).(*python.UnaryOp)
	if !ok || u.Op != python.Not {
		return ""
	}
	if a, ok := u.Operand.(*python.Attribute); ok && access.Dotted(a.Value) == "settings" {
		return a.Attr
	}
	return ""
}

// dispatchOf returns the dispatch method a class view defines, if any.
func dispatchOf(c *taint.Class) []*python.FunctionDef {
	for _, s := range c.Def().Body {
		if f, ok := s.(*python.FunctionDef); ok && f.Name == "dispatch" {
			return []*python.FunctionDef{f}
		}
	}
	return nil
}
