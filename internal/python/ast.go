package python

// This file declares the syntax tree. Node and field names mirror CPython's
// ast module (Parser/Python.asdl, 3.13) in Go spelling, so that a rule author
// who knows ast.FunctionDef.decorator_list finds FunctionDef.DecoratorList.
// Three deliberate merges keep rules short: AsyncFunctionDef, AsyncFor and
// AsyncWith are FunctionDef, For and With with IsAsync set, and TryStar is
// Try with IsStar set. Dump prints the CPython names.

// Node is implemented by every syntax tree node.
type Node interface {
	Pos() Pos // position of the first byte of the node
	End() Pos // position just after the node
}

// Expr is an expression node.
type Expr interface {
	Node
	exprNode()
}

// Stmt is a statement node.
type Stmt interface {
	Node
	stmtNode()
}

// Pattern is a pattern of a match statement's case clause.
type Pattern interface {
	Node
	patternNode()
}

// TypeParam is a PEP 695 type parameter: *TypeVar, *ParamSpec or *TypeVarTuple.
type TypeParam interface {
	Node
	typeParamNode()
}

// Span holds the extent of a node and provides Pos and End.
type Span struct {
	From, To Pos
}

// Pos returns the position of the node's first byte.
func (s *Span) Pos() Pos { return s.From }

// End returns the position just after the node.
func (s *Span) End() Pos { return s.To }

// Ctx is an expression context: whether a Name, Attribute, Subscript,
// Starred, List or Tuple is read, assigned or deleted. The tree does not
// store it, since it follows from where the node sits, as CPython's
// parser decides it: Store (Del) for the target fields of assignments,
// for loops, comprehensions, with items, walrus and type aliases (del
// statements) and for the elements of a tuple, list or starred target;
// Load everywhere else, the value of an attribute or subscript target
// included. A field of its own made every Name, the most common node, a
// quarter larger. Dump prints it as CPython does.
type Ctx uint8

// Expression contexts.
const (
	Load Ctx = iota
	Store
	Del
)

// BoolOpKind is the operator of a BoolOp.
type BoolOpKind uint8

// Boolean operators.
const (
	And BoolOpKind = iota
	Or
)

// Operator is a binary operator of BinOp and AugAssign.
type Operator uint8

// Binary operators.
const (
	Add Operator = iota
	Sub
	Mult
	MatMult
	Div
	Mod
	Pow
	LShift
	RShift
	BitOr
	BitXor
	BitAnd
	FloorDiv
)

// UnaryOpKind is the operator of a UnaryOp.
type UnaryOpKind uint8

// Unary operators.
const (
	Invert UnaryOpKind = iota
	Not
	UAdd
	USub
)

// CmpOp is a comparison operator of Compare.
type CmpOp uint8

// Comparison operators.
const (
	Eq CmpOp = iota
	NotEq
	Lt
	LtE
	Gt
	GtE
	Is
	IsNot
	In
	NotIn
)

// Module is the root of a parsed file.
type Module struct {
	Span
	Body        []Stmt
	TypeIgnores []*TypeIgnore
	File        *File      // line table and name of the parsed file
	Comments    []*Comment // every # comment, in source order; not walked
}

// Comment is a "#" comment. Text starts with "#" and stops before the
// newline. CPython's tree has no comments; rules read them for
// suppressions ("# djsec: ignore[...]") and tests for "# want" lines.
type Comment struct {
	Span
	Text string
}

// TypeIgnore is a "# type: ignore" comment; the parser never produces one
// because, like ast.parse by default, it does not read type comments.
type TypeIgnore struct {
	Lineno int
	Tag    string
}

// ---- statements ----

