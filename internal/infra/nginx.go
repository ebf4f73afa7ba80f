package infra

import (
	"strings"
)

// Directive is one nginx directive: a name, its arguments, and a block when
// it has one (server { ... }). Lua blocks (content_by_lua_block { ... })
// keep their code in Raw, unparsed.
type Directive struct {
	Name     string
	Args     []string
	Pos      Pos
	HasBlock bool
	Block    []*Directive
	End      Pos    // the closing brace of a block
	Raw      string // the code of a *_by_lua_block
	// File is the path of the file the directive was read from; the parser
	// leaves it empty and include resolution fills it.
	File string
}

// Arg returns argument i, or "".
func (d *Directive) Arg(i int) string {
	if i < len(d.Args) {
		return d.Args[i]
	}
	return ""
}

// NginxFile is a parsed nginx configuration file.
type NginxFile struct {
	Directives []*Directive
	Errors     []Error
}

// ParseNginx parses an nginx configuration. It never fails: unknown
// directives are kept like any other, and syntax errors (an unbalanced brace,
// a missing semicolon, an unterminated quote) are listed with the partial
// tree.
func ParseNginx(src []byte) *NginxFile {
	p := &nginxParser{lx: nginxLexer{src: src, line: 1, col: 1}}
	f := &NginxFile{}
	f.Directives = p.block(0, Pos{})
	f.Errors = p.errs
	return f
}

type tokKind int

const (
	tWord tokKind = iota
	tOpen
	tClose
	tSemi
	tEOF
)

type token struct {
	kind tokKind
	text string
	pos  Pos
}

type nginxLexer struct {
	src       []byte
	i         int
	line, col int
	errs      []Error
}

func (lx *nginxLexer) advance() {
	if lx.src[lx.i] == '\n' {
		lx.line++
		lx.col = 1
	} else {
		lx.col++
	}
	lx.i++
}

func (lx *nginxLexer) pos() Pos { return Pos{lx.line, lx.col} }

func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v'
}

func (lx *nginxLexer) next() token {
	for lx.i < len(lx.src) {
		b := lx.src[lx.i]
		if isSpace(b) {
			lx.advance()
			continue
		}
		if b == '#' {
			for lx.i < len(lx.src) && lx.src[lx.i] != '\n' {
				lx.advance()
			}
			continue
		}
		break
	}
	if lx.i >= len(lx.src) {
		return token{kind: tEOF, pos: lx.pos()}
	}
	start := lx.pos()
	switch lx.src[lx.i] {
	case '{':
		lx.advance()
		return token{kind: tOpen, pos: start}
	case '}':
		lx.advance()
		return token{kind: tClose, pos: start}
	case ';':
		lx.advance()
		return token{kind: tSemi, pos: start}
	case '"', '\'':
		q := lx.src[lx.i]
		lx.advance()
		var sb strings.Builder
		for {
			if lx.i >= len(lx.src) {
				lx.errs = append(lx.errs, Error{start, "unterminated quoted string"})
				break
			}
			c := lx.src[lx.i]
			if c == '\\' && lx.i+1 < len(lx.src) {
				lx.advance()
				n := lx.src[lx.i]
				if n != q && n != '\\' {
					sb.WriteByte('\\')
				}
				sb.WriteByte(n)
				lx.advance()
				continue
			}
			lx.advance()
			if c == q {
				break
			}
			sb.WriteByte(c)
		}
		return token{kind: tWord, text: sb.String(), pos: start}
	}
	var sb strings.Builder
	for lx.i < len(lx.src) {
		c := lx.src[lx.i]
		if isSpace(c) || c == ';' || c == '}' {
			break
		}
		if c == '{' {
			// ${var} is part of a word; any other brace opens a block.
			if lx.i > 0 && lx.src[lx.i-1] == '$' {
				for lx.i < len(lx.src) && lx.src[lx.i] != '}' && !isSpace(lx.src[lx.i]) {
					sb.WriteByte(lx.src[lx.i])
					lx.advance()
				}
				if lx.i < len(lx.src) && lx.src[lx.i] == '}' {
					sb.WriteByte('}')
					lx.advance()
				}
				continue
			}
			break
		}
		if c == '\\' && lx.i+1 < len(lx.src) {
			sb.WriteByte(c)
			lx.advance()
			c = lx.src[lx.i]
		}
		sb.WriteByte(c)
		lx.advance()
	}
	return token{kind: tWord, text: sb.String(), pos: start}
}

