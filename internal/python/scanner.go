package python

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// maxParenDepth and maxIndent mirror CPython's tokenizer limits (MAXLEVEL
// and MAXINDENT).
const (
	maxParenDepth = 200
	maxIndent     = 100
)

// fmode is one entry of the f-string mode stack (PEP 701 tokenizing).
type fmode struct {
	kind   uint8 // fmLiteral, fmField or fmSpec
	quote  byte
	triple bool
	raw    bool
	base   int // len(parens) when the field's '{' was pushed
	start  int // offset of the f-string's prefix, for errors
}

const (
	fmLiteral = iota // text of an f-string
	fmField          // expression of a replacement field
	fmSpec           // format spec after ':'
)

// scanner turns UTF-8 source (newlines already translated to \n) into a
// token slice. It records errors through errf and always moves forward.
type scanner struct {
	src    string
	off    int
	toks   []token
	errf   func(off int, msg string)
	indent []int // column stack, tabs to multiples of 8
	alt    []int // column stack, tabs counting 1 (for TabError)
	parens []byte
	openAt []int // offsets of the open brackets, for errors
	modes  []fmode
	bol    bool // at the beginning of a logical line
	failed bool // stop after a fatal tokenizer error
	done   bool // EOF emitted

	comments []token // extents of # comments, in source order
}

// scan tokenizes src, appending to buf[:0] when it has room for the
// tokens src likely holds.
func scan(src string, buf []token, errf func(int, string)) (toks, comments []token) {
	s := &scanner{src: src, errf: errf, indent: []int{0}, alt: []int{0}, bol: true}
	if want := len(src)/6 + 16; cap(buf) >= want { // about 8 bytes per token in practice
		s.toks = buf[:0]
	} else {
		s.toks = make([]token, 0, want)
	}
	for !s.failed && !s.done && s.step() {
	}
	if s.failed {
		s.toks = append(s.toks, token{kind: tEOF, pos: int32(len(src)), end: int32(len(src))})
	}
	return s.toks, s.comments
}

func (s *scanner) emit(k tokKind, pos, end int) {
	s.toks = append(s.toks, token{kind: k, pos: int32(pos), end: int32(end)})
}

// fatal reports an error after which tokens would be meaningless.
func (s *scanner) fatal(off int, format string, args ...any) {
	s.errf(off, fmt.Sprintf(format, args...))
	s.failed = true
}

func (s *scanner) top() *fmode {
	if len(s.modes) == 0 {
		return nil
	}
	return &s.modes[len(s.modes)-1]
}

// step scans at least one token or consumes input; it returns false at EOF.
func (s *scanner) step() bool {
	if m := s.top(); m != nil && m.kind != fmField {
		s.scanFStringText()
		return true
	}
	if s.bol && len(s.parens) == 0 {
		if !s.scanIndent() {
			return !s.failed
		}
	}
	// skip blanks and line continuations
	for s.off < len(s.src) {
		c := s.src[s.off]
		if c == ' ' || c == '\t' || c == '\f' {
			s.off++
			continue
		}
		if c == '\\' {
			if s.off+1 < len(s.src) && s.src[s.off+1] == '\n' {
				s.off += 2
				if s.off >= len(s.src) {
					s.fatal(s.off, "unexpected EOF while parsing")
					return false
				}
				continue
			}
			if s.off+1 >= len(s.src) {
				s.fatal(s.off, "unexpected EOF while parsing")
				return false
			}
			s.fatal(s.off, "unexpected character after line continuation character")
			return false
		}
		break
	}
	if s.off < len(s.src) && s.src[s.off] == '#' {
		start := s.off
		for s.off < len(s.src) && s.src[s.off] != '\n' {
			s.off++
		}
		s.comments = append(s.comments, token{pos: int32(start), end: int32(s.off)})
	}
	if s.off >= len(s.src) {
		s.scanEOF()
		return false
	}
	c := s.src[s.off]
	if c == '\n' {
		if len(s.parens) == 0 {
			s.emit(tNewline, s.off, s.off+1)
			s.bol = true
		}
		s.off++
		return true
	}
	s.scanToken(c)
	return true
}

