package settings

import (
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/djsec/djsec/internal/python"
)

// Kind says what a Value is.
type Kind uint8

// Value kinds. Unknown is the zero Kind so that a forgotten value never looks
// like a known one.
const (
	Unknown Kind = iota
	Str
	Int
	Float
	Bool
	None
	List
	Tuple
	Set
	Dict
	Path   // a filesystem path (pathlib.Path or a path string from os.path)
	Env    // depends on environment variables: Default is its value when they are unset
	MayBe  // one of Alts, for reasons djsec cannot decide (an if on unknown data)
	Module // an imported module; Name is its dotted name
	Func   // a callable djsec knows by its qualified Name
)

// Origin is where a value was set: a file (relative to the scanned root),
// 1-based line and column.
type Origin struct {
	Path string
	Line int
	Col  int
}

func (o Origin) String() string { return fmt.Sprintf("%s:%d", o.Path, o.Line) }

// Value is the static value of a Python expression. Values are never mutated
// once built: list appends and dict updates build new values, so that a
// module's namespace can be shared by every module that imports it.
type Value struct {
	Kind Kind
	S    string   // Str, Path; Module and Func: qualified name
	I    *big.Int // Int
	F    float64  // Float
	B    bool     // Bool

	Elems []*Value // List, Tuple, Set; Dict: values, parallel to Keys
	Keys  []*Value // Dict

	// Env values: the variables the value depends on and what it is when
	// they are all unset. A nil Default means Django fails to start when
	// they are unset (os.environ["K"], env("K") without a default).
	Vars    []string
	Default *Value

	Alts []*Value // MayBe
	Why  string   // Unknown: why djsec cannot know; Env: how it reads the variable

	Origin Origin
	// Literal is true when the value is written out in the source rather
	// than computed from data djsec does not see (a literal or arithmetic
	// on literals).
	Literal bool

	// bound is the receiver of a method (Func values like "str.split").
	bound *Value
	// members is a Module's namespace when the module is part of the project.
	members *Namespace
	// def is the definition of a function of a settings module.
	def *python.FunctionDef
	// class is set on django-configurations classes.
	class *configClass
}

// Unknownf returns an Unknown value saying why.
func Unknownf(o Origin, format string, args ...any) *Value {
	return &Value{Kind: Unknown, Why: fmt.Sprintf(format, args...), Origin: o}
}

// Constructors of known values.
func strVal(s string, o Origin) *Value { return &Value{Kind: Str, S: s, Origin: o, Literal: true} }
func intVal(i int64, o Origin) *Value {
	return &Value{Kind: Int, I: big.NewInt(i), Origin: o, Literal: true}
}
func boolVal(b bool, o Origin) *Value { return &Value{Kind: Bool, B: b, Origin: o, Literal: true} }
func noneVal(o Origin) *Value         { return &Value{Kind: None, Origin: o, Literal: true} }
func listVal(k Kind, elems []*Value, o Origin) *Value {
	v := &Value{Kind: k, Elems: elems, Origin: o, Literal: true}
	for _, e := range elems {
		if !e.Literal {
			v.Literal = false
		}
	}
	return v
}

// IsKnown reports whether v is a constant djsec knows exactly (containers may
// still hold unknown elements).
func (v *Value) IsKnown() bool {
	return v != nil && v.Kind != Unknown && v.Kind != Env && v.Kind != MayBe && v.Kind != Module && v.Kind != Func
}

// IsString reports whether v is a known string or path.
func (v *Value) IsString() bool { return v != nil && (v.Kind == Str || v.Kind == Path) }

// IsSeq reports whether v is a known list, tuple or set.
func (v *Value) IsSeq() bool { return v != nil && (v.Kind == List || v.Kind == Tuple || v.Kind == Set) }

