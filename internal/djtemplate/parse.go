package djtemplate

import (
	"fmt"
	"slices"
	"strings"
)

// MaxDepth is how deeply block tags may nest before the parser treats
// further block tags as simple ones, so that a hostile template cannot
// exhaust the stack.
const MaxDepth = 500

// Template is a parsed template.
type Template struct {
	Src    string
	Nodes  []Node
	Errors ErrorList // sorted by position; empty for a well-formed template
	lines  lines
}

// Position returns the position of a byte offset in the source.
func (t *Template) Position(off int) Pos { return t.lines.pos(off) }

// Inspect walks the template's nodes; see the Inspect function.
func (t *Template) Inspect(fn func(Node) bool) { Inspect(t.Nodes, fn) }

// blockSpec describes a block tag: the tag that ends it and the
// intermediate tags it accepts.
type blockSpec struct {
	end  string
	mids []string
}

// builtinBlocks are the block tags of Django's built-in libraries (and of
// i18n, l10n, tz and cache, which ship with Django).
var builtinBlocks = map[string]blockSpec{
	"if":             {"endif", []string{"elif", "else"}},
	"for":            {"endfor", []string{"empty"}},
	"ifchanged":      {"endifchanged", []string{"else"}},
	"ifequal":        {"endifequal", []string{"else"}}, // removed in Django 4.0, still met in old templates
	"ifnotequal":     {"endifnotequal", []string{"else"}},
	"with":           {"endwith", nil},
	"block":          {"endblock", nil},
	"autoescape":     {"endautoescape", nil},
	"filter":         {"endfilter", nil},
	"spaceless":      {"endspaceless", nil},
	"blocktrans":     {"endblocktrans", []string{"plural"}},
	"blocktranslate": {"endblocktranslate", []string{"plural"}},
	"localize":       {"endlocalize", nil},
	"localtime":      {"endlocaltime", nil},
	"timezone":       {"endtimezone", nil},
	"cache":          {"endcache", nil},
	"language":       {"endlanguage", nil},
}

// finalBranch are intermediate tags after which only the end tag may come.
var finalBranch = map[string]bool{"else": true, "empty": true, "plural": true}

// intermediates are names that only make sense inside a block.
var intermediates = map[string]bool{"elif": true, "else": true, "empty": true, "plural": true}

// Parse parses a template. It always returns a tree; Errors lists what was
// wrong with the source.
func Parse(src string) *Template {
	toks, errs := Lex(src)
	p := &parser{src: src, ls: newLines(src), toks: toks, errs: errs, customEnd: customBlocks(toks)}
	t := &Template{Src: src, lines: p.ls}
	for {
		t.Nodes = append(t.Nodes, p.nodes()...)
		if p.i >= len(p.toks) {
			break
		}
		// Only reachable when nodes stopped on a token for an open block,
		// which cannot happen at the top level; guard against looping.
		p.i++
	}
	p.errs.sort()
	t.Errors = p.errs
	return t
}

// customBlocks finds which tags of names Django does not define open a
// block, by pairing each end tag with the nearest tag of its name before
// it, from the end of the template back: a tag of the same name with no
// end tag left to pair is a simple tag. django CMS's {% placeholder "a" %}
// is simple, {% placeholder "b" or %}...{% endplaceholder %} a block, and
// both may come in one template in either order. djblets' @blocktag ends
// its tags with an underscore ({% code_block %}...{% end_code_block %}).
func customBlocks(toks []Token) map[int]string {
	pending := map[string]int{}
	out := map[int]string{}
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].Kind != TokenBlock {
			continue
		}
		name := firstWord(toks[i].Contents)
		if strings.HasPrefix(name, "end") {
			pending[name]++
			continue
		}
		if _, ok := builtinBlocks[name]; ok || name == "" || intermediates[name] {
			continue
		}
		for _, end := range []string{"end" + name, "end_" + name} {
			if pending[end] > 0 {
				pending[end]--
				out[i] = end
				break
			}
		}
	}
	return out
}

func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

type parser struct {
	src       string
	ls        lines
	toks      []Token
	i         int
	errs      ErrorList
	customEnd map[int]string // index of a custom block tag's token -> its end tag
	stack     []*Tag         // open blocks
	specs     []blockSpec    // their specs
}

