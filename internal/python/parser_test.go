package python

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strings"
	"testing"
)

func TestSyntaxErrorPositions(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int
	}{
		{"py2 print", "x = 1\nprint 'a'\n", 2, 0},
		{"py2 except with as", "try:\n    pass\nexcept E, e as x:\n    pass\n", 3, 7},
		{"t-string mixed with a string", "x = t'a' 'b'\n", 1, 9},
		{"t-string and f-string prefix", "x = tf'a'\n", 1, 6},
		{"t-string and bytes prefix", "x = tb'a'\n", 1, 6},
		{"py2 octal", "x = 0777\n", 1, 4},
		{"bad dedent", "if x:\n    a\n  b\n", 3, 2},
		{"unexpected indent", "a\n    b\n", 2, 4},
		{"unterminated string", "x = 'abc\n", 1, 4},
		{"unclosed paren", "x = (1,\n", 1, 4},
		{"assign to call", "f() = 1\n", 1, 0},
		{"invalid utf-8", "x = 1\ny = '\xff'\n", 2, 0},
		{"unknown encoding", "# coding: klingon\n", 1, 0},
		{"nul byte", "x\x00\n", 1, 0},
		{"empty f-string field", "f'{}'\n", 1, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFile("t.py", []byte(tt.src))
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("got error %v, want an ErrorList", err)
			}
			if got := list[0].Pos; got.Line != tt.line || got.Col != tt.col {
				t.Errorf("got error at %d:%d (%s), want %d:%d", got.Line, got.Col, list[0].Msg, tt.line, tt.col)
			}
		})
	}
}

func TestPartialTree(t *testing.T) {
	src := "a = 1\nprint 'x'\nb = 2\ndef f(x y):\n    pass\nc = 3\n"
	m, err := ParseFile("t.py", []byte(src))
	if err == nil {
		t.Fatal("got no error, want syntax errors")
	}
	var kinds []string
	for _, s := range m.Body {
		switch s.(type) {
		case *Assign:
			kinds = append(kinds, "Assign")
		case *BadStmt:
			kinds = append(kinds, "Bad")
		default:
			kinds = append(kinds, "Other")
		}
	}
	// The def's block is recovered as statements after the bad header.
	got := strings.Join(kinds, " ")
	if want := "Assign Bad Assign Bad Other Assign"; got != want {
		t.Errorf("got statements %q, want %q", got, want)
	}
	if n := len(err.(ErrorList)); n < 2 {
		t.Errorf("got %d errors, want at least 2", n)
	}
}

func TestNestingLimit(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"parens", "x = " + strings.Repeat("(", 100000) + "\n"},
		{"unary", "x = " + strings.Repeat("-", 100000) + "1\n"},
		{"not", "x = " + strings.Repeat("not ", 100000) + "1\n"},
		{"lambda", "x = " + strings.Repeat("lambda: ", 100000) + "1\n"},
		{"power", "x = " + strings.Repeat("2 ** ", 100000) + "1\n"},
		{"subscripts", "x = a" + strings.Repeat("[b", 100000) + "\n"},
		{"blocks", strings.Repeat("if x:\n", 1) + func() string {
			var b strings.Builder
			for i := 1; i < 5000; i++ {
				b.WriteString(strings.Repeat(" ", i) + "if x:\n")
			}
			return b.String()
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ParseFile("deep.py", []byte(tt.src)); err == nil {
				t.Error("got no error, want a nesting error")
			}
		})
	}
}

// TestChainDepth checks that chains built by loops (attribute accesses,
// calls, subscripts, binary operators, elifs) never hand callers a tree
// deeper than maxTreeDepth: the statement becomes a BadStmt with an error
// at its line, the statements around it survive, and every recursive pass
// over the tree (Walk, Dump, the resolver) finishes.
func TestChainDepth(t *testing.T) {
	const n = 200000
	elifs := func(k int) string {
		var b strings.Builder
		b.WriteString("if a == 0:\n    pass\n")
		for i := 1; i < k; i++ {
			fmt.Fprintf(&b, "elif a == %d:\n    pass\n", i)
		}
		return b.String()
	}
	tests := []struct {
		name string
		src  string
		bad  bool
	}{
		{"attributes", "x = a" + strings.Repeat(".b", n), true},
		{"calls", "x = f" + strings.Repeat("()", n), true},
		{"subscripts", "x = f" + strings.Repeat("[0]", n), true},
		{"adds", "x = 1" + strings.Repeat(" + 1", n), true},
		{"mixed", "x = a" + strings.Repeat(".b(c)[d] * e", n/4), true},
		{"nested chains", "x = " + strings.Repeat("(a"+strings.Repeat(".b", 900)+")", 1) + strings.Repeat("(a"+strings.Repeat(".b", 900)+").c", 0) + strings.Repeat(".d", 2500), true},
		{"in a def", "def f():\n    return a" + strings.Repeat(".b", n), true},
		{"elifs", elifs(20000), true},
		{"wide but shallow", "x = [" + strings.Repeat("a.b.c(d) + e, ", 20000) + "]", false},
		{"long but valid chain", "x = a" + strings.Repeat(".b", 1500), false},
		{"many elifs", elifs(1000), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "import os\n" + tt.src + "\ny = 2\n"
			m, err := ParseFile("deep.py", []byte(src))
			if !tt.bad {
				if err != nil {
					t.Fatalf("got error %v, want none", err)
				}
				return
			}
			if err == nil {
				t.Fatal("got no error, want a nesting error")
			}
			el := err.(ErrorList)
			if el[0].Pos.Line != 2 || !strings.Contains(el[0].Msg, "nested too deeply") {
				t.Errorf("got error %v, want one at line 2 saying the expression is nested too deeply", el[0])
			}
			if len(m.Body) != 3 {
				t.Fatalf("got %d statements, want 3 (import, BadStmt, assignment)", len(m.Body))
			}
			if _, ok := m.Body[1].(*BadStmt); !ok {
				t.Errorf("got %T, want *BadStmt", m.Body[1])
			}
			if d := TreeDepth(m, 1<<30); d > maxTreeDepth+2 {
				t.Errorf("got tree depth %d, want at most %d", d, maxTreeDepth+2)
			}
			Inspect(m, func(Node) bool { return true })
			_ = Dump(m)
			NewResolver(m, "deep")
		})
	}
}

