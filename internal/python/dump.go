package python

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Dump returns the text that CPython 3.11's ast.dump(node) prints for the
// equivalent tree (no positions, optional fields omitted when absent).
// Nodes CPython 3.11 lacks (PEP 695) print as CPython 3.13 prints them,
// with type_params shown only when present.
//
// A string constant's kind ("u" for u'...') follows from its spelling, so
// it is printed when the source is known: when n is a Module.
func Dump(n Node) string {
	d := &dumper{}
	if m, ok := n.(*Module); ok {
		d.src = m.File
	}
	d.node(n)
	return d.b.String()
}

type dumper struct {
	b     strings.Builder
	first []bool // per open node: no field written yet
	file  *File  // when set, positions are printed as include_attributes=True does
	// next is the context of the next expression dumped, set by target
	// for the nodes in a target's position (see Ctx) and Load otherwise.
	next Ctx
	// src, when set, is the source the constants' kinds are read from;
	// piece says the next node is a piece of an f-string or t-string
	// (see kind).
	src   *File
	piece piece
}

// piece tells the kind of an f-string's or t-string's pieces, whose
// spans are all the whole literal's: CPython gives the first one of a
// literal that starts with u'...' kind "u", and no other.
type piece uint8

const (
	notPiece   piece = iota
	firstPiece       // the first piece of a literal
	laterPiece       // any other piece, or one of a format spec
)

// kind is CPython's Constant.kind: "u" for a str constant spelled with a
// lowercase u prefix, else "".
func (d *dumper) kind(c *Constant, at piece) string {
	if d.src == nil || at == laterPiece {
		return ""
	}
	if _, ok := c.Value.(string); !ok {
		return ""
	}
	if i := int(c.Pos()) - 1; i >= 0 && i < len(d.src.src) && d.src.src[i] == 'u' {
		return "u"
	}
	return ""
}

// pieces writes the values of an f-string or t-string.
func (d *dumper) pieces(k string, values []Expr, spec bool) {
	d.key(k)
	d.b.WriteByte('[')
	for i, v := range values {
		if i > 0 {
			d.b.WriteString(", ")
		}
		d.piece = laterPiece
		if i == 0 && !spec {
			d.piece = firstPiece
		}
		d.node(v)
	}
	d.b.WriteByte(']')
}

// spec writes a format spec, whose pieces never have a kind.
func (d *dumper) spec(n Expr) {
	if isNil(n) {
		return
	}
	d.key("format_spec")
	if j, ok := n.(*JoinedStr); ok {
		d.open("JoinedStr")
		d.pieces("values", j.Values, true)
		d.closeAt(j)
		return
	}
	d.node(n)
}

// DumpPositions is Dump with CPython's include_attributes=True: lineno,
// col_offset, end_lineno and end_col_offset on the nodes that have them.
func DumpPositions(m *Module) string {
	d := &dumper{file: m.File, src: m.File}
	d.node(m)
	return d.b.String()
}

// closeAt closes a node that carries CPython position attributes.
func (d *dumper) closeAt(n Node) {
	if d.file != nil {
		start, end := d.file.Position(n.Pos()), d.file.Position(n.End())
		d.int("lineno", start.Line)
		d.int("col_offset", start.Col)
		d.int("end_lineno", end.Line)
		d.int("end_col_offset", end.Col)
	}
	d.close()
}

func (d *dumper) open(name string) {
	d.b.WriteString(name)
	d.b.WriteByte('(')
	d.first = append(d.first, true)
}

func (d *dumper) close() {
	d.b.WriteByte(')')
	d.first = d.first[:len(d.first)-1]
}

func (d *dumper) key(k string) {
	if !d.first[len(d.first)-1] {
		d.b.WriteString(", ")
	}
	d.first[len(d.first)-1] = false
	d.b.WriteString(k)
	d.b.WriteByte('=')
}

func (d *dumper) leaf(name string) { d.b.WriteString(name); d.b.WriteString("()") }

