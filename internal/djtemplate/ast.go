package djtemplate

// Node is a node of the template tree.
type Node interface {
	Span() (start, end Pos)
}

// Text is literal output.
type Text struct {
	Start, End Pos
	Value      string
}

// Variable is `{{ expr }}`.
type Variable struct {
	Start, End Pos
	Raw        string // the trimmed inside of the braces
	Expr       *FilterExpr
}

// Comment is `{# ... #}` or a whole `{% comment %}...{% endcomment %}`.
type Comment struct {
	Start, End Pos
	Value      string
	Block      bool // {% comment %}
}

// Verbatim is `{% verbatim %}...{% endverbatim %}`: its content is output
// as it stands.
type Verbatim struct {
	Start, End   Pos
	Open         *Marker
	Close        *Marker // nil when unclosed
	Content      string
	ContentStart Pos
}

// Marker is one `{% ... %}` token: a simple tag, the opening, an
// intermediate (else, empty) or the end of a block tag.
type Marker struct {
	Start, End Pos
	Name       string   // the first word: "if", "endif", "csrf_token"
	Args       []string // the rest, split as Django's split_contents does
	Raw        string   // the trimmed inside of the tag
}

// Tag is a template tag. Simple tags have only the Marker; block tags have
// a Body, intermediate Branches (elif, else, empty, plural) and an EndTag.
type Tag struct {
	Marker
	Block    bool
	Body     []Node
	Branches []*Branch
	EndTag   *Marker // nil for simple tags and unclosed blocks
	Stray    bool    // an end or intermediate tag that closes nothing
}

// Branch is an intermediate tag of a block (elif, else, empty) and the
// nodes that follow it.
type Branch struct {
	Marker
	Body []Node
}

func (n *Text) Span() (Pos, Pos)     { return n.Start, n.End }
func (n *Variable) Span() (Pos, Pos) { return n.Start, n.End }
func (n *Comment) Span() (Pos, Pos)  { return n.Start, n.End }
func (n *Verbatim) Span() (Pos, Pos) { return n.Start, n.End }
func (n *Marker) Span() (Pos, Pos)   { return n.Start, n.End }
func (n *Tag) Span() (Pos, Pos) {
	if n.EndTag != nil {
		return n.Start, n.EndTag.End
	}
	return n.Start, n.End
}

// Inspect calls fn for every node in source order, depth first, the way
// go/ast.Inspect does: when fn returns false the node's children are
// skipped. Branch markers and end markers are visited as *Branch and
// *Marker.
func Inspect(nodes []Node, fn func(Node) bool) {
	for _, n := range nodes {
		if !fn(n) {
			continue
		}
		t, ok := n.(*Tag)
		if !ok {
			continue
		}
		Inspect(t.Body, fn)
		for _, b := range t.Branches {
			if fn(b) {
				Inspect(b.Body, fn)
			}
		}
		if t.EndTag != nil {
			fn(t.EndTag)
		}
	}
}

// OperandKind says what an operand of a filter expression is.
type OperandKind int

// Operand kinds.
const (
	OperandVariable   OperandKind = iota // a.b.c
	OperandString                        // "text" or 'text'
	OperandTranslated                    // _("text")
	OperandNumber                        // 3, -1.5
)

// Operand is the value of a filter expression or a filter's argument.
type Operand struct {
	Kind  OperandKind
	Raw   string // as written
	Value string // unquoted for strings, the dotted path for variables
}

// Literal reports whether the operand is written in the template (a string,
// a translated string or a number) rather than looked up in the context.
func (o Operand) Literal() bool { return o.Kind != OperandVariable }

// Filter is one `|name:arg` of a filter expression.
type Filter struct {
	Name string
	Arg  *Operand // nil when there is none
}

// FilterExpr is the inside of `{{ }}` and of many tag arguments:
// a value and its filters.
type FilterExpr struct {
	Value   Operand
	Filters []Filter
	Err     string // what could not be parsed, as Django would complain
}

// HasFilter reports whether the expression applies the named filter.
func (e *FilterExpr) HasFilter(name string) bool {
	return e.FilterIndex(name) >= 0
}

// FilterIndex returns the index of the last filter with the given name, or
// -1.
func (e *FilterExpr) FilterIndex(name string) int {
	if e == nil {
		return -1
	}
	for i := len(e.Filters) - 1; i >= 0; i-- {
		if e.Filters[i].Name == name {
			return i
		}
	}
	return -1
}
