package djtemplate

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a template: byte offset, 1-based line and 1-based
// column (in bytes).
type Pos struct {
	Offset int
	Line   int
	Col    int
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Error is a problem met while reading a template. Django would refuse some
// of them (an unclosed block) and render others as text (an unterminated
// `{{`); the tree is built either way.
type Error struct {
	Pos Pos
	Msg string
	// Text is set for constructs Django renders as text rather than
	// refusing (a "{{" not closed on its line): worth knowing, but the
	// template is read exactly as Django reads it.
	Text bool
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// ErrorList is a list of errors sorted by position.
type ErrorList []*Error

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

func (l ErrorList) sort() {
	sort.SliceStable(l, func(i, j int) bool { return l[i].Pos.Offset < l[j].Pos.Offset })
}

// TokenKind is the kind of a lexical token.
type TokenKind int

// Token kinds, as in Django's TokenType.
const (
	TokenText    TokenKind = iota
	TokenVar               // {{ ... }}
	TokenBlock             // {% ... %}
	TokenComment           // {# ... #}
)

// Token is one lexical token. Contents is the trimmed inside of a var,
// block or comment token, and the text itself for a text token.
type Token struct {
	Kind     TokenKind
	Start    int // byte offsets in the source
	End      int
	Contents string
}

// lines maps offsets to line and column.
type lines []int

func newLines(src string) lines {
	ls := make(lines, 1, strings.Count(src, "\n")+1)
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			ls = append(ls, i+1)
		}
	}
	return ls
}

func (ls lines) pos(off int) Pos {
	i := sort.Search(len(ls), func(i int) bool { return ls[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return Pos{Offset: off, Line: i + 1, Col: off - ls[i] + 1}
}

var closers = map[byte]string{'{': "}}", '%': "%}", '#': "#}"}

// Lex splits src into tokens as Django's Lexer does. The errors list
// openers left without a closer on their line, which Django renders as text.
func Lex(src string) ([]Token, ErrorList) {
	ls := newLines(src)
	var (
		toks     = make([]Token, 0, 2*strings.Count(src, "{")+1)
		errs     ErrorList
		verbatim string // the end tag that closes the verbatim block, or ""
		text     = 0    // start of the pending text token
		eol      = -1   // offset of the end of the current line
		noCloser = map[string]int{}
	)
	flush := func(end int) {
		if end > text {
			toks = append(toks, Token{Kind: TokenText, Start: text, End: end, Contents: src[text:end]})
		}
	}
	for i := 0; i+1 < len(src); {
		if src[i] != '{' {
			i++
			continue
		}
		closer, ok := closers[src[i+1]]
		if !ok {
			i++
			continue
		}
		if eol <= i {
			eol = strings.IndexByte(src[i:], '\n')
			if eol < 0 {
				eol = len(src)
			} else {
				eol += i
			}
		}
		// A closer searched for in vain is not on the rest of the line:
		// remembering that keeps long lines full of braces linear.
		j := -1
		if noCloser[closer] != eol {
			j = strings.Index(src[i+2:eol], closer)
			if j < 0 {
				noCloser[closer] = eol
			}
		}
		if j < 0 {
			if verbatim == "" {
				errs = append(errs, &Error{Pos: ls.pos(i), Msg: fmt.Sprintf("%q is not closed on its line; Django renders it as text", src[i:i+2]), Text: true})
			}
			i++
			continue
		}
		end := i + 2 + j + 2
		contents := strings.TrimSpace(src[i+2 : end-2])
		kind := TokenText
		switch src[i+1] {
		case '%':
			if verbatim != "" {
				if contents != verbatim {
					break
				}
				verbatim = ""
			} else if contents == "verbatim" || strings.HasPrefix(contents, "verbatim ") {
				verbatim = "end" + contents
			}
			kind = TokenBlock
		case '{':
			if verbatim == "" {
				kind = TokenVar
			}
		case '#':
			if verbatim == "" {
				kind = TokenComment
			}
		}
		if kind == TokenText {
			// Inside verbatim: part of the text.
			i = end
			continue
		}
		flush(i)
		toks = append(toks, Token{Kind: kind, Start: i, End: end, Contents: contents})
		i, text = end, end
	}
	flush(len(src))
	errs.sort()
	return toks, errs
}
