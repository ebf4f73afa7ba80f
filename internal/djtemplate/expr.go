package djtemplate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseFilterExpr parses a filter expression (`value|filter:"arg"|other`)
// as django.template.base.FilterExpression does: whitespace is allowed
// around `|` but not around `:`, string arguments may hold `|` and `:`.
// On an error the expression holds what was read before it and Err says
// where it stopped.
func ParseFilterExpr(s string) *FilterExpr {
	e := &FilterExpr{}
	p := exprParser{s: s}
	p.space()
	v, ok := p.operand()
	if !ok {
		e.Err = "could not parse " + quoteRest(s)
		return e
	}
	e.Value = v
	for {
		p.space()
		if p.i >= len(p.s) {
			return e
		}
		if p.s[p.i] != '|' {
			e.Err = "could not parse the remainder " + quoteRest(p.s[p.i:])
			return e
		}
		p.i++
		p.space()
		name := p.word()
		if name == "" {
			e.Err = "missing filter name after '|'"
			return e
		}
		f := Filter{Name: name}
		if p.i < len(p.s) && p.s[p.i] == ':' {
			p.i++
			arg, ok := p.operand()
			if !ok {
				e.Filters = append(e.Filters, f)
				e.Err = "bad argument to filter " + name
				return e
			}
			f.Arg = &arg
		}
		e.Filters = append(e.Filters, f)
	}
}

func quoteRest(s string) string {
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return "'" + s + "'"
}

type exprParser struct {
	s string
	i int
}

func (p *exprParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n' || p.s[p.i] == '\r') {
		p.i++
	}
}

// word reads \w+ (Unicode letters, digits and underscore, as Python's \w).
func (p *exprParser) word() string {
	start := p.i
	for p.i < len(p.s) {
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		p.i += n
	}
	return p.s[start:p.i]
}

// operand reads a constant string, a translated string or a variable
// ([\w.+-]+, which also covers numbers).
func (p *exprParser) operand() (Operand, bool) {
	start := p.i
	if p.i >= len(p.s) {
		return Operand{}, false
	}
	switch c := p.s[p.i]; {
	case c == '"' || c == '\'':
		v, ok := p.quoted()
		if !ok {
			return Operand{}, false
		}
		return Operand{Kind: OperandString, Raw: p.s[start:p.i], Value: v}, true
	case c == '_' && strings.HasPrefix(p.s[p.i:], "_(") && p.i+2 < len(p.s) && (p.s[p.i+2] == '"' || p.s[p.i+2] == '\''):
		p.i += 2
		v, ok := p.quoted()
		if !ok || p.i >= len(p.s) || p.s[p.i] != ')' {
			p.i = start
			break
		}
		p.i++
		return Operand{Kind: OperandTranslated, Raw: p.s[start:p.i], Value: v}, true
	}
	for p.i < len(p.s) {
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		if r != '_' && r != '.' && r != '+' && r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		p.i += n
	}
	raw := p.s[start:p.i]
	if raw == "" {
		return Operand{}, false
	}
	kind := OperandVariable
	if isNumber(raw) {
		kind = OperandNumber
	}
	return Operand{Kind: kind, Raw: raw, Value: raw}, true
}

// quoted reads a string in quotes with backslash escapes and returns its
// value with the escapes of the quote and backslash undone.
func (p *exprParser) quoted() (string, bool) {
	q := p.s[p.i]
	var b strings.Builder
	for j := p.i + 1; j < len(p.s); j++ {
		switch c := p.s[j]; {
		case c == '\\' && j+1 < len(p.s):
			j++
			b.WriteByte(p.s[j])
		case c == q:
			p.i = j + 1
			return b.String(), true
		default:
			b.WriteByte(c)
		}
	}
	return "", false
}

func isNumber(s string) bool {
	s = strings.TrimLeft(s, "+-")
	if s == "" {
		return false
	}
	dot := false
	for _, c := range s {
		switch {
		case c == '.' && !dot:
			dot = true
		case c < '0' || c > '9':
			return strings.EqualFold(s, "inf") || strings.EqualFold(s, "nan")
		}
	}
	return s != "."
}

// SplitContents splits the inside of a tag into words as Django's
// Token.split_contents does: on whitespace, keeping quoted strings (and
// words holding them, such as x="a b") whole.
func SplitContents(s string) []string {
	var out []string
	i := 0
	for i < len(s) {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			break
		}
		start := i
		for i < len(s) && !isSpace(s[i]) {
			if q := s[i]; q == '"' || q == '\'' {
				j := i + 1
				for j < len(s) && s[j] != q {
					if s[j] == '\\' {
						j++
					}
					j++
				}
				if j >= len(s) {
					i = len(s)
					break
				}
				i = j + 1
				continue
			}
			i++
		}
		out = append(out, s[start:i])
	}
	return out
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// Unquote returns s without its surrounding quotes when it is a quoted
// string literal, and reports whether it was one.
func Unquote(s string) (string, bool) {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		p := exprParser{s: s}
		v, ok := p.quoted()
		if ok && p.i == len(s) {
			return v, true
		}
	}
	return "", false
}

// TemplateName returns the literal template name an include or extends
// tag names, or false when the name is computed at render time.
func TemplateName(t *Tag) (string, bool) {
	if (t.Name != "include" && t.Name != "extends") || len(t.Args) == 0 {
		return "", false
	}
	return Unquote(t.Args[0])
}