func (d *dumper) str(k, v string) {
	d.key(k)
	d.b.WriteString(reprStr(v))
}

func (d *dumper) optStr(k, v string) {
	if v != "" {
		d.str(k, v)
	}
}

func (d *dumper) int(k string, v int) {
	d.key(k)
	d.b.WriteString(strconv.Itoa(v))
}

func (d *dumper) child(k string, n Node) {
	d.key(k)
	d.node(n)
}

// opt writes an optional field, skipping nil (including typed nil).
func (d *dumper) opt(k string, n Node) {
	if !isNil(n) {
		d.child(k, n)
	}
}

func isNil(n Node) bool {
	switch x := n.(type) {
	case nil:
		return true
	case Expr:
		return x == nil || isNilExpr(x)
	}
	return false
}

func isNilExpr(e Expr) bool {
	switch x := e.(type) {
	case *JoinedStr:
		return x == nil
	case *Name:
		return x == nil
	}
	return false
}

func list[T Node](d *dumper, k string, l []T) {
	d.key(k)
	d.b.WriteByte('[')
	for i, n := range l {
		if i > 0 {
			d.b.WriteString(", ")
		}
		if isNil(n) {
			d.b.WriteString("None")
		} else {
			d.node(n)
		}
	}
	d.b.WriteByte(']')
}

func (d *dumper) strs(k string, l []string) {
	d.key(k)
	d.b.WriteByte('[')
	for i, s := range l {
		if i > 0 {
			d.b.WriteString(", ")
		}
		d.b.WriteString(reprStr(s))
	}
	d.b.WriteByte(']')
}

func (d *dumper) ctx(c Ctx) {
	d.key("ctx")
	d.leaf([...]string{"Load", "Store", "Del"}[c])
}

// target writes a field holding an assignment or del target, whose
// context is c.
func (d *dumper) target(k string, e Expr, c Ctx) {
	d.key(k)
	d.next = c
	d.node(e)
}

// targets writes a list of targets whose context is c.
func (d *dumper) targets(k string, l []Expr, c Ctx) {
	d.key(k)
	d.elts(l, c)
}

// elts writes a list of expressions in context c: the elements of a
// tuple or list take its context.
func (d *dumper) elts(l []Expr, c Ctx) {
	d.b.WriteByte('[')
	for i, e := range l {
		if i > 0 {
			d.b.WriteString(", ")
		}
		d.next = c
		d.node(e)
	}
	d.next = Load
	d.b.WriteByte(']')
}

var operatorNames = [...]string{"Add", "Sub", "Mult", "MatMult", "Div", "Mod", "Pow", "LShift", "RShift", "BitOr", "BitXor", "BitAnd", "FloorDiv"}
var unaryNames = [...]string{"Invert", "Not", "UAdd", "USub"}
var cmpNames = [...]string{"Eq", "NotEq", "Lt", "LtE", "Gt", "GtE", "Is", "IsNot", "In", "NotIn"}

func (d *dumper) typeParams(l []TypeParam) {
	if len(l) > 0 {
		list(d, "type_params", l)
	}
}

func (d *dumper) node(n Node) {
	switch x := n.(type) {
	case *Module:
		d.open("Module")
		list(d, "body", x.Body)
		d.key("type_ignores")
		d.b.WriteString("[]")
		d.close()
	case Stmt:
		d.stmt(x)
	case Expr:
		d.expr(x)
	case Pattern:
		d.pattern(x)
	case TypeParam:
		d.typeParam(x)
	default:
		d.other(n)
	}
}

