package templates

import (
	"bytes"
	"sync"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/project"
)

// literalAttrs answers whether every assignment of an attribute name in
// the project's Python code gives it a literal, as class attributes that
// configure a view do (tables_orientation = "rows"): then self.<name> in
// a view's get_context_data holds one of the project's own strings,
// whichever subclass renders. The answer is read from the sources'
// bytes, not their trees, since every module of the project may subclass
// the view: one pass over them, the first time a name is asked, notes
// what each name is assigned (a few thousand names on a large project),
// where a pass per name read every module again for each.
type literalAttrs struct {
	p     *project.Project
	once  sync.Once
	facts map[string]attrFacts
}

// attrFacts is what the sources do with one name.
type attrFacts struct {
	literal bool // assigned a literal somewhere
	other   bool // assigned something else, defined as a method, or set by setattr
}

func classAttrs(p *project.Project) *literalAttrs {
	return p.Memo("rules/templates.literalAttrs", func() any {
		return &literalAttrs{p: p}
	}).(*literalAttrs)
}

// literal reports whether name is assigned somewhere, and only ever to a
// string, number, True, False or None literal: at class level, on an
// object (view.name = ...) or as a keyword (as_view(name=...)). A
// setattr(view, "name", v) makes it unknown.
func (la *literalAttrs) literal(name string) bool {
	if djangoSet[name] {
		return false
	}
	la.once.Do(la.index)
	f := la.facts[name]
	return f.literal && !f.other
}

// djangoSet are attributes Django's views set on the view as they serve
// a request: never the project's literals.
var djangoSet = map[string]bool{
	"request": true, "args": true, "kwargs": true, "object": true, "object_list": true, "head": true,
}

// index notes, for every identifier of the project's code outside its
// tests, whether it is assigned a literal and whether it is assigned or
// defined otherwise. A module that cannot be read leaves every name
// unknown.
func (la *literalAttrs) index() {
	facts := map[string]attrFacts{}
	var buf []byte
	for _, f := range la.p.Named(project.Python) {
		if analysis.TestPath(f.Path) {
			continue // what tests assign reaches no deployed view
		}
		// Peek, not Content: the files the runner released stay released
		data, err := f.Peek(&buf)
		if err != nil {
			la.facts = nil
			return
		}
		indexAttrs(data, facts)
	}
	la.facts = facts
}

// indexAttrs adds what data does with each identifier to facts: an
// assignment (name = ..., name: T = ..., name=... as a keyword), a def
// of that name, or the name quoted after a setattr( on its line.
func indexAttrs(data []byte, facts map[string]attrFacts) {
	var line lineSetattr
	for i := 0; i < len(data); {
		if !identByte(data[i]) {
			i++
			continue
		}
		start := i
		for i < len(data) && identByte(data[i]) {
			i++
		}
		other := start >= 4 && string(data[start-4:start]) == "def " && i < len(data) && data[i] == '('
		if q := start - 1; q >= 0 && (data[q] == '"' || data[q] == '\'') && i < len(data) && data[i] == data[q] {
			other = other || line.before(data, q)
		}
		literal := false
		j := i
		for j < len(data) && (data[j] == ' ' || data[j] == '\t') {
			j++
		}
		// most names are neither assigned nor annotated
		if j < len(data) && (data[j] == '=' || data[j] == ':') {
			if rhs, assigned := assignedValue(data[i:]); assigned {
				literal = literalStart(rhs)
				other = other || !literal
			}
		}
		if !literal && !other {
			continue
		}
		name := string(data[start:i]) // a copy: the map outlives data
		f := facts[name]
		f.literal = f.literal || literal
		f.other = f.other || other
		facts[name] = f
	}
}

// lineSetattr finds where the line of a position calls setattr, once per
// line, so that a line of many quoted names is read once.
type lineSetattr struct {
	start, end int // the line last read: data[start:end]
	call       int // where setattr( starts on it, or -1
}

// before reports a setattr( on the line of data before at.
func (l *lineSetattr) before(data []byte, at int) bool {
	if l.end == 0 || at < l.start || at >= l.end {
		l.start = bytes.LastIndexByte(data[:at], '\n') + 1
		l.end = len(data)
		if n := bytes.IndexByte(data[at:], '\n'); n >= 0 {
			l.end = at + n
		}
		l.call = -1
		if n := bytes.Index(data[l.start:l.end], []byte("setattr(")); n >= 0 {
			l.call = l.start + n
		}
	}
	return l.call >= 0 && l.call+len("setattr(") <= at
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
