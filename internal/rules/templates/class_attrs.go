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
// bytes, not their trees, since every module of the project may subclass
// the view: one pass over them, the first time a name is asked, notes
// what each name is assigned (a few thousand names on a large project),
// where a pass per name read every module again for each.
type literalAttrs struct {
	p    *project.Project
	once sync.Once
	// literals are the names assigned only literals: the index's facts
	// of the other names are dropped once it is built.
	literals map[string]bool
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
	return la.literals[name]
}

// djangoSet are attributes Django's views set on the view as they serve
// a request: never the project's literals.
var djangoSet = map[string]bool{
	"request": true, "args": true, "kwargs": true, "object": true, "object_list": true, "head": true,
}

// index notes, for every identifier of the project's code outside its
// tests, whether it is assigned a literal and whether it is assigned or
// defined otherwise, and keeps the names assigned only literals. A
// module that cannot be read leaves every name unknown.
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
			return
		}
		indexAttrs(data, facts)
	}
	la.literals = map[string]bool{}
	for name, f := range facts {
		if f.literal && !f.other {
			la.literals[name] = true
		}
	}
}

// indexAttrs adds what data does with each identifier to facts: an
// assignment (name = ..., name: T = ..., name=... as a keyword), a def
// of that name, or the name quoted after a setattr( on its line. It is
// driven by the bytes those start from ("def ", "setattr(", "="), found
// with IndexByte, rather than by every identifier of the code: the index
// reads the whole project.
func indexAttrs(data []byte, facts map[string]attrFacts) {
	note := func(start, end int, literal, other bool) {
		f, seen := facts[string(data[start:end])]
		g := attrFacts{literal: f.literal || literal, other: f.other || other}
		if !seen || g != f {
			facts[string(data[start:end])] = g // a copy: the map outlives data
		}
	}
	for off := 0; ; {
		k := bytesearch.Index(data[off:], "def ")
		if k < 0 {
			break
		}
		start := off + k + len("def ")
		end := identEnd(data, start)
		if end > start && end < len(data) && data[end] == '(' {
			note(start, end, false, true)
		}
		off = start
	}
	for off := 0; ; {
		k := bytesearch.Index(data[off:], "setattr(")
		if k < 0 {
			break
		}
		from := off + k + len("setattr(")
		lineEnd := len(data)
		if n := bytes.IndexByte(data[from:], '\n'); n >= 0 {
			lineEnd = from + n
		}
		// every name quoted after it on its line
		for q := from; q < lineEnd; q++ {
			if data[q] != '"' && data[q] != '\'' {
				continue
			}
			if end := identEnd(data[:lineEnd], q+1); end > q+1 && end < lineEnd && data[end] == data[q] {
				note(q+1, end, false, true)
			}
		}
		off = lineEnd
	}
	indexAssigned(data, note)
}

// indexAssigned calls note for every name data assigns: the name just
// before an "=" (name = v, f(name=v)), or before a ":" earlier on the
// line with no "=" between (name: T = v). An "=" that another follows
// (==) assigns nothing.
func indexAssigned(data []byte, note func(start, end int, literal, other bool)) {
	prev := -1 // the "=" before, or -1
	for off := 0; ; {
		k := bytes.IndexByte(data[off:], '=')
		if k < 0 {
			return
		}
		e := off + k
		off = e + 1
		lo := prev + 1
		prev = e
		if e+1 >= len(data) || data[e+1] == '=' {
			continue
		}
		lo += bytes.LastIndexByte(data[lo:e], '\n') + 1
		judged, literal := false, false
		assigned := func(start, end int) {
			if !judged {
				v := e + 1
				for v < len(data) && (data[v] == ' ' || data[v] == '\t') {
					v++
				}
				judged, literal = true, literalStart(data[v:])
			}
			note(start, end, literal, !literal)
		}
		if start, end := identBefore(data, lo, e); start < end {
			assigned(start, end)
		}
		for c := lo; c < e; c++ {
			if data[c] != ':' {
				continue
			}
			if start, end := identBefore(data, lo, c); start < end {
				assigned(start, end)
			}
		}
	}
}

// identEnd returns where the identifier that starts at data[start]
// ends (start when none does).
func identEnd(data []byte, start int) int {
	end := start
	for end < len(data) && identByte(data[end]) {
		end++
	}
	return end
}

// identBefore returns the identifier that ends, after blanks, just
// before data[at], looking no further back than lo for the blanks;
// start == end when there is none.
func identBefore(data []byte, lo, at int) (start, end int) {
	j := at
	for j > lo && (data[j-1] == ' ' || data[j-1] == '\t') {
		j--
	}
	end = j
	for j > 0 && identByte(data[j-1]) {
		j--
	}
	return j, end
}

func identByte(b byte) bool { return identBytes[b] }

// identBytes holds the bytes of ASCII identifiers: a table, since the
// attribute index asks it of every byte of the project's code.
var identBytes = func() (t [256]bool) {
	for b := range t {
		t[b] = b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
	}
	return t
}()

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
