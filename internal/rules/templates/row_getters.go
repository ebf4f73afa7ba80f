package templates

import (
	"strings"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/pysrc"
	"github.com/djsec/djsec/internal/python"
)

// A site's settings row is often fetched by a helper of the project
// (setting = get_blog_setting(), defined in another module, caching the
// row), and its fields are then handed to templates as a row fetched in
// place would be.

// noGetter names no model for any call.
func noGetter(*python.Call) string { return "" }

// rowGetter returns what names the model of the row a plain call of
// module m (file f) returns: a function the module defines or imports
// from a module of the project whose every return is a row of one model
// (returnedRow).
func rowGetter(p *project.Project, f *project.File, m *python.Module) func(c *python.Call) string {
	return func(c *python.Call) string {
		n, ok := c.Func.(*python.Name)
		if !ok {
			return ""
		}
		if def := topLevelDef(m.Body, n.ID); def != nil {
			return returnedRow(def)
		}
		g, name := importedFunc(p, f, m, n.ID)
		if g == nil {
			return ""
		}
		return p.Memo("rules/templates.returnedRow:"+g.Path+":"+name, func() any {
			gm, _ := pysrc.Parse(g)
			if gm == nil {
				return ""
			}
			if def := topLevelDef(gm.Body, name); def != nil {
				return returnedRow(def)
			}
			return ""
		}).(string)
	}
}

// importedFunc returns the project file and the name under which module
// m (file f) imports local: from blog.utils import get_setting, also
// inside a function, relative or absolute (resolved from f's folder and
// each folder above it, the source roots a project may have).
func importedFunc(p *project.Project, f *project.File, m *python.Module, local string) (*project.File, string) {
	var file *project.File
	var name string
	for _, s := range m.Body {
		python.Inspect(s, func(n python.Node) bool {
			imp, ok := n.(*python.ImportFrom)
			if !ok || file != nil {
				return file == nil
			}
			for _, a := range imp.Names {
				bound := a.Asname
				if bound == "" {
					bound = a.Name
				}
				if bound == local {
					file, name = p.ImportedFile(f, imp.Module, imp.Level), a.Name
					break
				}
			}
			return false
		})
	}
	return file, name
}

// returnedRow returns the model whose row every return of def gives:
// BlogSettings.objects.first(), or a name def sets only to such rows,
// leaving out what it reads back from a cache it fills with that name
// (value = cache.get(key) ... cache.set(key, value)). "" when the
// returns give anything else or rows of several models.
func returnedRow(def *python.FunctionDef) string {
	assigns := map[string][]python.Expr{}
	cached := map[string]bool{} // names def stores in a cache
	var returns []python.Expr
	python.EachStmt(def.Body, func(s python.Stmt) {
		switch s := s.(type) {
		case *python.Return:
			returns = append(returns, s.Value)
		case *python.Assign:
			for _, t := range s.Targets {
				if n, ok := t.(*python.Name); ok {
					assigns[n.ID] = append(assigns[n.ID], s.Value)
				}
			}
		case *python.ExprStmt:
			if c, ok := s.Value.(*python.Call); ok && cacheCall(c, "set") && len(c.Args) > 1 {
				if n, ok := c.Args[1].(*python.Name); ok {
					cached[n.ID] = true
				}
			}
		}
	})
	model := ""
	agree := func(e python.Expr, name string) bool {
		c, ok := e.(*python.Call)
		if !ok {
			return false
		}
		if name != "" && cached[name] && cacheCall(c, "get") {
			return true // the row stored earlier
		}
		cls := classOfCall(c)
		if cls == "" || model != "" && cls != model {
			return false
		}
		model = cls
		return true
	}
	for _, r := range returns {
		if n, ok := r.(*python.Name); ok && len(assigns[n.ID]) > 0 {
			for _, v := range assigns[n.ID] {
				if !agree(v, n.ID) {
					return ""
				}
			}
			continue
		}
		if r == nil || !agree(r, "") {
			return ""
		}
	}
	return model
}

// cacheCall reports a call of method on Django's cache: cache.get(key),
// caches["default"].set(key, value).
func cacheCall(c *python.Call, method string) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok || a.Attr != method {
		return false
	}
	switch v := a.Value.(type) {
	case *python.Name:
		return strings.HasSuffix(v.ID, "cache")
	case *python.Subscript:
		n, ok := v.Value.(*python.Name)
		return ok && n.ID == "caches"
	}
	return false
}