type (
	// FunctionDef is a def statement; IsAsync marks AsyncFunctionDef.
	FunctionDef struct {
		Span
		IsAsync       bool
		Name          string
		Args          *Arguments
		Body          []Stmt
		DecoratorList []Expr
		Returns       Expr // or nil
		TypeParams    []TypeParam
	}

	// ClassDef is a class statement.
	ClassDef struct {
		Span
		Name          string
		Bases         []Expr
		Keywords      []*Keyword
		Body          []Stmt
		DecoratorList []Expr
		TypeParams    []TypeParam
	}

	// Return is a return statement; Value may be nil.
	Return struct {
		Span
		Value Expr
	}

	// Delete is a del statement.
	Delete struct {
		Span
		Targets []Expr
	}

	// Assign is "t1 = t2 = value"; Targets holds t1 and t2.
	Assign struct {
		Span
		Targets []Expr
		Value   Expr
	}

	// TypeAlias is a PEP 695 "type X[T] = value" statement.
	TypeAlias struct {
		Span
		Name       *Name
		TypeParams []TypeParam
		Value      Expr
	}

	// AugAssign is "target op= value".
	AugAssign struct {
		Span
		Target Expr
		Op     Operator
		Value  Expr
	}

	// AnnAssign is "target: annotation = value"; Value may be nil. Simple
	// is 1 when the target is a bare name not in parentheses.
	AnnAssign struct {
		Span
		Target     Expr
		Annotation Expr
		Value      Expr
		Simple     int
	}

	// For is a for loop; IsAsync marks AsyncFor.
	For struct {
		Span
		IsAsync bool
		Target  Expr
		Iter    Expr
		Body    []Stmt
		Orelse  []Stmt
	}

	// While is a while loop.
	While struct {
		Span
		Test   Expr
		Body   []Stmt
		Orelse []Stmt
	}

	// If is an if statement; elif clauses are nested Ifs in Orelse.
	If struct {
		Span
		Test   Expr
		Body   []Stmt
		Orelse []Stmt
	}

	// With is a with statement; IsAsync marks AsyncWith.
	With struct {
		Span
		IsAsync bool
		Items   []*WithItem
		Body    []Stmt
	}

	// Match is a match statement.
	Match struct {
		Span
		Subject Expr
		Cases   []*MatchCase
	}

	// Raise is a raise statement; Exc and Cause may be nil.
	Raise struct {
		Span
		Exc   Expr
		Cause Expr
	}

	// Try is a try statement; IsStar marks TryStar (except*).
	Try struct {
		Span
		IsStar    bool
		Body      []Stmt
		Handlers  []*ExceptHandler
		Orelse    []Stmt
		Finalbody []Stmt
	}

	// Assert is an assert statement; Msg may be nil.
	Assert struct {
		Span
		Test Expr
		Msg  Expr
	}

	// Import is "import a.b as c, d".
	Import struct {
		Span
		Names []*Alias
	}

	// ImportFrom is "from ..module import names"; Module is "" for
	// "from . import x" and Level counts the leading dots.
	ImportFrom struct {
		Span
		Module string
		Names  []*Alias
		Level  int
	}

	// Global is a global statement.
	Global struct {
		Span
		Names []string
	}

	// Nonlocal is a nonlocal statement.
	Nonlocal struct {
		Span
		Names []string
	}

	// ExprStmt is an expression used as a statement (CPython's Expr).
	ExprStmt struct {
		Span
		Value Expr
	}

	// Pass is a pass statement.
	Pass struct{ Span }

	// Break is a break statement.
	Break struct{ Span }

	// Continue is a continue statement.
	Continue struct{ Span }

	// BadStmt stands for a statement that could not be parsed.
	BadStmt struct{ Span }
)

// ---- expressions ----