func (s *scanner) scanEOF() {
	s.done = true
	if len(s.modes) > 0 {
		s.fatal(s.modes[0].start, "unterminated f-string literal")
		return
	}
	if len(s.parens) > 0 {
		s.fatal(s.openAt[len(s.openAt)-1], "'%c' was never closed", s.parens[len(s.parens)-1])
		return
	}
	if n := len(s.toks); n > 0 && s.toks[n-1].kind != tNewline && s.toks[n-1].kind != tDedent {
		s.emit(tNewline, s.off, s.off)
	}
	for len(s.indent) > 1 {
		s.indent = s.indent[:len(s.indent)-1]
		s.emit(tDedent, s.off, s.off)
	}
	s.emit(tEOF, s.off, s.off)
}

// scanIndent measures the indentation of a new line and emits INDENT or
// DEDENT tokens. Blank and comment-only lines are skipped whole; it returns
// false when it consumed such a line.
func (s *scanner) scanIndent() bool {
	col, alt := 0, 0
	contCol := -1
	i := s.off
loop:
	for ; i < len(s.src); i++ {
		switch s.src[i] {
		case ' ':
			col++
			alt++
		case '\t':
			col = (col/8 + 1) * 8
			alt++
		case '\f':
			col, alt = 0, 0
		case '\\':
			// A backslash continues the indentation onto the next line;
			// like CPython, the first one fixes the indentation level.
			if i+1 >= len(s.src) || s.src[i+1] != '\n' {
				break loop
			}
			if contCol <= 0 {
				contCol = col
			}
			i++
		default:
			break loop
		}
	}
	if contCol > 0 { // CPython treats a continuation at column 0 as none
		col, alt = contCol, contCol
	}
	if i >= len(s.src) {
		s.off = i
		s.scanEOF()
		return false
	}
	switch s.src[i] {
	case '#', '\n':
		start := i
		for i < len(s.src) && s.src[i] != '\n' {
			i++
		}
		if s.src[start] == '#' {
			s.comments = append(s.comments, token{pos: int32(start), end: int32(i)})
		}
		s.off = i + 1
		if i >= len(s.src) {
			s.off = i
			s.scanEOF()
		}
		return false
	}
	s.off = i
	s.bol = false
	top := s.indent[len(s.indent)-1]
	switch {
	case col == top:
		if alt != s.alt[len(s.alt)-1] {
			s.fatal(i, "inconsistent use of tabs and spaces in indentation")
		}
	case col > top:
		if alt <= s.alt[len(s.alt)-1] {
			s.fatal(i, "inconsistent use of tabs and spaces in indentation")
			return true
		}
		if len(s.indent) >= maxIndent {
			s.fatal(i, "too many levels of indentation")
			return true
		}
		s.indent = append(s.indent, col)
		s.alt = append(s.alt, alt)
		s.emit(tIndent, i, i)
	default:
		for len(s.indent) > 1 && col < s.indent[len(s.indent)-1] {
			s.indent = s.indent[:len(s.indent)-1]
			s.alt = s.alt[:len(s.alt)-1]
			s.emit(tDedent, i, i)
		}
		if col != s.indent[len(s.indent)-1] {
			s.fatal(i, "unindent does not match any outer indentation level")
		} else if alt != s.alt[len(s.alt)-1] {
			s.fatal(i, "inconsistent use of tabs and spaces in indentation")
		}
	}
	return true
}

// identASCII marks the ASCII bytes that may continue an identifier
// (letters, digits, "_"): one load per byte in the tokenizer's commonest
// loop.
var identASCII = func() (t [256]bool) {
	for c := range 128 {
		t[c] = isIdentStartASCII(byte(c)) || isDigit(byte(c))
	}
	return t
}()

