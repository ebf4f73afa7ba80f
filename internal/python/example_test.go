package python_test

import (
	"fmt"

	"github.com/djsec/djsec/internal/python"
)

func ExampleParseFile() {
	src := []byte("from django.conf import settings\nDEBUG = True\n")
	mod, err := python.ParseFile("settings.py", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range mod.Body {
		if a, ok := s.(*python.Assign); ok {
			name := a.Targets[0].(*python.Name).ID
			pos := mod.File.Position(a.Pos())
			fmt.Printf("%s = %s at line %d col %d\n", name, python.Repr(a.Value.(*python.Constant).Value), pos.Line, pos.Col)
		}
	}
	// Output: DEBUG = True at line 2 col 0
}

func ExampleParseFile_syntaxError() {
	_, err := python.ParseFile("old.py", []byte("print 'hello'\n"))
	fmt.Println(err)
	// Output: old.py:1:0: missing parentheses in call to 'print'; did you mean print(...)?
}

func ExampleResolver() {
	src := []byte(`from django.utils.safestring import mark_safe as ms
import django.db.models as m
from .forms import CommentForm

def view(request):
    ms(request.GET["next"])
    m.expressions.RawSQL("select 1", [])
    CommentForm(request.POST)
`)
	mod, _ := python.ParseFile("views.py", src)
	res := python.NewResolver(mod, "blog.views")
	python.Inspect(mod, func(n python.Node) bool {
		if call, ok := n.(*python.Call); ok {
			if name, ok := res.CalleeName(call); ok {
				fmt.Printf("line %d: %s\n", mod.File.Line(call.Pos()), name)
			}
		}
		return true
	})
	// Output:
	// line 6: django.utils.safestring.mark_safe
	// line 7: django.db.models.expressions.RawSQL
	// line 8: blog.forms.CommentForm
}

func ExampleInspectStack() {
	src := []byte("def view(request):\n    return eval(request.body)\n")
	mod, _ := python.ParseFile("views.py", src)
	python.InspectStack(mod, func(n python.Node, stack []python.Node) bool {
		call, ok := n.(*python.Call)
		if !ok {
			return true
		}
		for i := len(stack) - 1; i >= 0; i-- {
			if fn, ok := stack[i].(*python.FunctionDef); ok {
				name, _ := python.DottedName(call.Func)
				fmt.Printf("%s called in %s\n", name, fn.Name)
				break
			}
		}
		return true
	})
	// Output: eval called in view
}

func ExampleDump() {
	mod, _ := python.ParseFile("x.py", []byte("x = f'{a!r:>{w}}'\n"))
	fmt.Println(python.Dump(mod))
	// Output: Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=JoinedStr(values=[FormattedValue(value=Name(id='a', ctx=Load()), conversion=114, format_spec=JoinedStr(values=[Constant(value='>'), FormattedValue(value=Name(id='w', ctx=Load()), conversion=-1)]))]))], type_ignores=[])
}

func ExampleFile_Segment() {
	src := []byte("TIMEOUT = 0x_FF  # seconds\nHOSTS = ['a', \"b\"]\n")
	mod, _ := python.ParseFile("settings.py", src)
	for _, s := range mod.Body {
		a := s.(*python.Assign)
		start, end := mod.File.Range(a.Value)
		fmt.Printf("%s: %s at %d:%d-%d:%d\n", a.Targets[0].(*python.Name).ID, mod.File.Segment(a.Value), start.Line, start.Col, end.Line, end.Col)
	}
	// Output:
	// TIMEOUT: 0x_FF at 1:10-1:15
	// HOSTS: ['a', "b"] at 2:8-2:18
}