type (
	// BoolOp is "a and b and c" (one node for the whole chain).
	BoolOp struct {
		Span
		Op     BoolOpKind
		Values []Expr
	}

	// NamedExpr is "target := value".
	NamedExpr struct {
		Span
		Target Expr
		Value  Expr
	}

	// BinOp is "left op right".
	BinOp struct {
		Span
		Left  Expr
		Op    Operator
		Right Expr
	}

	// UnaryOp is "op operand".
	UnaryOp struct {
		Span
		Op      UnaryOpKind
		Operand Expr
	}

	// Lambda is "lambda args: body".
	Lambda struct {
		Span
		Args *Arguments
		Body Expr
	}

	// IfExp is "body if test else orelse".
	IfExp struct {
		Span
		Test   Expr
		Body   Expr
		Orelse Expr
	}

	// Dict is a dict display; a nil key marks "**value".
	Dict struct {
		Span
		Keys   []Expr
		Values []Expr
	}

	// Set is a set display.
	Set struct {
		Span
		Elts []Expr
	}

	// ListComp is "[elt for ...]".
	ListComp struct {
		Span
		Elt        Expr
		Generators []*Comprehension
	}

	// SetComp is "{elt for ...}".
	SetComp struct {
		Span
		Elt        Expr
		Generators []*Comprehension
	}

	// DictComp is "{key: value for ...}".
	DictComp struct {
		Span
		Key        Expr
		Value      Expr
		Generators []*Comprehension
	}

	// GeneratorExp is "(elt for ...)".
	GeneratorExp struct {
		Span
		Elt        Expr
		Generators []*Comprehension
	}

	// Await is "await value".
	Await struct {
		Span
		Value Expr
	}

	// Yield is "yield value"; Value may be nil.
	Yield struct {
		Span
		Value Expr
	}

	// YieldFrom is "yield from value".
	YieldFrom struct {
		Span
		Value Expr
	}

	// Compare is "left op1 c1 op2 c2 ...".
	Compare struct {
		Span
		Left        Expr
		Ops         []CmpOp
		Comparators []Expr
	}

	// Call is "func(args, keywords)"; *x is a Starred in Args and **x a
	// Keyword with an empty Arg.
	Call struct {
		Span
		Func     Expr
		Args     []Expr
		Keywords []*Keyword
	}

	// FormattedValue is one replacement field of an f-string. Conversion
	// is -1, or 's', 'r' or 'a'; FormatSpec is nil or a *JoinedStr.
	FormattedValue struct {
		Span
		Value      Expr
		Conversion int
		FormatSpec Expr
	}

	// JoinedStr is an f-string (after implicit concatenation).
	JoinedStr struct {
		Span
		Values []Expr
	}

	// TemplateStr is a PEP 750 template string, t"..." (Python 3.14),
	// after implicit concatenation: Constant text and Interpolation
	// pieces.
	TemplateStr struct {
		Span
		Values []Expr
	}

	// Interpolation is one replacement field of a template string. Str is
	// the expression's source text as written between the brace and the
	// next delimiter ('=', '!', ':' or '}'); Conversion and FormatSpec are
	// as in FormattedValue.
	Interpolation struct {
		Span
		Value      Expr
		Str        string
		Conversion int
		FormatSpec Expr
	}

	// Constant is a literal. Value holds a Go value for the Python one:
	// string (str, UTF-8; lone surrogates are kept as their 3-byte
	// encodings), []byte (bytes), int64 or *big.Int (int), float64,
	// complex128, bool, None{} or Ellipsis{}. File.Segment gives the
	// literal's original spelling. CPython's kind ("u" for u'...') is not
	// stored, since it follows from that spelling (Dump prints it): a
	// field for it made every constant of every tree of a scan a third
	// larger, for a prefix Python 3 code hardly ever writes.
	Constant struct {
		Span
		Value any
	}

	// Attribute is "value.attr".
	Attribute struct {
		Span
		Value Expr
		Attr  string
	}

	// Subscript is "value[slice]".
	Subscript struct {
		Span
		Value Expr
		Slice Expr
	}

	// Starred is "*value".
	Starred struct {
		Span
		Value Expr
	}

	// Name is an identifier, NFKC-normalized like CPython does.
	Name struct {
		Span
		ID string
	}

	// List is a list display or target.
	List struct {
		Span
		Elts []Expr
	}

	// Tuple is a tuple display or target.
	Tuple struct {
		Span
		Elts []Expr
	}

	// Slice is "lower:upper:step" inside a subscript; parts may be nil.
	Slice struct {
		Span
		Lower, Upper, Step Expr
	}

	// BadExpr stands for an expression that could not be parsed.
	BadExpr struct{ Span }
)

// None is the Constant value of None.
type None struct{}

// Ellipsis is the Constant value of "...".
type Ellipsis struct{}