// Int64 returns a known integer (or bool) as an int64.
func (v *Value) Int64() (int64, bool) {
	switch {
	case v == nil:
	case v.Kind == Int && v.I.IsInt64():
		return v.I.Int64(), true
	case v.Kind == Bool:
		if v.B {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// Truth is the result of Python's bool() on a value: 1 true, 0 false, -1 not
// known.
func (v *Value) Truth() int {
	if v == nil {
		return -1
	}
	b := func(x bool) int {
		if x {
			return 1
		}
		return 0
	}
	switch v.Kind {
	case Str:
		return b(v.S != "")
	case Path:
		return 1
	case Int:
		return b(v.I.Sign() != 0)
	case Float:
		return b(v.F != 0)
	case Bool:
		return b(v.B)
	case None:
		return 0
	case List, Tuple, Set, Dict:
		return b(len(v.Elems) > 0)
	case MayBe:
		t := v.Alts[0].Truth()
		for _, a := range v.Alts[1:] {
			if a.Truth() != t {
				return -1
			}
		}
		return t
	case Module:
		return 1
	case Func:
		if v.def != nil {
			return 1
		}
	}
	return -1
}

// Get returns the value of a known dict at a string key, or nil.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Dict {
		return nil
	}
	for i := len(v.Keys) - 1; i >= 0; i-- {
		if k := v.Keys[i]; k.Kind == Str && k.S == key {
			return v.Elems[i]
		}
	}
	return nil
}

// HasUnknownKeys reports whether a dict may hold keys djsec does not see
// (a **spread of unknown data).
func (v *Value) HasUnknownKeys() bool {
	if v == nil || v.Kind != Dict {
		return true
	}
	for _, k := range v.Keys {
		if !k.IsKnown() {
			return true
		}
	}
	return false
}

// Strings returns the known string elements of a sequence and whether every
// element is a known string.
func (v *Value) Strings() ([]string, bool) {
	if !v.IsSeq() {
		return nil, false
	}
	all := true
	var out []string
	for _, e := range v.Elems {
		if e.IsString() {
			out = append(out, e.S)
		} else {
			all = false
		}
	}
	return out, all
}

// Repr writes a value the way Python would print it, shortened.
func (v *Value) Repr() string {
	var b strings.Builder
	v.repr(&b, 0)
	s := b.String()
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

func (v *Value) repr(b *strings.Builder, depth int) {
	if v == nil {
		b.WriteString("?")
		return
	}
	if depth > 4 || b.Len() > 80 {
		// Repr keeps 80 bytes: a large value must not cost its whole text.
		b.WriteString("...")
		return
	}
	switch v.Kind {
	case Str:
		b.WriteString(pyQuote(v.S))
	case Path:
		b.WriteString("Path(" + pyQuote(v.S) + ")")
	case Int:
		b.WriteString(v.I.String())
	case Float:
		b.WriteString(strconv.FormatFloat(v.F, 'g', -1, 64))
	case Bool:
		if v.B {
			b.WriteString("True")
		} else {
			b.WriteString("False")
		}
	case None:
		b.WriteString("None")
	case List, Tuple, Set:
		open, close := "[", "]"
		if v.Kind == Tuple {
			open, close = "(", ")"
		} else if v.Kind == Set {
			open, close = "{", "}"
		}
		b.WriteString(open)
		for i, e := range v.Elems {
			if i > 0 {
				b.WriteString(", ")
			}
			e.repr(b, depth+1)
		}
		if v.Kind == Tuple && len(v.Elems) == 1 {
			b.WriteString(",")
		}
		b.WriteString(close)
	case Dict:
		b.WriteString("{")
		for i := range v.Keys {
			if i > 0 {
				b.WriteString(", ")
			}
			v.Keys[i].repr(b, depth+1)
			b.WriteString(": ")
			v.Elems[i].repr(b, depth+1)
		}
		b.WriteString("}")
	case Env:
		b.WriteString("<env " + strings.Join(v.Vars, ", ") + ">")
	case MayBe:
		for i, a := range v.Alts {
			if i > 0 {
				b.WriteString(" or ")
			}
			a.repr(b, depth+1)
		}
	case Module:
		b.WriteString("<module " + v.S + ">")
	case Func:
		b.WriteString("<" + v.S + ">")
	default:
		b.WriteString("<unknown>")
	}
}

func pyQuote(s string) string {
	if !strings.Contains(s, "'") {
		q := strconv.Quote(s)
		return "'" + strings.ReplaceAll(q[1:len(q)-1], `\"`, `"`) + "'"
	}
	return strconv.Quote(s)
}

// VarList is "A" or "A and B" for messages.
func VarList(vars []string) string {
	vs := append([]string(nil), vars...)
	sort.Strings(vs)
	switch len(vs) {
	case 0:
		return ""
	case 1:
		return vs[0]
	}
	return strings.Join(vs[:len(vs)-1], ", ") + " and " + vs[len(vs)-1]
}

func unionVars(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, x := range b {
		found := false
		for _, y := range out {
			if x == y {
				found = true
				break
			}
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}

// Equal reports whether two known values are equal in Python: 1 yes, 0 no, -1
// not known.
func Equal(a, b *Value) int {
	if !a.IsKnown() || !b.IsKnown() {
		return -1
	}
	num := func(v *Value) (*big.Float, bool) {
		switch v.Kind {
		case Int:
			return new(big.Float).SetInt(v.I), true
		case Float:
			return big.NewFloat(v.F), true
		case Bool:
			if v.B {
				return big.NewFloat(1), true
			}
			return big.NewFloat(0), true
		}
		return nil, false
	}
	if x, ok := num(a); ok {
		if y, ok := num(b); ok {
			return b2i(x.Cmp(y) == 0)
		}
		return 0
	}
	switch {
	case a.Kind == None || b.Kind == None:
		return b2i(a.Kind == b.Kind)
	case a.Kind == Str && b.Kind == Str, a.Kind == Path && b.Kind == Path:
		return b2i(a.S == b.S)
	case (a.Kind == List || a.Kind == Tuple) && a.Kind == b.Kind:
		if len(a.Elems) != len(b.Elems) {
			return 0
		}
		for i := range a.Elems {
			if e := Equal(a.Elems[i], b.Elems[i]); e != 1 {
				return e
			}
		}
		return 1
	case a.Kind == Dict && b.Kind == Dict:
		if len(a.Keys) != len(b.Keys) {
			return -1
		}
		for i := range a.Keys {
			if Equal(a.Keys[i], b.Keys[i]) != 1 {
				return -1
			}
			if e := Equal(a.Elems[i], b.Elems[i]); e != 1 {
				return e
			}
		}
		return 1
	case a.Kind != b.Kind:
		return 0
	}
	return -1
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
