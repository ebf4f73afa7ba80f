package templates

import (
	"strings"

	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
)

// Some pages show the text of a file the deployment keeps beside the
// code: a front page or a welcome note in HTML that the operators edit in
// the site's configuration folder (report/front.html,
// contact-information.txt). Nothing a visitor sends reaches such a file,
// unless the project writes it itself (a log, a cache, an export made from
// what users entered) or opens one a user uploaded: those are left
// reported.

// serverText reports a call in fn that returns the text of a file of the
// server's own disk (fileRead), at a path of the server's (serverPath)
// that the project's code never writes; or a call of a helper of the
// project that reads the file its parameter names (readerParam), given
// such a path here.
func serverText(c *python.Call, fn *python.FunctionDef, m *pymod, depth int) bool {
	if m.p == nil || depth > maxValueDepth {
		return false
	}
	if path := fileRead(c, fn); path != nil {
		return serverPath(path, fn, m, depth)
	}
	n, ok := c.Func.(*python.Name)
	if !ok {
		return false
	}
	def := localDef(fn, n.ID)
	if def == nil {
		def = topLevelDef(m.Body, n.ID)
	}
	if def == nil {
		def, _ = m.importedDef(n.ID)
	}
	if def == nil {
		return false
	}
	param := readerParam(def)
	if param == "" {
		return false
	}
	arg, ok := argFor(def, c, param)
	return ok && serverPath(arg, fn, m, depth+1)
}

// readerParam returns the parameter of def whose file every return of
// def reads (quick_read(filename): return open(filename).read().strip(),
// or None when it cannot), or "" when def is no such helper.
func readerParam(def *python.FunctionDef) string {
	param := ""
	for _, r := range ownReturns(def) {
		if k, ok := r.Value.(*python.Constant); r.Value == nil || ok && k.Value == (python.None{}) {
			continue // None: the file could not be read
		}
		c, ok := r.Value.(*python.Call)
		if !ok {
			return ""
		}
		n, ok := fileRead(c, def).(*python.Name)
		if !ok || !hasParam(def, n.ID) || param != "" && n.ID != param || assignments(def, n.ID) > 0 {
			return ""
		}
		param = n.ID
	}
	return param
}

// fileRead returns the path whose file c reads as text: open(path).read(),
// f.read() with f bound by a with statement of fn to open(path) or
// path.open(), path.read_text(), each perhaps stripped
// (.read().strip()). open must be given a mode that only reads.
func fileRead(c *python.Call, fn *python.FunctionDef) python.Expr {
	a, ok := c.Func.(*python.Attribute)
	if !ok || len(c.Keywords) != 0 {
		return nil
	}
	switch a.Attr {
	case "strip", "rstrip", "lstrip":
		if inner, ok := a.Value.(*python.Call); ok && len(c.Args) <= 1 {
			return fileRead(inner, fn)
		}
	case "read_text":
		if len(c.Args) <= 1 {
			return pathReceiver(a.Value)
		}
	case "read":
		if len(c.Args) != 0 {
			return nil
		}
		f := a.Value
		if n, ok := f.(*python.Name); ok {
			f = withOpened(fn, n.ID)
		}
		if o, ok := f.(*python.Call); ok {
			return readOpen(o)
		}
	}
	return nil
}

// withOpened returns what a with statement of fn binds name to (with
// open(path) as name), or nil when none does or something else binds it
// too.
func withOpened(fn *python.FunctionDef, name string) python.Expr {
	if fn == nil || assignments(fn, name) != 1 {
		return nil
	}
	var found python.Expr
	python.EachStmt(fn.Body, func(s python.Stmt) {
		if x, ok := s.(*python.With); ok {
			for _, it := range x.Items {
				if v, ok := it.OptionalVars.(*python.Name); ok && v.ID == name {
					found = it.ContextExpr
				}
			}
		}
	})
	return found
}