// ---- other nodes ----

type (
	// Comprehension is one "for target in iter if ifs" clause.
	Comprehension struct {
		Span
		Target  Expr
		Iter    Expr
		Ifs     []Expr
		IsAsync int
	}

	// ExceptHandler is an except clause; Type may be nil and Name "".
	ExceptHandler struct {
		Span
		Type Expr
		Name string
		Body []Stmt
	}

	// Arguments is the parameter list of a def or lambda. KwDefaults is
	// parallel to Kwonlyargs with nil where there is no default; Defaults
	// belong to the last parameters of Posonlyargs+Args.
	Arguments struct {
		Span
		Posonlyargs []*Arg
		Args        []*Arg
		Vararg      *Arg
		Kwonlyargs  []*Arg
		KwDefaults  []Expr
		Kwarg       *Arg
		Defaults    []Expr
	}

	// Arg is one parameter.
	Arg struct {
		Span
		Arg        string
		Annotation Expr
	}

	// Keyword is "arg=value" in a call or class bases; Arg is "" for
	// "**value".
	Keyword struct {
		Span
		Arg   string
		Value Expr
	}

	// Alias is "name as asname" in an import.
	Alias struct {
		Span
		Name   string
		Asname string
	}

	// WithItem is "context_expr as optional_vars".
	WithItem struct {
		Span
		ContextExpr  Expr
		OptionalVars Expr
	}

	// MatchCase is one case clause.
	MatchCase struct {
		Span
		Pattern Pattern
		Guard   Expr
		Body    []Stmt
	}
)

// ---- patterns ----

type (
	// MatchValue matches a literal or dotted value.
	MatchValue struct {
		Span
		Value Expr
	}

	// MatchSingleton matches None, True or False; Value holds None{} or a bool.
	MatchSingleton struct {
		Span
		Value any
	}

	// MatchSequence is "[p1, p2]" or "(p1, p2)".
	MatchSequence struct {
		Span
		Patterns []Pattern
	}

	// MatchMapping is "{k: p, **rest}".
	MatchMapping struct {
		Span
		Keys     []Expr
		Patterns []Pattern
		Rest     string
	}

	// MatchClass is "Cls(p, attr=p)".
	MatchClass struct {
		Span
		Cls         Expr
		Patterns    []Pattern
		KwdAttrs    []string
		KwdPatterns []Pattern
	}

	// MatchStar is "*name" in a sequence pattern; Name is "" for "*_".
	MatchStar struct {
		Span
		Name string
	}

	// MatchAs is "pattern as name", a capture "name" (Pattern nil) or the
	// wildcard "_" (both empty).
	MatchAs struct {
		Span
		Pattern Pattern
		Name    string
	}

	// MatchOr is "p1 | p2".
	MatchOr struct {
		Span
		Patterns []Pattern
	}
)

// ---- PEP 695 type parameters ----

type (
	// TypeVar is "T", "T: bound" or "T = default".
	TypeVar struct {
		Span
		Name         string
		Bound        Expr
		DefaultValue Expr
	}

	// ParamSpec is "**P".
	ParamSpec struct {
		Span
		Name         string
		DefaultValue Expr
	}

	// TypeVarTuple is "*Ts".
	TypeVarTuple struct {
		Span
		Name         string
		DefaultValue Expr
	}
)

func (*FunctionDef) stmtNode() {}
func (*ClassDef) stmtNode()    {}
func (*Return) stmtNode()      {}
func (*Delete) stmtNode()      {}
func (*Assign) stmtNode()      {}
func (*TypeAlias) stmtNode()   {}
func (*AugAssign) stmtNode()   {}
func (*AnnAssign) stmtNode()   {}
func (*For) stmtNode()         {}
func (*While) stmtNode()       {}
func (*If) stmtNode()          {}
func (*With) stmtNode()        {}
func (*Match) stmtNode()       {}
func (*Raise) stmtNode()       {}
func (*Try) stmtNode()         {}
func (*Assert) stmtNode()      {}
func (*Import) stmtNode()      {}
func (*ImportFrom) stmtNode()  {}
func (*Global) stmtNode()      {}
func (*Nonlocal) stmtNode()    {}
func (*ExprStmt) stmtNode()    {}
func (*Pass) stmtNode()        {}
func (*Break) stmtNode()       {}
func (*Continue) stmtNode()    {}
func (*BadStmt) stmtNode()     {}

