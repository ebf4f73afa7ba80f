package templates

import (
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
)

// Some views hand a template what they read from a file of the server's
// own disk: a documentation page built by Sphinx (json.load of its .fjson
// file), a front end's build manifest. The deployment writes those files,
// not a visitor; their markup is the build's. A file a user uploaded is
// another matter: one opened through a model's file field, a storage or
// MEDIA_ROOT is left reported.

// diskValue returns the context variable a template value reads, through
// the {% for %} loops around it ({% for p in doc.parents %}{{ p.title }}
// reads doc), and the call that reads that variable from a file of the
// server's disk (contextDiskRead); "" when it is not read so.
func diskValue(p *project.Project, e *djtemplate.FilterExpr, loops map[string][]string) (name, call string) {
	name = rootVar(e)
	for step := 0; step < 4 && len(loops[name]) > 0; step++ {
		root := ""
		for _, over := range loops[name] {
			r, _, _ := strings.Cut(over, ".")
			if root != "" && r != root {
				return "", ""
			}
			root = r
		}
		name = root
	}
	if name == "" {
		return "", ""
	}
	call, ok := contextDiskRead(p, name)
	if !ok {
		return "", ""
	}
	return name, call
}

// contextDiskRead returns the call that reads the value of context key
// from a file of the server's disk when every place the project's code
// sets the key (outside tests) sets it to such a read: json.load of a file
// opened with open() or a path's open(), json.loads of read_text(), or a
// helper of the module whose every return is one. Only the files that
// quote the key are parsed.
func contextDiskRead(p *project.Project, key string) (string, bool) {
	type answer struct {
		call string
		ok   bool
	}
	a := p.Memo("rules/templates.contextDiskRead:"+key, func() any {
		call := ""
		all := eachQuotingModule(p, key, func(_ *project.File, m *python.Module) bool {
			r := newDiskReads(m)
			ok := true
			eachKeySet(m, noGetter, key, func(v python.Expr, def *python.FunctionDef, _ map[string]string) {
				if !ok {
					return
				}
				if c, isCall := v.(*python.Call); isCall && def != nil && r.read(c, def) {
					if call == "" {
						call, _ = python.DottedName(c.Func)
					}
					return
				}
				ok = false
			})
			return ok
		})
		return answer{call, call != "" && all}
	}).(answer)
	return a.call, a.ok
}

// diskReads judges the calls of one module, with what it learns of each
// function kept, so that a function setting a key many times is read
// once.
type diskReads struct {
	m       *python.Module
	top     map[string]*python.FunctionDef // the module's functions, by name
	facts   map[*python.FunctionDef]*defFacts
	helpers map[*python.FunctionDef]bool // whose every return reads a file
}

// defFacts are what a function binds: the functions it defines, the file
// each with statement opens (by the name it binds) and the names it
// assigns from an upload.
type defFacts struct {
	defs    map[string]*python.FunctionDef
	opened  map[string]python.Expr
	uploads map[string]bool
}

func newDiskReads(m *python.Module) *diskReads {
	r := &diskReads{m: m, top: map[string]*python.FunctionDef{}, facts: map[*python.FunctionDef]*defFacts{},
		helpers: map[*python.FunctionDef]bool{}}
	for _, st := range m.Body {
		if d, ok := st.(*python.FunctionDef); ok && r.top[d.Name] == nil {
			r.top[d.Name] = d
		}
	}
	return r
}

// of returns the facts of def, gathered on the first call.
func (r *diskReads) of(def *python.FunctionDef) *defFacts {
	if f := r.facts[def]; f != nil {
		return f
	}
	f := &defFacts{defs: map[string]*python.FunctionDef{}, opened: map[string]python.Expr{}, uploads: map[string]bool{}}
	for _, st := range def.Body {
		if d, ok := st.(*python.FunctionDef); ok && f.defs[d.Name] == nil {
			f.defs[d.Name] = d
		}
	}
	python.Inspect(def, func(nd python.Node) bool {
		switch x := nd.(type) {
		case *python.With:
			for _, it := range x.Items {
				if v, ok := it.OptionalVars.(*python.Name); ok && f.opened[v.ID] == nil {
					f.opened[v.ID] = it.ContextExpr
				}
			}
		case *python.Assign:
			if uploadPath(x.Value) {
				for _, t := range x.Targets {
					if n, ok := t.(*python.Name); ok {
						f.uploads[n.ID] = true
					}
				}
			}
		}
		return true
	})
	r.facts[def] = f
	return f
}

// read reports a call in def that returns what a file of the server's
// disk holds: json.load(f) with f opened by a with statement of def,
// json.load(open(path)), json.loads(path.read_text()), or a helper (of def
// or of the module) whose every return is such a read of its own, given
// paths that are the server's (diskPath).
func (r *diskReads) read(c *python.Call, def *python.FunctionDef) bool {
	if parsed := r.parsedFile(c, def); parsed != nil {
		return r.diskPath(parsed, def)
	}
	name, ok := c.Func.(*python.Name)
	if !ok || len(c.Keywords) != 0 {
		return false
	}
	helper := r.of(def).defs[name.ID]
	if helper == nil {
		helper = r.top[name.ID]
	}
	if helper == nil || helper == def || !r.helper(helper) {
		return false
	}
	for _, a := range c.Args {
		if !r.diskPath(a, def) {
			return false
		}
	}
	return true
}