func TestConstantValues(t *testing.T) {
	big1, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	tests := []struct {
		src  string
		want any
	}{
		{"1", int64(1)},
		{"0x_ff", int64(255)},
		{"0o17", int64(15)},
		{"0b101", int64(5)},
		{"1_000", int64(1000)},
		{"123456789012345678901234567890", big1},
		{"1.5", 1.5},
		{"1e400", math.Inf(1)},
		{"2j", complex(0, 2)},
		{"'a' 'b'", "ab"},
		{`b'\x00a'`, []byte{0, 'a'}},
		{`'\N{EM DASH}'`, "\u2014"},
		{"True", true},
		{"None", None{}},
		{"...", Ellipsis{}},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			m, err := ParseFile("c.py", []byte(tt.src+"\n"))
			if err != nil {
				t.Fatal(err)
			}
			c, ok := m.Body[0].(*ExprStmt).Value.(*Constant)
			if !ok {
				t.Fatalf("got %T, want *Constant", m.Body[0].(*ExprStmt).Value)
			}
			if got, want := Repr(c.Value), Repr(tt.want); got != want {
				t.Errorf("got %s (%T), want %s (%T)", got, c.Value, want, tt.want)
			}
		})
	}
}

func TestReprFloat(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{1, "1.0"},
		{0.1, "0.1"},
		{1e16, "1e+16"},
		{1e15, "1000000000000000.0"},
		{1e-5, "1e-05"},
		{0.0001, "0.0001"},
		{1.5e300, "1.5e+300"},
		{-2.5, "-2.5"},
		{5e-324, "5e-324"},
		{math.Inf(1), "inf"},
		{123456789.123456789, "123456789.12345679"},
	}
	for _, tt := range tests {
		if got := Repr(tt.f); got != tt.want {
			t.Errorf("Repr(%v): got %s, want %s", tt.f, got, tt.want)
		}
	}
}

func TestReprString(t *testing.T) {
	tests := []struct {
		s, want string
	}{
		{"a", "'a'"},
		{"it's", `"it's"`},
		{`'"`, `'\'"'`},
		{"\t\n\x00\x7f", `'\t\n\x00\x7f'`},
		{"\u00e9\u00ad\u2028", `'é\xad\u2028'`},
		{"\xed\xa0\x80", `'\ud800'`},
		{"\U0001F600", "'\U0001F600'"},
	}
	for _, tt := range tests {
		if got := Repr(tt.s); got != tt.want {
			t.Errorf("Repr(%q): got %s, want %s", tt.s, got, tt.want)
		}
	}
}

func TestPositions(t *testing.T) {
	src := "x = 1\r\nif x:\r\n    y = 'é' + zz\n"
	m, err := ParseFile("p.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var name *Name
	Inspect(m, func(n Node) bool {
		if x, ok := n.(*Name); ok && x.ID == "zz" {
			name = x
		}
		return true
	})
	start, end := m.File.Range(name)
	// é is two UTF-8 bytes, so zz starts at byte column 15 as in CPython.
	if start.Line != 3 || start.Col != 15 || end.Line != 3 || end.Col != 17 {
		t.Errorf("got zz at %v-%v, want 3:15-3:17", start, end)
	}
	assign := m.Body[1].(*If).Body[0]
	if got, want := m.File.Segment(assign), "y = 'é' + zz"; got != want {
		t.Errorf("got segment %q, want %q", got, want)
	}
}

func TestErrorLimit(t *testing.T) {
	src := strings.Repeat("print 'x'\n", 10000)
	m, err := ParseFile("many.py", []byte(src))
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("got %v, want an ErrorList", err)
	}
	if len(list) > maxErrors+1 {
		t.Errorf("got %d errors, want at most %d", len(list), maxErrors+1)
	}
	if len(m.Body) == 0 {
		t.Error("got an empty tree, want the statements parsed before the limit")
	}
}

func TestComments(t *testing.T) {
	src := "# header\nx = 1  # djsec: ignore[DJS001] fixture\n\n    # indented\ndef f():\n    return x # want \"eval\"\n# last"
	m, err := ParseFile("c.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		text      string
		line, col int
	}{
		{"# header", 1, 0},
		{"# djsec: ignore[DJS001] fixture", 2, 7},
		{"# indented", 4, 4},
		{`# want "eval"`, 6, 13},
		{"# last", 7, 0},
	}
	if len(m.Comments) != len(want) {
		t.Fatalf("got %d comments, want %d", len(m.Comments), len(want))
	}
	for i, w := range want {
		c := m.Comments[i]
		pos := m.File.Position(c.Pos())
		if c.Text != w.text || pos.Line != w.line || pos.Col != w.col {
			t.Errorf("comment %d: got %q at %d:%d, want %q at %d:%d", i, c.Text, pos.Line, pos.Col, w.text, w.line, w.col)
		}
	}
}