// readOpen returns the path of open(path), open(path, "r"), io.open(path,
// encoding=...) or path.open("rb"): a file opened for reading only.
func readOpen(c *python.Call) python.Expr {
	var path python.Expr
	mode := c.Arg(1, "mode")
	switch f := c.Func.(type) {
	case *python.Name:
		if f.ID != "open" || len(c.Args) == 0 {
			return nil
		}
		path = c.Args[0]
	case *python.Attribute:
		switch {
		case f.Attr == "open" && isName(f.Value, "io") && len(c.Args) > 0:
			path = c.Args[0]
		case f.Attr == "open":
			path, mode = pathReceiver(f.Value), c.Arg(0, "mode")
		}
	}
	if path == nil {
		return nil
	}
	if mode != nil {
		s, ok := strConst(mode)
		if !ok || strings.ContainsAny(s, "wax+") {
			return nil
		}
	}
	return path
}

// serverPath reports a path made of literals, constants in capitals
// (FRONT_FILE, settings.WELCOME_PATH), os.path.join and the / of pathlib
// over them, the project's own helpers given literals
// (find_config_file("report/front.html")), names fn binds once to such a
// path, and fn's parameters that every caller gives one; a path that
// mentions an upload or the request is not. No name or literal of it may
// be one that the project's code writes (writtenFile).
func serverPath(e python.Expr, fn *python.FunctionDef, m *pymod, depth int) bool {
	if depth > maxValueDepth || uploadPath(e) || python.ReadsName(e, "request") {
		return false
	}
	switch x := e.(type) {
	case *python.Constant:
		s, ok := x.Value.(string)
		return ok && !writtenFile(m.p, s)
	case *python.Name:
		if upperCase(x.ID) {
			return !writtenFile(m.p, x.ID)
		}
		if fn == nil {
			return false
		}
		if v := soleValue(fn, x.ID); v != nil {
			return serverPath(v, fn, m, depth+1)
		}
		return hasParam(fn, x.ID) && everyCallerGives(fn, x.ID, m, depth+1, serverPath)
	case *python.Attribute:
		return upperCase(x.Attr) && isName(x.Value, "settings") && !writtenFile(m.p, x.Attr)
	case *python.BinOp:
		return x.Op == python.Div && serverPath(x.Left, fn, m, depth+1) && serverPath(x.Right, fn, m, depth+1)
	case *python.Call:
		if len(x.Keywords) != 0 || len(x.Args) == 0 || !pathMaker(funcName(x.Func)) {
			return false
		}
		for _, a := range x.Args {
			if !serverPath(a, fn, m, depth+1) {
				return false
			}
		}
		// os.path.join(CONF_DIR, "front.html"), Path(BASE_DIR),
		// find_config_file("front.html"): a path put together from the
		// server's own parts
		return true
	}
	return false
}

// pathMaker reports a function that puts a path together from what it is
// given: os.path's and pathlib's, and the project's helpers named for
// its configuration (find_config_file, htk_setting).
func pathMaker(name string) bool {
	switch name {
	case "join", "Path", "PurePath", "PosixPath", "joinpath", "abspath", "realpath", "normpath", "expanduser", "dirname", "str":
		return true
	}
	lower := strings.ToLower(name)
	return strings.Contains(lower, "config") || strings.Contains(lower, "setting")
}

// hasParam reports name, a parameter of fn.
func hasParam(fn *python.FunctionDef, name string) bool {
	return fn.Args != nil && isParam(fn, &python.Name{ID: name})
}

// writeMarks are what a module that writes a file says: a mode to write
// or append, or pathlib's writes.
var writeMarks = []string{`"w"`, `'w'`, `"wb"`, `'wb'`, `"w+"`, `'w+'`, `"a"`, `'a'`, `"ab"`, `'ab'`, `"a+"`, `'a+'`,
	`"x"`, `'x'`, `write_text(`, `write_bytes(`}

// writtenFile reports a name or literal of a path (FRONT_FILE,
// "welcome.html") that some module of the project's code names and that
// writes a file somewhere: what it writes there may be what users sent.
func writtenFile(p *project.Project, name string) bool {
	if len(name) < 3 {
		return false
	}
	return p.Memo("rules/templates.writtenFile:"+name, func() any {
		for _, f := range filesNaming(p, name) {
			data, err := f.Content()
			if err != nil {
				return true
			}
			for _, w := range writeMarks {
				if bytesearch.Contains(data, w) {
					return true
				}
			}
		}
		return false
	}).(bool)
}