func (d *dumper) stmt(s Stmt) {
	switch x := s.(type) {
	case *FunctionDef:
		d.open(map[bool]string{false: "FunctionDef", true: "AsyncFunctionDef"}[x.IsAsync])
		d.str("name", x.Name)
		d.child("args", x.Args)
		list(d, "body", x.Body)
		list(d, "decorator_list", x.DecoratorList)
		d.opt("returns", x.Returns)
		d.typeParams(x.TypeParams)
	case *ClassDef:
		d.open("ClassDef")
		d.str("name", x.Name)
		list(d, "bases", x.Bases)
		list(d, "keywords", x.Keywords)
		list(d, "body", x.Body)
		list(d, "decorator_list", x.DecoratorList)
		d.typeParams(x.TypeParams)
	case *Return:
		d.open("Return")
		d.opt("value", x.Value)
	case *Delete:
		d.open("Delete")
		d.targets("targets", x.Targets, Del)
	case *Assign:
		d.open("Assign")
		d.targets("targets", x.Targets, Store)
		d.child("value", x.Value)
	case *TypeAlias:
		d.open("TypeAlias")
		d.target("name", x.Name, Store)
		list(d, "type_params", x.TypeParams)
		d.child("value", x.Value)
	case *AugAssign:
		d.open("AugAssign")
		d.target("target", x.Target, Store)
		d.key("op")
		d.leaf(operatorNames[x.Op])
		d.child("value", x.Value)
	case *AnnAssign:
		d.open("AnnAssign")
		d.target("target", x.Target, Store)
		d.child("annotation", x.Annotation)
		d.opt("value", x.Value)
		d.int("simple", x.Simple)
	case *For:
		d.open(map[bool]string{false: "For", true: "AsyncFor"}[x.IsAsync])
		d.target("target", x.Target, Store)
		d.child("iter", x.Iter)
		list(d, "body", x.Body)
		list(d, "orelse", x.Orelse)
	case *While:
		d.open("While")
		d.child("test", x.Test)
		list(d, "body", x.Body)
		list(d, "orelse", x.Orelse)
	case *If:
		d.open("If")
		d.child("test", x.Test)
		list(d, "body", x.Body)
		list(d, "orelse", x.Orelse)
	case *With:
		d.open(map[bool]string{false: "With", true: "AsyncWith"}[x.IsAsync])
		list(d, "items", x.Items)
		list(d, "body", x.Body)
	case *Match:
		d.open("Match")
		d.child("subject", x.Subject)
		list(d, "cases", x.Cases)
	case *Raise:
		d.open("Raise")
		d.opt("exc", x.Exc)
		d.opt("cause", x.Cause)
	case *Try:
		d.open(map[bool]string{false: "Try", true: "TryStar"}[x.IsStar])
		list(d, "body", x.Body)
		list(d, "handlers", x.Handlers)
		list(d, "orelse", x.Orelse)
		list(d, "finalbody", x.Finalbody)
	case *Assert:
		d.open("Assert")
		d.child("test", x.Test)
		d.opt("msg", x.Msg)
	case *Import:
		d.open("Import")
		list(d, "names", x.Names)
	case *ImportFrom:
		d.open("ImportFrom")
		d.optStr("module", x.Module)
		list(d, "names", x.Names)
		d.int("level", x.Level)
	case *Global:
		d.open("Global")
		d.strs("names", x.Names)
	case *Nonlocal:
		d.open("Nonlocal")
		d.strs("names", x.Names)
	case *ExprStmt:
		d.open("Expr")
		d.child("value", x.Value)
	case *Pass:
		d.open("Pass")
	case *Break:
		d.open("Break")
	case *Continue:
		d.open("Continue")
	default:
		d.open("BadStmt")
	}
	d.closeAt(s)
}

