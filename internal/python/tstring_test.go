package python

import "testing"

// TestTemplateStringPrefixIsNotAName checks that t stays a name unless a
// quote follows it at once, and that t-strings nest in expressions.
func TestTemplateStringPrefixIsNotAName(t *testing.T) {
	m, err := ParseFile("t.py", []byte("t = 1\nx = t + t'a{t}'\ny = Tr'\\d{t}'\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := Dump(m)
	want := "Module(body=[Assign(targets=[Name(id='t', ctx=Store())], value=Constant(value=1)), Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=Name(id='t', ctx=Load()), op=Add(), right=TemplateStr(values=[Constant(value='a'), Interpolation(value=Name(id='t', ctx=Load()), str='t', conversion=-1)]))), Assign(targets=[Name(id='y', ctx=Store())], value=TemplateStr(values=[Constant(value='\\\\d'), Interpolation(value=Name(id='t', ctx=Load()), str='t', conversion=-1)]))], type_ignores=[])"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