func (p *parser) errorf(off int, format string, args ...any) {
	p.errs = append(p.errs, &Error{Pos: p.ls.pos(off), Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) marker(t Token) Marker {
	words := SplitContents(t.Contents)
	m := Marker{Start: p.ls.pos(t.Start), End: p.ls.pos(t.End), Raw: t.Contents}
	if len(words) > 0 {
		m.Name, m.Args = words[0], words[1:]
	}
	return m
}

// owner returns the index in the stack of the open block that the tag
// name ends or continues, or -1.
func (p *parser) owner(name string) int {
	for k := len(p.stack) - 1; k >= 0; k-- {
		s := p.specs[k]
		if s.end == name {
			return k
		}
		for _, m := range s.mids {
			if m == name {
				return k
			}
		}
	}
	return -1
}

// spec returns the block spec of a tag name at token index idx, and
// whether the tag is a block.
func (p *parser) spec(name string, idx int) (blockSpec, bool) {
	if s, ok := builtinBlocks[name]; ok {
		return s, true
	}
	if strings.HasPrefix(name, "end") || intermediates[name] {
		return blockSpec{}, false
	}
	if end, ok := p.customEnd[idx]; ok {
		// Custom block tags that take {% else %} are common
		// ({% ifusergroup %}...{% else %}...{% endifusergroup %}).
		return blockSpec{end: end, mids: []string{"elif", "else", "empty"}}, true
	}
	return blockSpec{}, false
}

// nodes parses until the end of input or a tag that ends or continues an
// open block, which it leaves unconsumed.
func (p *parser) nodes() []Node {
	var out []Node
	for p.i < len(p.toks) {
		tok := p.toks[p.i]
		start, end := p.ls.pos(tok.Start), p.ls.pos(tok.End)
		switch tok.Kind {
		case TokenText:
			out = append(out, &Text{Start: start, End: end, Value: tok.Contents})
			p.i++
		case TokenComment:
			out = append(out, &Comment{Start: start, End: end, Value: tok.Contents})
			p.i++
		case TokenVar:
			v := &Variable{Start: start, End: end, Raw: tok.Contents}
			if tok.Contents == "" {
				p.errorf(tok.Start, "empty variable tag")
			} else {
				v.Expr = ParseFilterExpr(tok.Contents)
				if v.Expr.Err != "" {
					p.errorf(tok.Start, "in {{ %s }}: %s", tok.Contents, v.Expr.Err)
				}
			}
			out = append(out, v)
			p.i++
		case TokenBlock:
			m := p.marker(tok)
			if m.Name == "" {
				p.errorf(tok.Start, "empty block tag")
				out = append(out, &Tag{Marker: m})
				p.i++
				continue
			}
			if p.owner(m.Name) >= 0 {
				return out
			}
			if strings.HasPrefix(m.Name, "end") || intermediates[m.Name] {
				p.errorf(tok.Start, "{%% %s %%} closes no open block", m.Name)
				out = append(out, &Tag{Marker: m, Stray: true})
				p.i++
				continue
			}
			out = append(out, p.tag(m))
		}
	}
	return out
}

// tag parses a tag whose marker is at p.i.
func (p *parser) tag(m Marker) Node {
	idx := p.i
	p.i++
	switch m.Name {
	case "comment":
		return p.blockComment(m, idx)
	case "verbatim":
		return p.verbatim(m)
	}
	s, ok := p.spec(m.Name, idx)
	if !ok {
		return &Tag{Marker: m}
	}
	t := &Tag{Marker: m, Block: true}
	if len(p.stack) >= MaxDepth {
		p.errorf(m.Start.Offset, "block tags nested more than %d deep; the rest is read flat", MaxDepth)
		t.Block = false
		return t
	}
	p.stack = append(p.stack, t)
	p.specs = append(p.specs, s)
	defer func() {
		p.stack = p.stack[:len(p.stack)-1]
		p.specs = p.specs[:len(p.specs)-1]
	}()
	t.Body = p.nodes()
	for p.i < len(p.toks) {
		next := p.marker(p.toks[p.i])
		if next.Name == s.end {
			p.i++
			t.EndTag = &next
			return t
		}
		if slices.Contains(s.mids, next.Name) {
			if n := len(t.Branches); n > 0 && finalBranch[t.Branches[n-1].Name] {
				p.errorf(next.Start.Offset, "{%% %s %%} after {%% %s %%}: only {%% %s %%} may follow", next.Name, t.Branches[n-1].Name, s.end)
			}
			p.i++
			b := &Branch{Marker: next}
			b.Body = p.nodes()
			t.Branches = append(t.Branches, b)
			continue
		}
		// The tag belongs to an enclosing block: this one was left open.
		break
	}
	p.errorf(m.Start.Offset, "{%% %s %%} is not closed: no {%% %s %%}", m.Name, s.end)
	return t
}

func (p *parser) blockComment(m Marker, idx int) Node {
	for j := p.i; j < len(p.toks); j++ {
		t := p.toks[j]
		if t.Kind == TokenBlock && t.Contents == "endcomment" {
			p.i = j + 1
			open := p.toks[idx]
			return &Comment{Start: m.Start, End: p.ls.pos(t.End), Value: p.src[open.End:t.Start], Block: true}
		}
	}
	p.errorf(m.Start.Offset, "{%% comment %%} is not closed: no {%% endcomment %%}")
	open := p.toks[idx]
	p.i = len(p.toks)
	return &Comment{Start: m.Start, End: p.ls.pos(len(p.src)), Value: p.src[open.End:], Block: true}
}

func (p *parser) verbatim(m Marker) Node {
	want := "end" + m.Raw
	v := &Verbatim{Start: m.Start, Open: &m, ContentStart: m.End}
	for j := p.i; j < len(p.toks); j++ {
		t := p.toks[j]
		if t.Kind == TokenBlock && t.Contents == want {
			c := p.marker(t)
			v.Close, v.End = &c, c.End
			v.Content = p.src[m.End.Offset:t.Start]
			p.i = j + 1
			return v
		}
	}
	p.errorf(m.Start.Offset, "{%% %s %%} is not closed: no {%% %s %%}", m.Raw, want)
	v.Content = p.src[m.End.Offset:]
	v.End = p.ls.pos(len(p.src))
	p.i = len(p.toks)
	return v
}
