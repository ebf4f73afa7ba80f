package templates

import (
	"bytes"
	"sync"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/project"
)

// literalAttrs answers whether every assignment of an attribute name in
// the project's Python code gives it a literal, as class attributes that
// configure a view do (tables_orientation = "rows"): then self.<name> in
// a view's get_context_data holds one of the project's own strings,
// whichever subclass renders. The answer is read from the sources'
// bytes, not their trees: it is asked of a few names a scan, and every
// module of the project may subclass the view.
type literalAttrs struct {
	p    *project.Project
	mu   sync.Mutex
	seen map[string]bool
}

func classAttrs(p *project.Project) *literalAttrs {
	return p.Memo("rules/templates.literalAttrs", func() any {
		return &literalAttrs{p: p, seen: map[string]bool{}}
	}).(*literalAttrs)
}

// literal reports whether name is assigned somewhere, and only ever to a
// string, number, True, False or None literal: at class level, on an
// object (view.name = ...) or as a keyword (as_view(name=...)). A
// setattr(view, "name", v) makes it unknown.
func (la *literalAttrs) literal(name string) bool {
	la.mu.Lock()
	defer la.mu.Unlock()
	if v, ok := la.seen[name]; ok {
		return v
	}
	v := la.scan(name)
	la.seen[name] = v
	return v
}

// djangoSet are attributes Django's views set on the view as they serve
// a request: never the project's literals.
var djangoSet = map[string]bool{
	"request": true, "args": true, "kwargs": true, "object": true, "object_list": true, "head": true,
}

func (la *literalAttrs) scan(name string) bool {
	if djangoSet[name] {
		return false
	}
	key := []byte(name)
	quoted := [][]byte{[]byte(`"` + name + `"`), []byte(`'` + name + `'`)}
	def := []byte("def " + name + "(")
	found := false
	var buf []byte
	for _, f := range la.p.Named(project.Python) {
		if analysis.TestPath(f.Path) {
			continue // what tests assign reaches no deployed view
		}
		// Peek, not Content: the files the runner released stay released
		data, err := f.Peek(&buf)
		if err != nil {
			return false
		}
		if !bytesearch.Contains(data, name) {
			continue // most files: one pass, and nothing more to read
		}
		for _, q := range quoted {
			if setattrOf(data, q) {
				return false
			}
		}
		if bytes.Contains(data, def) {
			return false // a method or property of that name
		}
		for rest, off := data, 0; ; {
			i := bytes.Index(rest, key)
			if i < 0 {
				break
			}
			at := off + i
			rest, off = rest[i+len(key):], at+len(key)
			if at > 0 && identByte(data[at-1]) || off < len(data) && identByte(data[off]) {
				continue // part of a longer name
			}
			rhs, assigned := assignedValue(data[off:])
			if !assigned {
				continue
			}
			if !literalStart(rhs) {
				return false
			}
			found = true
		}
	}
	return found
}

// setattrOf reports a line that names the quoted attribute in a setattr
// call: setattr(view, "tables_orientation", value).
func setattrOf(data, quoted []byte) bool {
	for rest := data; ; {
		i := bytes.Index(rest, quoted)
		if i < 0 {
			return false
		}
		start := bytes.LastIndexByte(rest[:i], '\n') + 1
		if bytes.Contains(rest[start:i], []byte("setattr(")) {
			return true
		}
		rest = rest[i+len(quoted):]
	}
}

func identByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

// assignedValue returns what follows "= " after a name, when the name is
// assigned there (not compared: ==), or annotated and assigned
// (name: str = "rows").
func assignedValue(after []byte) ([]byte, bool) {
	s := bytes.TrimLeft(after, " \t")
	if len(s) > 0 && s[0] == ':' {
		// an annotation: up to the "=" on the same line
		end := bytes.IndexAny(s, "=\n")
		if end < 0 || s[end] != '=' {
			return nil, false
		}
		s = s[end:]
	}
	if len(s) < 2 || s[0] != '=' || s[1] == '=' {
		return nil, false
	}
	return bytes.TrimLeft(s[1:], " \t"), true
}

// literalStart reports whether s starts with a literal that the
// expression ends after: a plain string (no f-string), a number, True,
// False or None, followed by the end of the line, a comment, or the end
// of an argument list or collection item.
func literalStart(s []byte) bool {
	n := 0
	switch {
	case len(s) > 0 && (s[0] == '"' || s[0] == '\''):
		q := s[0]
		end := bytes.IndexByte(s[1:], q)
		if end < 0 || bytes.IndexByte(s[1:1+end], '\n') >= 0 || bytes.IndexByte(s[1:1+end], '\\') >= 0 {
			return false
		}
		n = end + 2
	case bytes.HasPrefix(s, []byte("True")):
		n = 4
	case bytes.HasPrefix(s, []byte("False")):
		n = 5
	case bytes.HasPrefix(s, []byte("None")):
		n = 4
	default:
		for n < len(s) && ('0' <= s[n] && s[n] <= '9' || s[n] == '.') {
			n++
		}
		if n == 0 {
			return false
		}
	}
	if n < len(s) && identByte(s[n]) {
		return false // Nonesuch, 12abc
	}
	rest := bytes.TrimLeft(s[n:], " \t\r")
	return len(rest) == 0 || rest[0] == '\n' || rest[0] == '#' || rest[0] == ',' || rest[0] == ')' || rest[0] == ';'
}