func (d *dumper) expr(e Expr) {
	c := d.next
	d.next = Load
	at := d.piece
	d.piece = notPiece
	switch x := e.(type) {
	case *BoolOp:
		d.open("BoolOp")
		d.key("op")
		d.leaf([...]string{"And", "Or"}[x.Op])
		list(d, "values", x.Values)
	case *NamedExpr:
		d.open("NamedExpr")
		d.target("target", x.Target, Store)
		d.child("value", x.Value)
	case *BinOp:
		d.open("BinOp")
		d.child("left", x.Left)
		d.key("op")
		d.leaf(operatorNames[x.Op])
		d.child("right", x.Right)
	case *UnaryOp:
		d.open("UnaryOp")
		d.key("op")
		d.leaf(unaryNames[x.Op])
		d.child("operand", x.Operand)
	case *Lambda:
		d.open("Lambda")
		d.child("args", x.Args)
		d.child("body", x.Body)
	case *IfExp:
		d.open("IfExp")
		d.child("test", x.Test)
		d.child("body", x.Body)
		d.child("orelse", x.Orelse)
	case *Dict:
		d.open("Dict")
		list(d, "keys", x.Keys)
		list(d, "values", x.Values)
	case *Set:
		d.open("Set")
		list(d, "elts", x.Elts)
	case *ListComp:
		d.open("ListComp")
		d.child("elt", x.Elt)
		list(d, "generators", x.Generators)
	case *SetComp:
		d.open("SetComp")
		d.child("elt", x.Elt)
		list(d, "generators", x.Generators)
	case *DictComp:
		d.open("DictComp")
		d.child("key", x.Key)
		d.child("value", x.Value)
		list(d, "generators", x.Generators)
	case *GeneratorExp:
		d.open("GeneratorExp")
		d.child("elt", x.Elt)
		list(d, "generators", x.Generators)
	case *Await:
		d.open("Await")
		d.child("value", x.Value)
	case *Yield:
		d.open("Yield")
		d.opt("value", x.Value)
	case *YieldFrom:
		d.open("YieldFrom")
		d.child("value", x.Value)
	case *Compare:
		d.open("Compare")
		d.child("left", x.Left)
		d.key("ops")
		d.b.WriteByte('[')
		for i, op := range x.Ops {
			if i > 0 {
				d.b.WriteString(", ")
			}
			d.leaf(cmpNames[op])
		}
		d.b.WriteByte(']')
		list(d, "comparators", x.Comparators)
	case *Call:
		d.open("Call")
		d.child("func", x.Func)
		list(d, "args", x.Args)
		list(d, "keywords", x.Keywords)
	case *FormattedValue:
		d.open("FormattedValue")
		d.child("value", x.Value)
		d.int("conversion", x.Conversion)
		d.spec(x.FormatSpec)
	case *JoinedStr:
		d.open("JoinedStr")
		d.pieces("values", x.Values, false)
	case *TemplateStr:
		d.open("TemplateStr")
		d.pieces("values", x.Values, false)
	case *Interpolation:
		d.open("Interpolation")
		d.child("value", x.Value)
		d.str("str", x.Str)
		d.int("conversion", x.Conversion)
		d.spec(x.FormatSpec)
	case *Constant:
		d.open("Constant")
		d.key("value")
		d.b.WriteString(Repr(x.Value))
		d.optStr("kind", d.kind(x, at))
	case *Attribute:
		d.open("Attribute")
		d.child("value", x.Value)
		d.str("attr", x.Attr)
		d.ctx(c)
	case *Subscript:
		d.open("Subscript")
		d.child("value", x.Value)
		d.child("slice", x.Slice)
		d.ctx(c)
	case *Starred:
		d.open("Starred")
		d.target("value", x.Value, c)
		d.ctx(c)
	case *Name:
		d.open("Name")
		d.str("id", x.ID)
		d.ctx(c)
	case *List:
		d.open("List")
		d.targets("elts", x.Elts, c)
		d.ctx(c)
	case *Tuple:
		d.open("Tuple")
		d.targets("elts", x.Elts, c)
		d.ctx(c)
	case *Slice:
		d.open("Slice")
		d.opt("lower", x.Lower)
		d.opt("upper", x.Upper)
		d.opt("step", x.Step)
	default:
		d.open("BadExpr")
	}
	d.closeAt(e)
}