func isIdentStartASCII(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isIdentStart(r rune) bool {
	if unicode.Is(newerThanPython311, r) {
		return false
	}
	return unicode.IsLetter(r) || r == '_' || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Other_ID_Start, r)
}

func isIdentContinue(r rune) bool {
	if unicode.Is(newerThanPython311, r) {
		return false
	}
	return isIdentStart(r) || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc, unicode.Other_ID_Continue)
}

func (s *scanner) scanToken(c byte) {
	start := s.off
	switch {
	case isIdentStartASCII(c) || c >= 0x80:
		s.scanNameOrString(start)
		return
	case c >= '0' && c <= '9' || c == '.' && s.off+1 < len(s.src) && isDigit(s.src[s.off+1]):
		s.scanNumber(start)
		return
	case c == '"' || c == '\'':
		s.scanString(start, start, false, false, false)
		return
	}
	s.scanOperator(start, c)
}

func (s *scanner) scanNameOrString(start int) {
	i := start
	ascii := true
	for i < len(s.src) {
		c := s.src[i]
		if identASCII[c] {
			i++
			continue
		}
		if c < 0x80 {
			break
		}
		r, n := utf8.DecodeRuneInString(s.src[i:])
		ok := isIdentContinue(r)
		if i == start {
			ok = isIdentStart(r)
		}
		if !ok {
			break
		}
		ascii = false
		i += n
	}
	if i == start {
		r, _ := utf8.DecodeRuneInString(s.src[i:])
		s.fatal(start, "invalid character '%c' (U+%04X)", r, r)
		return
	}
	if ascii && i < len(s.src) && (s.src[i] == '"' || s.src[i] == '\'') && i-start <= 2 {
		if raw, bytes, fstr, ok := stringPrefix(s.src[start:i]); ok {
			s.off = i
			s.scanString(start, i, raw, bytes, fstr)
			return
		}
	}
	s.off = i
	kind := tName
	if ascii && i-start >= 2 && i-start <= 8 {
		kind = keywordKind(s.src[start:i])
	}
	s.emit(kind, start, i)
}

// stringPrefix classifies a string prefix; ur, fb, tb and ft are not
// valid.
func stringPrefix(p string) (raw, bytes, fstr, ok bool) {
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case 'r', 'R':
			if raw {
				return
			}
			raw = true
		case 'b', 'B':
			if bytes {
				return
			}
			bytes = true
		case 'f', 'F', 't', 'T':
			// t is PEP 750's template string (3.14), scanned as an
			// f-string is; one of f and t at most.
			if fstr {
				return
			}
			fstr = true
		case 'u', 'U':
			if len(p) != 1 {
				return
			}
		default:
			return
		}
	}
	if bytes && fstr {
		return
	}
	return raw, bytes, fstr, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// scanString scans a string starting at prefix start, quote at q.
func (s *scanner) scanString(start, q int, raw, bytes, fstr bool) {
	quote := s.src[q]
	triple := q+2 < len(s.src) && s.src[q+1] == quote && s.src[q+2] == quote
	body := q + 1
	if triple {
		body = q + 3
	}
	if fstr {
		s.off = body
		s.emit(tFStringStart, start, body)
		s.modes = append(s.modes, fmode{kind: fmLiteral, quote: quote, triple: triple, raw: raw, start: start})
		return
	}
	i := body
	for {
		if i >= len(s.src) {
			if triple {
				s.fatal(start, "unterminated triple-quoted string literal")
			} else {
				s.fatal(start, "unterminated string literal")
			}
			return
		}
		c := s.src[i]
		switch {
		case c == quote:
			if !triple {
				s.off = i + 1
				s.emit(tString, start, s.off)
				return
			}
			if i+2 < len(s.src) && s.src[i+1] == quote && s.src[i+2] == quote {
				s.off = i + 3
				s.emit(tString, start, s.off)
				return
			}
		case c == '\\':
			i++
		case c == '\n' && !triple:
			s.fatal(start, "unterminated string literal")
			return
		}
		i++
	}
}

