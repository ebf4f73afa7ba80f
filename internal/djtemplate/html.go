package djtemplate

import (
	"strings"
)

// State is where in the HTML a template construct sits.
type State int

// HTML states, reduced from the HTML standard's tokenizer states.
const (
	InData      State = iota // element content (or RCDATA: <textarea>, <title>)
	InTag                    // inside a start or end tag, outside attribute values
	InAttrValue              // inside an attribute value
	InRawText                // the content of <script> or <style>
	InComment                // inside <!-- -->, <!DOCTYPE ...> or another markup declaration
)

// Element is an HTML start tag.
type Element struct {
	Name        string // lower case
	Start, End  int    // byte offsets of '<' and past '>' (End is 0 until the tag closes)
	Attrs       []*Attr
	SelfClosing bool
	// Verbatim is set when the tag opens inside {% verbatim %}: output as
	// written, usually markup for a client-side framework.
	Verbatim bool
}

// Attr returns the first attribute with the given (lower-case) name.
func (e *Element) Attr(name string) *Attr {
	for _, a := range e.Attrs {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// Attr is an attribute of a start tag.
type Attr struct {
	Name     string // lower case
	Start    int    // offset of the name
	HasValue bool
	Quote    byte   // '"', '\'' or 0 for an unquoted or missing value
	Text     string // the literal text of the value (template constructs left out)
	Vars     []*Variable
	// Dynamic is set when the value holds a variable or a template tag:
	// Text is then not the value the browser sees.
	Dynamic bool
	// Tags are the template tags met inside the value.
	Tags []*Marker
	// Lead is the literal text before the first template construct of the
	// value, and FirstVar that construct when it is a variable (nil when
	// it is a tag or there is none): href="{{ url }}" has Lead "" and
	// FirstVar url, href="/p/{{ slug }}" has Lead "/p/".
	Lead     string
	FirstVar *Variable
}

// Context is the HTML context of a variable or template tag.
type Context struct {
	State   State
	Element *Element // the tag being read (InTag, InAttrValue) or the raw-text element (InRawText)
	Attr    *Attr    // InAttrValue: the attribute
	// Prefix is the literal text of the attribute value before this point
	// (InAttrValue), so that rules can tell href="{{ url }}" from
	// href="/shop/{{ slug }}/".
	Prefix string
	// RCData is the <title> or <textarea> element whose text this is
	// (InData): markup there is text, and only its end tag ends it.
	RCData *Element
}

// EventKind is the kind of a Scan event.
type EventKind int

// Scan events.
const (
	StartTag    EventKind = iota // Element is complete
	EndTag                       // Name is the element name
	VarEvent                     // Var is a variable; Context says where
	TagEvent                     // Tag is a template tag (simple or the opening of a block)
	BranchEvent                  // Branch is elif/else/empty of Tag
	EndTagEvent                  // EndMarker closes Tag
	LeaveTag                     // Tag's content is over (sent for every block, closed or not)
)

// Event is one thing Scan reports, in source order.
type Event struct {
	Kind      EventKind
	Element   *Element // StartTag
	Name      string   // EndTag: the element's name, lower case
	Offset    int      // where the event is in the source
	Var       *Variable
	Tag       *Tag
	Branch    *Branch
	EndMarker *Marker
	Context   Context // for VarEvent, TagEvent, BranchEvent, EndTagEvent
}

// Scan walks the template in source order, runs an HTML tokenizer over the
// text the template outputs (text and verbatim content; comments output
// nothing) and calls fn for every start and end tag, variable and template
// tag.
func (t *Template) Scan(fn func(Event)) { t.ScanBlocks(nil, fn) }

// ScanBlocks is Scan for a template that extends another: blocks names the
// blocks that the parent template places inside a raw-text element
// (<script>{% block page_js %}{% endblock %}</script>), and the content of
// this template's blocks of those names is read as that element's content.
func (t *Template) ScanBlocks(blocks map[string]*Element, fn func(Event)) {
	s := &htmlScanner{t: t, fn: fn, blocks: blocks}
	s.nodes(t.Nodes)
}

// blockBody scans the body of a {% block %} that the parent template
// places inside the raw-text element el, then restores the state.
func (s *htmlScanner) blockBody(el *Element, body []Node) {
	st, raw, rawEnd, rawWant, rcdata := s.st, s.raw, s.rawEnd, s.rawWant, s.rcdata
	s.st, s.raw, s.rawEnd, s.rawWant, s.rcdata = hRawText, el, 0, "</"+el.Name, false
	s.nodes(body)
	s.st, s.raw, s.rawEnd, s.rawWant, s.rcdata = st, raw, rawEnd, rawWant, rcdata
}

type hstate int

const (
	hData hstate = iota
	hTagOpen
	hEndTagOpen
	hTagName
	hEndTagName
	hBeforeAttrName
	hAttrName
	hAfterAttrName
	hBeforeAttrValue
	hAttrValueDQ
	hAttrValueSQ
	hAttrValueUQ
	hAfterAttrValueQuoted
	hSelfClosing
	hMarkupDecl // after <!
	hComment
	hBogusComment
	hRawText
	hEndTagSkip // inside an end tag after its name
)

type htmlScanner struct {
	t      *Template
	fn     func(Event)
	blocks map[string]*Element

	st       hstate
	el       *Element // start tag being read
	attr     *Attr    // attribute being read
	name     strings.Builder
	endName  strings.Builder
	tagOff   int      // offset of the current '<'
	raw      *Element // the <script>/<style> whose content is being read
	rawEnd   int      // how many bytes of "</script" have matched
	rawWant  string   // "</script", "</style", "</textarea" or "</title"
	rcdata   bool     // the raw text is <textarea> or <title> content
	decl     string   // text after "<!" so far
	dashes   int      // consecutive '-' in a comment
	verbatim bool     // reading the content of {% verbatim %}
	val      []byte   // the literal text of the attribute value being read
	aname    []byte   // the name of the attribute being read
}

func (s *htmlScanner) nodes(nodes []Node) {
	for _, n := range nodes {
		switch n := n.(type) {
		case *Text:
			s.text(n.Value, n.Start.Offset)
		case *Verbatim:
			s.verbatim = true
			s.text(n.Content, n.ContentStart.Offset)
			s.verbatim = false
		case *Variable:
			s.dynamic(nil)
			if s.inValue() {
				if len(s.attr.Vars) == 0 && len(s.attr.Tags) == 0 {
					s.attr.FirstVar = n
				}
				s.attr.Vars = append(s.attr.Vars, n)
			}
			s.fn(Event{Kind: VarEvent, Var: n, Offset: n.Start.Offset, Context: s.context()})
		case *Tag:
			s.dynamic(&n.Marker)
			s.fn(Event{Kind: TagEvent, Tag: n, Offset: n.Start.Offset, Context: s.context()})
			if !n.Block {
				continue
			}
			if el := s.blocks[blockName(n)]; el != nil && n.Name == "block" && s.st == hData {
				s.blockBody(el, n.Body)
			} else {
				s.nodes(n.Body)
			}
			for _, b := range n.Branches {
				s.dynamic(&b.Marker)
				s.fn(Event{Kind: BranchEvent, Tag: n, Branch: b, Offset: b.Start.Offset, Context: s.context()})
				s.nodes(b.Body)
			}
			if n.EndTag != nil {
				s.dynamic(n.EndTag)
				s.fn(Event{Kind: EndTagEvent, Tag: n, EndMarker: n.EndTag, Offset: n.EndTag.Start.Offset, Context: s.context()})
			}
			off := n.End.Offset
			if n.EndTag != nil {
				off = n.EndTag.End.Offset
			}
			s.fn(Event{Kind: LeaveTag, Tag: n, Offset: off})
		}
	}
}

func blockName(t *Tag) string {
	if len(t.Args) == 0 {
		return ""
	}
	return t.Args[0]
}

// dynamic notes that a template construct sits where the scanner is: an
// attribute value holding one is not literal; a partial "</script" match is
// broken.
func (s *htmlScanner) dynamic(m *Marker) {
	s.rawEnd = 0
	switch s.st {
	case hAttrValueDQ, hAttrValueSQ, hAttrValueUQ:
		if !s.attr.Dynamic {
			s.attr.Lead = string(s.val)
		}
		s.attr.Dynamic = true
		if m != nil {
			s.attr.Tags = append(s.attr.Tags, m)
		}
	case hBeforeAttrValue:
		// <a href={{ url }}>: an unquoted value that starts with a variable.
		s.attr.HasValue = true
		s.val = s.val[:0]
		s.attr.Dynamic = true
		if m != nil {
			s.attr.Tags = append(s.attr.Tags, m)
		}
		s.st = hAttrValueUQ
	case hTagOpen:
		s.st = hData
	}
}

func (s *htmlScanner) inValue() bool {
	return s.st == hAttrValueDQ || s.st == hAttrValueSQ || s.st == hAttrValueUQ
}

func (s *htmlScanner) context() Context {
	switch s.st {
	case hData, hTagOpen, hEndTagOpen:
		return Context{State: InData}
	case hAttrValueDQ, hAttrValueSQ, hAttrValueUQ:
		return Context{State: InAttrValue, Element: s.el, Attr: s.attr, Prefix: string(s.val)}
	case hRawText:
		if s.rcdata {
			return Context{State: InData, RCData: s.raw}
		}
		return Context{State: InRawText, Element: s.raw}
	case hMarkupDecl, hComment, hBogusComment:
		return Context{State: InComment}
	}
	return Context{State: InTag, Element: s.el}
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// text feeds literal output starting at source offset base.
func (s *htmlScanner) text(txt string, base int) {
	for i := 0; i < len(txt); i++ {
		s.char(txt[i], base+i)
	}
}

func (s *htmlScanner) char(c byte, off int) {
	switch s.st {
	case hData:
		if c == '<' {
			s.st, s.tagOff = hTagOpen, off
		}
	case hTagOpen:
		switch {
		case c == '!':
			s.st, s.decl = hMarkupDecl, ""
		case c == '/':
			s.st = hEndTagOpen
		case isASCIILetter(c):
			s.el = &Element{Start: s.tagOff, Verbatim: s.verbatim}
			s.name.Reset()
			s.name.WriteByte(lower(c))
			s.st = hTagName
		case c == '?':
			s.st = hBogusComment
		case c == '<':
			s.tagOff = off
		default:
			s.st = hData
		}
	case hEndTagOpen:
		switch {
		case isASCIILetter(c):
			s.endName.Reset()
			s.endName.WriteByte(lower(c))
			s.st = hEndTagName
		case c == '>':
			s.st = hData
		default:
			s.st = hBogusComment
		}
	case hEndTagName:
		switch {
		case isHTMLSpace(c) || c == '/':
			s.st = hEndTagSkip
		case c == '>':
			s.endTag(off)
		default:
			s.endName.WriteByte(lower(c))
		}
	case hEndTagSkip:
		if c == '>' {
			s.endTag(off)
		}
	case hTagName:
		switch {
		case isHTMLSpace(c):
			s.el.Name = s.name.String()
			s.st = hBeforeAttrName
		case c == '/':
			s.el.Name = s.name.String()
			s.st = hSelfClosing
		case c == '>':
			s.el.Name = s.name.String()
			s.startTag(off)
		default:
			s.name.WriteByte(lower(c))
		}
	case hBeforeAttrName:
		switch {
		case isHTMLSpace(c):
		case c == '/':
			s.st = hSelfClosing
		case c == '>':
			s.startTag(off)
		default:
			s.newAttr(c, off)
		}
	case hAttrName:
		if isHTMLSpace(c) || c == '/' || c == '=' || c == '>' {
			s.attr.Name = string(s.aname)
		}
		switch {
		case isHTMLSpace(c):
			s.st = hAfterAttrName
		case c == '/':
			s.st = hSelfClosing
		case c == '=':
			s.st = hBeforeAttrValue
		case c == '>':
			s.startTag(off)
		default:
			s.aname = append(s.aname, lower(c))
		}
	case hAfterAttrName:
		switch {
		case isHTMLSpace(c):
		case c == '/':
			s.st = hSelfClosing
		case c == '=':
			s.st = hBeforeAttrValue
		case c == '>':
			s.startTag(off)
		default:
			s.newAttr(c, off)
		}
	case hBeforeAttrValue:
		switch {
		case isHTMLSpace(c):
		case c == '"':
			s.attr.HasValue, s.attr.Quote, s.st = true, '"', hAttrValueDQ
			s.val = s.val[:0]
		case c == '\'':
			s.attr.HasValue, s.attr.Quote, s.st = true, '\'', hAttrValueSQ
			s.val = s.val[:0]
		case c == '>':
			s.startTag(off)
		default:
			s.attr.HasValue = true
			s.val = append(s.val[:0], c)
			s.st = hAttrValueUQ
		}
	case hAttrValueDQ, hAttrValueSQ:
		if c == s.attr.Quote {
			s.attr.Text = string(s.val)
			s.st = hAfterAttrValueQuoted
		} else {
			s.val = append(s.val, c)
		}
	case hAttrValueUQ:
		switch {
		case isHTMLSpace(c):
			s.attr.Text = string(s.val)
			s.st = hBeforeAttrName
		case c == '>':
			s.attr.Text = string(s.val)
			s.startTag(off)
		default:
			s.val = append(s.val, c)
		}
	case hAfterAttrValueQuoted:
		switch {
		case isHTMLSpace(c):
			s.st = hBeforeAttrName
		case c == '/':
			s.st = hSelfClosing
		case c == '>':
			s.startTag(off)
		default:
			s.newAttr(c, off)
		}
	case hSelfClosing:
		switch {
		case c == '>':
			s.el.SelfClosing = true
			s.startTag(off)
		case isHTMLSpace(c):
			s.st = hBeforeAttrName
		default:
			s.newAttr(c, off)
		}
	case hMarkupDecl:
		if len(s.decl) < 2 {
			s.decl += string(c)
		}
		switch {
		case s.decl == "--":
			s.st, s.dashes = hComment, 0
		case c == '>':
			s.st = hData
		case !strings.HasPrefix("--", s.decl):
			s.st = hBogusComment
		}
	case hComment:
		switch {
		case c == '-':
			s.dashes++
		case c == '>' && s.dashes >= 2:
			s.st = hData
		default:
			s.dashes = 0
		}
	case hBogusComment:
		if c == '>' {
			s.st = hData
		}
	case hRawText:
		s.rawChar(c, off)
	}
}

func (s *htmlScanner) newAttr(c byte, off int) {
	s.aname = append(s.aname[:0], lower(c))
	s.val = s.val[:0]
	s.attr = &Attr{Name: string(s.aname), Start: off}
	s.el.Attrs = append(s.el.Attrs, s.attr)
	s.st = hAttrName
}

func (s *htmlScanner) startTag(off int) {
	el := s.el
	el.End = off + 1
	s.el, s.attr = nil, nil
	s.st = hData
	s.fn(Event{Kind: StartTag, Element: el, Offset: el.Start})
	switch el.Name {
	case "script", "style", "textarea", "title":
		if !el.SelfClosing || el.Name == "script" {
			s.raw, s.rawEnd, s.st = el, 0, hRawText
			s.rawWant = "</" + el.Name
			// textarea and title hold escapable text: markup inside is
			// text, but character references still work as in content.
			s.rcdata = el.Name == "textarea" || el.Name == "title"
		}
	}
}

func (s *htmlScanner) endTag(off int) {
	s.st = hData
	s.fn(Event{Kind: EndTag, Name: s.endName.String(), Offset: s.tagOff})
}

// rawChar reads the content of a raw-text element, watching for its end
// tag: "</script" followed by a space, '/' or '>'.
func (s *htmlScanner) rawChar(c byte, off int) {
	want := s.rawWant
	switch {
	case s.rawEnd == len(want):
		if isHTMLSpace(c) || c == '/' || c == '>' {
			s.endName.Reset()
			s.endName.WriteString(s.raw.Name)
			s.raw = nil
			if c == '>' {
				s.endTag(off)
			} else {
				s.st = hEndTagSkip
			}
			return
		}
		s.rawEnd = 0
	case lower(c) == want[s.rawEnd]:
		if s.rawEnd == 0 {
			s.tagOff = off
		}
		s.rawEnd++
		return
	default:
		s.rawEnd = 0
	}
	if c == '<' {
		s.tagOff, s.rawEnd = off, 1
	}
}