func (d *dumper) pattern(p Pattern) {
	switch x := p.(type) {
	case *MatchValue:
		d.open("MatchValue")
		d.child("value", x.Value)
	case *MatchSingleton:
		d.open("MatchSingleton")
		d.key("value")
		d.b.WriteString(Repr(x.Value))
	case *MatchSequence:
		d.open("MatchSequence")
		list(d, "patterns", x.Patterns)
	case *MatchMapping:
		d.open("MatchMapping")
		list(d, "keys", x.Keys)
		list(d, "patterns", x.Patterns)
		d.optStr("rest", x.Rest)
	case *MatchClass:
		d.open("MatchClass")
		d.child("cls", x.Cls)
		list(d, "patterns", x.Patterns)
		d.strs("kwd_attrs", x.KwdAttrs)
		list(d, "kwd_patterns", x.KwdPatterns)
	case *MatchStar:
		d.open("MatchStar")
		d.optStr("name", x.Name)
	case *MatchAs:
		d.open("MatchAs")
		if x.Pattern != nil {
			d.child("pattern", x.Pattern)
		}
		d.optStr("name", x.Name)
	case *MatchOr:
		d.open("MatchOr")
		list(d, "patterns", x.Patterns)
	}
	d.closeAt(p)
}

func (d *dumper) typeParam(t TypeParam) {
	switch x := t.(type) {
	case *TypeVar:
		d.open("TypeVar")
		d.str("name", x.Name)
		d.opt("bound", x.Bound)
		d.opt("default_value", x.DefaultValue)
	case *ParamSpec:
		d.open("ParamSpec")
		d.str("name", x.Name)
		d.opt("default_value", x.DefaultValue)
	case *TypeVarTuple:
		d.open("TypeVarTuple")
		d.str("name", x.Name)
		d.opt("default_value", x.DefaultValue)
	}
	d.closeAt(t)
}

func (d *dumper) other(n Node) {
	switch x := n.(type) {
	case *Comprehension:
		d.open("comprehension")
		d.target("target", x.Target, Store)
		d.child("iter", x.Iter)
		list(d, "ifs", x.Ifs)
		d.int("is_async", x.IsAsync)
	case *ExceptHandler:
		d.open("ExceptHandler")
		d.opt("type", x.Type)
		d.optStr("name", x.Name)
		list(d, "body", x.Body)
	case *Arguments:
		d.open("arguments")
		list(d, "posonlyargs", x.Posonlyargs)
		list(d, "args", x.Args)
		if x.Vararg != nil {
			d.child("vararg", x.Vararg)
		}
		list(d, "kwonlyargs", x.Kwonlyargs)
		list(d, "kw_defaults", x.KwDefaults)
		if x.Kwarg != nil {
			d.child("kwarg", x.Kwarg)
		}
		list(d, "defaults", x.Defaults)
	case *Arg:
		d.open("arg")
		d.str("arg", x.Arg)
		d.opt("annotation", x.Annotation)
	case *Keyword:
		d.open("keyword")
		d.optStr("arg", x.Arg)
		d.child("value", x.Value)
	case *Alias:
		d.open("alias")
		d.str("name", x.Name)
		d.optStr("asname", x.Asname)
	case *WithItem:
		d.open("withitem")
		d.child("context_expr", x.ContextExpr)
		if !isNil(x.OptionalVars) {
			d.target("optional_vars", x.OptionalVars, Store)
		}
	case *MatchCase:
		d.open("match_case")
		d.child("pattern", x.Pattern)
		d.opt("guard", x.Guard)
		list(d, "body", x.Body)
	default:
		d.open("?")
	}
	switch n.(type) {
	case *ExceptHandler, *Arg, *Keyword, *Alias:
		d.closeAt(n)
	default:
		d.close()
	}
}