// scanFStringText scans f-string text or a format spec up to the next
// replacement field, the end of the spec or the closing quote.
func (s *scanner) scanFStringText() {
	m := s.top()
	spec := m.kind == fmSpec
	fs := m
	for k := len(s.modes) - 1; fs.kind != fmLiteral; k-- {
		fs = &s.modes[k-1]
	}
	start := s.off
	middle := func() {
		if s.off > start {
			s.emit(tFStringMiddle, start, s.off)
		}
	}
	for {
		if s.off >= len(s.src) {
			s.fatal(fs.start, "unterminated f-string literal")
			return
		}
		c := s.src[s.off]
		switch {
		case c == fs.quote && (!fs.triple || s.off+2 < len(s.src) && s.src[s.off+1] == c && s.src[s.off+2] == c):
			if spec {
				s.fatal(s.off, "f-string: expecting '}'")
				return
			}
			middle()
			n := 1
			if fs.triple {
				n = 3
			}
			s.emit(tFStringEnd, s.off, s.off+n)
			s.off += n
			s.modes = s.modes[:len(s.modes)-1]
			return
		case c == '\n' && !fs.triple:
			s.fatal(fs.start, "unterminated f-string literal")
			return
		case c == '\\' && fs.raw:
			// a raw backslash still keeps the next quote from ending the string
			if s.off+1 < len(s.src) && s.src[s.off+1] != '{' && s.src[s.off+1] != '}' {
				s.off += 2
			} else {
				s.off++
			}
			continue
		case c == '\\':
			if s.off+2 < len(s.src) && s.src[s.off+1] == 'N' && s.src[s.off+2] == '{' {
				j := s.off + 3
				for j < len(s.src) && s.src[j] != '}' && s.src[j] != fs.quote && s.src[j] != '\n' {
					j++
				}
				s.off = j + 1
				continue
			}
			if s.off+1 < len(s.src) && (s.src[s.off+1] == '{' || s.src[s.off+1] == '}') {
				s.off++
				continue
			}
			s.off += 2
			continue
		case c == '{':
			if !spec && s.off+1 < len(s.src) && s.src[s.off+1] == '{' {
				s.off += 2
				continue
			}
			middle()
			if spec && s.specDepth() >= 2 {
				s.fatal(s.off, "f-string: expressions nested too deeply")
				return
			}
			if !s.pushParen('{') {
				return
			}
			s.emit(tLBrace, s.off, s.off+1)
			s.off++
			s.modes = append(s.modes, fmode{kind: fmField, base: len(s.parens)})
			return
		case c == '}':
			if spec {
				middle()
				s.emit(tRBrace, s.off, s.off+1)
				s.off++
				s.popParen()
				s.modes = s.modes[:len(s.modes)-1]
				return
			}
			if s.off+1 < len(s.src) && s.src[s.off+1] == '}' {
				s.off += 2
				continue
			}
			s.fatal(s.off, "f-string: single '}' is not allowed")
			return
		}
		s.off++
	}
}

// specDepth counts the format specs open in the innermost f-string; CPython
// allows replacement fields two specs deep and no more.
func (s *scanner) specDepth() int {
	n := 0
	for i := len(s.modes) - 1; i >= 0 && s.modes[i].kind != fmLiteral; i-- {
		if s.modes[i].kind == fmSpec {
			n++
		}
	}
	return n
}

func (s *scanner) pushParen(c byte) bool {
	if len(s.parens) >= maxParenDepth {
		s.fatal(s.off, "too many nested parentheses")
		return false
	}
	s.parens = append(s.parens, c)
	s.openAt = append(s.openAt, s.off)
	return true
}

func (s *scanner) popParen() {
	s.parens = s.parens[:len(s.parens)-1]
	s.openAt = s.openAt[:len(s.openAt)-1]
}