// helper reports a function whose every return reads a file, of a path
// that is the server's or one of its parameters (which read checks at the
// call).
func (r *diskReads) helper(def *python.FunctionDef) bool {
	if ok, seen := r.helpers[def]; seen {
		return ok
	}
	rets := ownReturns(def)
	ok := len(rets) > 0
	for _, ret := range rets {
		rc, isCall := ret.Value.(*python.Call)
		if !isCall {
			ok = false
			break
		}
		parsed := r.parsedFile(rc, def)
		if parsed == nil || !r.diskPath(parsed, def) && !isParam(def, parsed) {
			ok = false
			break
		}
	}
	r.helpers[def] = ok
	return ok
}

// parsedFile returns the path whose file call c decodes (json.load,
// json.loads, yaml.safe_load), or nil.
func (r *diskReads) parsedFile(c *python.Call, def *python.FunctionDef) python.Expr {
	a, ok := c.Func.(*python.Attribute)
	if !ok || len(c.Args) != 1 {
		return nil
	}
	mod, ok := a.Value.(*python.Name)
	if !ok {
		return nil
	}
	switch {
	case mod.ID == "json" && a.Attr == "load", mod.ID == "yaml" && a.Attr == "safe_load":
		return r.openedPath(c.Args[0], def)
	case mod.ID == "json" && a.Attr == "loads":
		// json.loads(path.read_text()), json.loads(f.read())
		rc, ok := c.Args[0].(*python.Call)
		if !ok || len(rc.Args) != 0 {
			return nil
		}
		ra, ok := rc.Func.(*python.Attribute)
		if !ok {
			return nil
		}
		switch ra.Attr {
		case "read_text":
			return pathReceiver(ra.Value)
		case "read":
			return r.openedPath(ra.Value, def)
		}
	}
	return nil
}

// openedPath returns the path a file object was opened from: open(path),
// path.open(), or a name the with statement of def binds to one of them.
func (r *diskReads) openedPath(x python.Expr, def *python.FunctionDef) python.Expr {
	if n, ok := x.(*python.Name); ok {
		if x = r.of(def).opened[n.ID]; x == nil {
			return nil
		}
	}
	c, ok := x.(*python.Call)
	if !ok || len(c.Args) > 2 {
		return nil
	}
	switch f := c.Func.(type) {
	case *python.Name:
		if f.ID == "open" && len(c.Args) > 0 {
			return c.Args[0]
		}
	case *python.Attribute:
		if f.Attr == "open" {
			return pathReceiver(f.Value)
		}
	}
	return nil
}

// pathReceiver returns x when it reads as a filesystem path (a name,
// root / "part", Path(...)), not a model's file field (doc.file), whose
// open() reads an upload.
func pathReceiver(x python.Expr) python.Expr {
	switch v := x.(type) {
	case *python.Name:
		return v
	case *python.BinOp:
		if v.Op == python.Div {
			return v
		}
	case *python.Call:
		if n := funcName(v.Func); n == "Path" || n == "joinpath" {
			return v
		}
	}
	return nil
}

// uploadMarks are what a path to a file a user uploaded goes through.
var uploadMarks = map[string]bool{
	"MEDIA_ROOT": true, "FILES": true, "file": true, "storage": true, "default_storage": true,
	"request": true, "temporary_file_path": true,
}

// diskPath reports a path that comes from no upload: neither it nor what
// def assigns to the names it uses mentions MEDIA_ROOT, a storage, a
// file field's file or path, or the request (a captured URL part, which
// picks a file under the root the view joins it to, is fine). One step:
// the assigned values' own names are not followed.
func (r *diskReads) diskPath(x python.Expr, def *python.FunctionDef) bool {
	if uploadPath(x) {
		return false
	}
	uploads := r.of(def).uploads
	clean := true
	python.Inspect(x, func(nd python.Node) bool {
		if n, ok := nd.(*python.Name); ok && uploads[n.ID] {
			clean = false
		}
		return clean
	})
	return clean
}

// uploadPath reports an expression that mentions an upload mark, or the
// path attribute of anything but os (a FieldFile's path).
func uploadPath(x python.Expr) bool {
	found := false
	python.Inspect(x, func(nd python.Node) bool {
		switch v := nd.(type) {
		case *python.Name:
			found = found || uploadMarks[v.ID]
		case *python.Attribute:
			if uploadMarks[v.Attr] {
				found = true
			}
			if n, ok := v.Value.(*python.Name); v.Attr == "path" && (!ok || n.ID != "os") {
				found = true
			}
		}
		return !found
	})
	return found
}

// isParam reports x, a name of one of def's parameters.
func isParam(def *python.FunctionDef, x python.Expr) bool {
	n, ok := x.(*python.Name)
	if !ok || def.Args == nil {
		return false
	}
	for _, a := range append(slices.Clip(def.Args.Posonlyargs), def.Args.Args...) {
		if a.Arg == n.ID {
			return true
		}
	}
	return false
}