// Repr formats a Constant value as Python's repr() does.
func Repr(v any) string {
	switch x := v.(type) {
	case None:
		return "None"
	case Ellipsis:
		return "Ellipsis"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case string:
		return reprStr(x)
	case []byte:
		return reprBytes(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case *big.Int:
		return x.String()
	case float64:
		return reprFloat(x, true)
	case complex128:
		return reprComplex(x)
	}
	return "?"
}

// reprFloat is Python's float repr: the shortest round-tripping digits,
// fixed notation for exponents in [-4, 16), and a ".0" on integral values.
func reprFloat(f float64, dotZero bool) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	s := strconv.FormatFloat(f, 'e', -1, 64)
	sign := ""
	if s[0] == '-' {
		sign, s = "-", s[1:]
	}
	mant, exp, _ := strings.Cut(s, "e")
	digits := strings.Replace(mant, ".", "", 1)
	e, _ := strconv.Atoi(exp)
	decpt := e + 1
	if decpt <= -4 || decpt > 16 {
		out := digits[:1]
		if len(digits) > 1 {
			out += "." + digits[1:]
		}
		es := "+"
		if e < 0 {
			es, e = "-", -e
		}
		if e < 10 {
			es += "0"
		}
		return sign + out + "e" + es + strconv.Itoa(e)
	}
	var out string
	switch {
	case decpt <= 0:
		out = "0." + strings.Repeat("0", -decpt) + digits
	case decpt >= len(digits):
		out = digits + strings.Repeat("0", decpt-len(digits))
		if dotZero {
			out += ".0"
		}
	default:
		out = digits[:decpt] + "." + digits[decpt:]
	}
	return sign + out
}

func reprComplex(c complex128) string {
	if real(c) == 0 && !math.Signbit(real(c)) {
		return reprFloat(imag(c), false) + "j"
	}
	im := reprFloat(imag(c), false)
	if !strings.HasPrefix(im, "-") {
		im = "+" + im
	}
	return "(" + reprFloat(real(c), false) + im + "j)"
}

// reprStr is Python's str repr. Lone surrogates, stored as their 3-byte
// encodings, print as \udXXX.
func reprStr(s string) string {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	b := make([]byte, 0, len(s)+2)
	b = append(b, quote)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == quote || c == '\\':
				b = append(b, '\\', c)
			case c == '\t':
				b = append(b, '\\', 't')
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c < 0x20 || c == 0x7f:
				b = append(b, '\\', 'x', hexDigits[c>>4], hexDigits[c&15])
			default:
				b = append(b, c)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 && c == 0xED && i+2 < len(s) {
			r, n = rune(c&0x0F)<<12|rune(s[i+1]&0x3F)<<6|rune(s[i+2]&0x3F), 3
		}
		if r >= 0xD800 && r <= 0xDFFF || !unicode.IsPrint(r) || unicode.Is(newerThanPython311, r) {
			b = appendEscape(b, r)
		} else {
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return string(append(b, quote))
}

const hexDigits = "0123456789abcdef"

func appendEscape(b []byte, r rune) []byte {
	switch {
	case r < 0x100:
		return append(b, '\\', 'x', hexDigits[r>>4], hexDigits[r&15])
	case r < 0x10000:
		b = append(b, '\\', 'u')
		for sh := 12; sh >= 0; sh -= 4 {
			b = append(b, hexDigits[(r>>sh)&15])
		}
		return b
	}
	b = append(b, '\\', 'U')
	for sh := 28; sh >= 0; sh -= 4 {
		b = append(b, hexDigits[(r>>sh)&15])
	}
	return b
}

func reprBytes(v []byte) string {
	quote := byte('\'')
	hasSingle, hasDouble := false, false
	for _, c := range v {
		hasSingle = hasSingle || c == '\''
		hasDouble = hasDouble || c == '"'
	}
	if hasSingle && !hasDouble {
		quote = '"'
	}
	b := make([]byte, 0, len(v)+3)
	b = append(b, 'b', quote)
	for _, c := range v {
		switch {
		case c == quote || c == '\\':
			b = append(b, '\\', c)
		case c == '\t':
			b = append(b, '\\', 't')
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c < 0x20 || c >= 0x7f:
			b = append(b, '\\', 'x', hexDigits[c>>4], hexDigits[c&15])
		default:
			b = append(b, c)
		}
	}
	return string(append(b, quote))
}