func (s *scanner) closeParen(c byte) bool {
	open := byte('(')
	switch c {
	case ']':
		open = '['
	case '}':
		open = '{'
	}
	if len(s.parens) == 0 {
		s.fatal(s.off, "unmatched '%c'", c)
		return false
	}
	if top := s.parens[len(s.parens)-1]; top != open {
		s.fatal(s.off, "closing parenthesis '%c' does not match opening parenthesis '%c'", c, top)
		return false
	}
	s.popParen()
	return true
}

func (s *scanner) scanOperator(start int, c byte) {
	if m := s.top(); m != nil && m.kind == fmField && len(s.parens) == m.base {
		switch {
		case c == '}':
			s.popParen()
			s.modes = s.modes[:len(s.modes)-1]
			s.off++
			s.emit(tRBrace, start, s.off)
			return
		case c == ':':
			m.kind = fmSpec
			s.off++
			s.emit(tColon, start, s.off)
			return
		case c == '!' && !(s.off+1 < len(s.src) && s.src[s.off+1] == '='):
			s.off++
			s.emit(tExclamation, start, s.off)
			return
		}
	}
	k, n := operator(s.src[s.off:])
	if n == 0 {
		r, _ := utf8.DecodeRuneInString(s.src[s.off:])
		if r == '!' {
			s.fatal(start, "invalid syntax")
		} else if r == '\x00' {
			s.fatal(start, "source code cannot contain null bytes")
		} else {
			s.fatal(start, "invalid character '%c' (U+%04X)", r, r)
		}
		return
	}
	switch k {
	case tLPar, tLSqb, tLBrace:
		if !s.pushParen(c) {
			return
		}
	case tRPar, tRSqb, tRBrace:
		if !s.closeParen(c) {
			return
		}
	}
	s.off += n
	s.emit(k, start, s.off)
}

// operator returns the operator token at the start of s, longest first.
func operator(s string) (tokKind, int) {
	c := s[0]
	var c1, c2 byte
	if len(s) > 1 {
		c1 = s[1]
	}
	if len(s) > 2 {
		c2 = s[2]
	}
	switch c {
	case '(':
		return tLPar, 1
	case ')':
		return tRPar, 1
	case '[':
		return tLSqb, 1
	case ']':
		return tRSqb, 1
	case '{':
		return tLBrace, 1
	case '}':
		return tRBrace, 1
	case ',':
		return tComma, 1
	case ';':
		return tSemi, 1
	case '~':
		return tTilde, 1
	case ':':
		if c1 == '=' {
			return tColonEqual, 2
		}
		return tColon, 1
	case '.':
		if c1 == '.' && c2 == '.' {
			return tEllipsis, 3
		}
		return tDot, 1
	case '+':
		return pick(c1, tPlus, tPlusEqual)
	case '-':
		if c1 == '>' {
			return tRArrow, 2
		}
		return pick(c1, tMinus, tMinEqual)
	case '*':
		if c1 == '*' {
			if c2 == '=' {
				return tDoubleStarEqual, 3
			}
			return tDoubleStar, 2
		}
		return pick(c1, tStar, tStarEqual)
	case '/':
		if c1 == '/' {
			if c2 == '=' {
				return tDoubleSlashEqual, 3
			}
			return tDoubleSlash, 2
		}
		return pick(c1, tSlash, tSlashEqual)
	case '|':
		return pick(c1, tVBar, tVBarEqual)
	case '&':
		return pick(c1, tAmper, tAmperEqual)
	case '%':
		return pick(c1, tPercent, tPercentEqual)
	case '^':
		return pick(c1, tCircumflex, tCircumflexEqual)
	case '@':
		return pick(c1, tAt, tAtEqual)
	case '=':
		return pick(c1, tEqual, tEqEqual)
	case '!':
		if c1 == '=' {
			return tNotEqual, 2
		}
	case '<':
		if c1 == '<' {
			if c2 == '=' {
				return tLeftShiftEqual, 3
			}
			return tLeftShift, 2
		}
		if c1 == '>' {
			return 0, 0 // Barry as FLUFL only
		}
		return pick(c1, tLess, tLessEqual)
	case '>':
		if c1 == '>' {
			if c2 == '=' {
				return tRightShiftEqual, 3
			}
			return tRightShift, 2
		}
		return pick(c1, tGreater, tGreaterEqual)
	}
	return 0, 0
}