// luaBlock reads the code of a Lua block up to its matching brace, skipping
// braces in Lua strings and comments. The opening brace has been read.
func (lx *nginxLexer) luaBlock(open Pos) (string, Pos) {
	start := lx.i
	depth := 1
	for lx.i < len(lx.src) {
		c := lx.src[lx.i]
		switch {
		case c == '-' && lx.i+1 < len(lx.src) && lx.src[lx.i+1] == '-':
			if lx.i+3 < len(lx.src) && lx.src[lx.i+2] == '[' && lx.src[lx.i+3] == '[' {
				lx.skipUntil("]]")
			} else {
				for lx.i < len(lx.src) && lx.src[lx.i] != '\n' {
					lx.advance()
				}
			}
			continue
		case c == '[' && lx.i+1 < len(lx.src) && lx.src[lx.i+1] == '[':
			lx.skipUntil("]]")
			continue
		case c == '"' || c == '\'':
			lx.advance()
			for lx.i < len(lx.src) && lx.src[lx.i] != c && lx.src[lx.i] != '\n' {
				if lx.src[lx.i] == '\\' && lx.i+1 < len(lx.src) {
					lx.advance()
				}
				lx.advance()
			}
			if lx.i < len(lx.src) {
				lx.advance()
			}
			continue
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				end := lx.pos()
				code := string(lx.src[start:lx.i])
				lx.advance()
				return code, end
			}
		}
		lx.advance()
	}
	lx.errs = append(lx.errs, Error{open, "unterminated Lua block"})
	return string(lx.src[start:]), lx.pos()
}

func (lx *nginxLexer) skipUntil(end string) {
	for lx.i < len(lx.src) && !strings.HasPrefix(string(lx.src[lx.i:min(len(lx.src), lx.i+len(end))]), end) {
		lx.advance()
	}
	for range len(end) {
		if lx.i < len(lx.src) {
			lx.advance()
		}
	}
}

type nginxParser struct {
	lx     nginxLexer
	errs   []Error
	endPos Pos
}

func (p *nginxParser) errorf(pos Pos, msg string) { p.errs = append(p.errs, Error{pos, msg}) }

// block parses directives until the closing brace of the block opened at
// open (depth > 0) or the end of the file.
func (p *nginxParser) block(depth int, open Pos) []*Directive {
	var out []*Directive
	var cur *Directive
	for {
		t := p.lx.next()
		p.errs = append(p.errs, p.lx.errs...)
		p.lx.errs = nil
		switch t.kind {
		case tEOF:
			if cur != nil {
				p.errorf(cur.Pos, "directive "+cur.Name+" has no ending \";\"")
				out = append(out, cur)
			}
			if depth > 0 {
				p.errorf(open, "block has no closing \"}\"")
			}
			return out
		case tWord:
			if cur == nil {
				cur = &Directive{Name: t.text, Pos: t.pos}
			} else {
				cur.Args = append(cur.Args, t.text)
			}
		case tSemi:
			if cur == nil {
				p.errorf(t.pos, "unexpected \";\"")
				continue
			}
			out = append(out, cur)
			cur = nil
		case tOpen:
			if cur == nil {
				p.errorf(t.pos, "block without a directive name")
				cur = &Directive{Pos: t.pos}
			}
			cur.HasBlock = true
			if strings.HasSuffix(cur.Name, "_by_lua_block") || strings.HasSuffix(cur.Name, "_lua_block") {
				cur.Raw, cur.End = p.lx.luaBlock(t.pos)
				p.errs = append(p.errs, p.lx.errs...)
				p.lx.errs = nil
			} else if depth >= maxDepth {
				p.errorf(t.pos, "blocks nested too deeply")
				p.skipBlock()
			} else {
				cur.Block = p.block(depth+1, t.pos)
				cur.End = p.endPos
			}
			out = append(out, cur)
			cur = nil
		case tClose:
			if cur != nil {
				p.errorf(cur.Pos, "directive "+cur.Name+" has no ending \";\"")
				out = append(out, cur)
			}
			if depth == 0 {
				p.errorf(t.pos, "unexpected \"}\"")
				cur = nil
				continue
			}
			p.endPos = t.pos
			return out
		}
	}
}

func (p *nginxParser) skipBlock() {
	depth := 1
	for depth > 0 {
		t := p.lx.next()
		switch t.kind {
		case tEOF:
			return
		case tOpen:
			depth++
		case tClose:
			depth--
		}
	}
}