func (*BoolOp) exprNode()         {}
func (*NamedExpr) exprNode()      {}
func (*BinOp) exprNode()          {}
func (*UnaryOp) exprNode()        {}
func (*Lambda) exprNode()         {}
func (*IfExp) exprNode()          {}
func (*Dict) exprNode()           {}
func (*Set) exprNode()            {}
func (*ListComp) exprNode()       {}
func (*SetComp) exprNode()        {}
func (*DictComp) exprNode()       {}
func (*GeneratorExp) exprNode()   {}
func (*Await) exprNode()          {}
func (*Yield) exprNode()          {}
func (*YieldFrom) exprNode()      {}
func (*Compare) exprNode()        {}
func (*Call) exprNode()           {}
func (*FormattedValue) exprNode() {}
func (*JoinedStr) exprNode()      {}
func (*TemplateStr) exprNode()    {}
func (*Interpolation) exprNode()  {}
func (*Constant) exprNode()       {}
func (*Attribute) exprNode()      {}
func (*Subscript) exprNode()      {}
func (*Starred) exprNode()        {}
func (*Name) exprNode()           {}
func (*List) exprNode()           {}
func (*Tuple) exprNode()          {}
func (*Slice) exprNode()          {}
func (*BadExpr) exprNode()        {}

func (*MatchValue) patternNode()     {}
func (*MatchSingleton) patternNode() {}
func (*MatchSequence) patternNode()  {}
func (*MatchMapping) patternNode()   {}
func (*MatchClass) patternNode()     {}
func (*MatchStar) patternNode()      {}
func (*MatchAs) patternNode()        {}
func (*MatchOr) patternNode()        {}

func (*TypeVar) typeParamNode()      {}
func (*ParamSpec) typeParamNode()    {}
func (*TypeVarTuple) typeParamNode() {}

// SeqElts returns the elements of a list, tuple or set display ([a, b],
// (a, b), {a, b}), and nil for any other expression: what rules read
// when a setting or a Meta option lists names.
func SeqElts(e Expr) []Expr {
	switch x := e.(type) {
	case *List:
		return x.Elts
	case *Tuple:
		return x.Elts
	case *Set:
		return x.Elts
	}
	return nil
}

// CalleeName returns the last name of what a call calls, without
// resolving imports: render for render(...) and shortcuts.render(...),
// save for row.save(); "" for a call of a call or a subscript.
func (c *Call) CalleeName() string {
	switch f := c.Func.(type) {
	case *Name:
		return f.ID
	case *Attribute:
		return f.Attr
	}
	return ""
}

// EachBoundName calls f with each name an assignment target binds: x,
// and the names in a tuple, list or starred target; an attribute or a
// subscript (details.accepted = True) binds none.
func EachBoundName(t Expr, f func(name string)) {
	switch x := t.(type) {
	case *Name:
		f(x.ID)
	case *Tuple:
		for _, e := range x.Elts {
			EachBoundName(e, f)
		}
	case *List:
		for _, e := range x.Elts {
			EachBoundName(e, f)
		}
	case *Starred:
		EachBoundName(x.Value, f)
	}
}

// Arg returns the argument of the call at position i, or the one passed
// by keyword name when fewer are passed by position; nil when neither is
// there. It reads a call as Python binds it to a signature whose i-th
// parameter is name (path("x/", view=views.x)); i < 0 asks for a
// keyword-only parameter.
func (c *Call) Arg(i int, name string) Expr {
	if i >= 0 && i < len(c.Args) {
		if _, ok := c.Args[i].(*Starred); !ok {
			return c.Args[i]
		}
		return nil
	}
	for _, k := range c.Keywords {
		if k.Arg == name {
			return k.Value
		}
	}
	return nil
}