func pick(next byte, plain, withEq tokKind) (tokKind, int) {
	if next == '=' {
		return withEq, 2
	}
	return plain, 1
}

// scanNumber scans an int, float or imaginary literal with CPython's rules
// for underscores and leading zeros.
func (s *scanner) scanNumber(start int) {
	i := start
	src := s.src
	digits := func(ok func(byte) bool) bool {
		// one or more digits, single underscores between them
		if i >= len(src) || !ok(src[i]) {
			return false
		}
		for i < len(src) {
			if ok(src[i]) {
				i++
			} else if src[i] == '_' && i+1 < len(src) && ok(src[i+1]) {
				i += 2
			} else {
				break
			}
		}
		return true
	}
	bad := func(msg string) {
		s.fatal(start, "%s", msg)
	}
	if src[i] == '0' && i+1 < len(src) && (src[i+1]|0x20 == 'x' || src[i+1]|0x20 == 'o' || src[i+1]|0x20 == 'b') {
		kind := src[i+1] | 0x20
		i += 2
		if i < len(src) && src[i] == '_' {
			i++
		}
		var ok func(byte) bool
		switch kind {
		case 'x':
			ok = func(c byte) bool { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'f' }
		case 'o':
			ok = func(c byte) bool { return c >= '0' && c <= '7' }
		default:
			ok = func(c byte) bool { return c == '0' || c == '1' }
		}
		if !digits(ok) {
			bad("invalid " + map[byte]string{'x': "hexadecimal", 'o': "octal", 'b': "binary"}[kind] + " literal")
			return
		}
		if i < len(src) && (isDigit(src[i]) || src[i] == '_') {
			bad("invalid digit in literal")
			return
		}
		s.finishNumber(start, i)
		return
	}
	isFloat := false
	if src[i] != '.' {
		digits(isDigit)
		if i < len(src) && src[i] == '_' {
			bad("invalid decimal literal")
			return
		}
	}
	if i < len(src) && src[i] == '.' {
		isFloat = true
		i++
		if i < len(src) && isDigit(src[i]) {
			digits(isDigit)
		}
	}
	if i < len(src) && src[i]|0x20 == 'e' {
		j := i + 1
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if j < len(src) && isDigit(src[j]) {
			isFloat = true
			i = j
			digits(isDigit)
		} else if !startsKeyword(src[i:]) {
			bad("invalid decimal literal")
			return
		}
	}
	imag := i < len(src) && src[i]|0x20 == 'j'
	if imag {
		i++
	}
	if !isFloat && !imag && src[start] == '0' {
		// "leading zeros in decimal integer literals are not permitted"
		for k := start; k < i; k++ {
			if src[k] != '0' && src[k] != '_' {
				bad("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")
				return
			}
		}
	}
	s.finishNumber(start, i)
}

// finishNumber rejects a literal glued to a name, except the keywords that
// CPython still accepts there ("1if x else y").
func (s *scanner) finishNumber(start, i int) {
	if i < len(s.src) {
		c := s.src[i]
		if (isIdentStartASCII(c) || isDigit(c) || c >= 0x80) && !startsKeyword(s.src[i:]) {
			s.fatal(start, "invalid decimal literal")
			return
		}
	}
	s.off = i
	s.emit(tNumber, start, i)
}

func startsKeyword(s string) bool {
	for _, kw := range [...]string{"and", "else", "for", "if", "in", "is", "not", "or"} {
		if len(s) >= len(kw) && s[:len(kw)] == kw {
			return true
		}
	}
	return false
}
