package code

import (
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// serializerWritten reports whether the project may write through a
// serializer class: it is false only when every place outside tests that
// names the class reads with it and nothing else. Those places are
//
//   - the serializer_class of a view that takes no writes (readOnlyView),
//     or whose get_serializer_class hands every write another serializer
//     (writesTakeAnother);
//
//   - a call with at most an instance and no data= (S(job).data,
//     S(jobs, many=True)), which serializes for output; a nested field
//     (owner = S()) only when it is read_only=True;
//
//   - a name of a function assigned the class and only called so
//     (outputAlias).
//
//   - what get_serializer_class returns only on a branch for safe methods
//     (if self.request.method == "GET" and ...: return S), a CSV export's.
//
// Any other mention (a view that accepts writes, get_serializer_class on
// other branches, a subclass, a dictionary of serializers) counts as a
// write, since the rule cannot tell.
func serializerWritten(prog *taint.Program, class *taint.Class) bool {
	name := class.Name
	for _, m := range prog.Modules {
		if inTests(m) || !bytesearch.Contains(m.Content(), name) {
			continue
		}
		written := false
		handled := map[python.Expr]bool{}
		python.InspectStack(m.Tree(), func(n python.Node, stack []python.Node) bool {
			if written {
				return false
			}
			switch x := n.(type) {
			case *python.Call:
				if refersToClass(prog, m, x.Func, class) {
					handled[x.Func] = true
					written = !outputCall(x, stack)
				}
			case *python.Name, *python.Attribute:
				if e := n.(python.Expr); !handled[e] && refersToClass(prog, m, e, class) && !superArg(stack) {
					written = !readOnlyViewSerializer(prog, m, e, stack) && !safeMethodChoice(e, stack) && !safeActionSerializer(e, stack) &&
						!outputAlias(e, stack) && !readingActionEntry(e, stack)
				}
			}
			return !written
		})
		if written {
			return true
		}
	}
	return false
}

// safeMethodChoice reports whether e is returned by get_serializer_class
// on a branch that only requests of safe methods take: in the body of an
// if whose test (or one operand of an and) asks that the method be GET,
// HEAD or a safe one (self.request.method == "GET",
// request.method in SAFE_METHODS).
func safeMethodChoice(e python.Expr, stack []python.Node) bool {
	if len(stack) == 0 {
		return false
	}
	if r, ok := stack[len(stack)-1].(*python.Return); !ok || r.Value != e {
		return false
	}
	inGetter := false
	for _, n := range stack {
		if f, ok := n.(*python.FunctionDef); ok && f.Name == "get_serializer_class" {
			inGetter = true
		}
	}
	if !inGetter {
		return false
	}
	for i := len(stack) - 2; i >= 0; i-- {
		x, ok := stack[i].(*python.If)
		if !ok {
			continue
		}
		inBody := false
		for _, st := range x.Body {
			if st == stack[i+1] {
				inBody = true
			}
		}
		if inBody && safeMethodTest(x.Test) {
			return true
		}
	}
	return false
}

// safeMethodTest reports a test true only for requests of safe methods:
// method == "GET" (or "HEAD"), method in ("GET", "HEAD"), method in
// SAFE_METHODS, or an and of which one operand is such a test.
func safeMethodTest(e python.Expr) bool {
	switch x := e.(type) {
	case *python.BoolOp:
		if x.Op != python.And {
			return false
		}
		for _, v := range x.Values {
			if safeMethodTest(v) {
				return true
			}
		}
	case *python.Compare:
		if len(x.Ops) != 1 || !strings.HasSuffix(access.Dotted(x.Left), "method") {
			return false
		}
		switch x.Ops[0] {
		case python.Eq:
			s, ok := constStr(x.Comparators[0])
			return ok && (s == "GET" || s == "HEAD")
		case python.In:
			if n, ok := x.Comparators[0].(*python.Name); ok {
				return n.ID == "SAFE_METHODS"
			}
			if a, ok := x.Comparators[0].(*python.Attribute); ok {
				return a.Attr == "SAFE_METHODS"
			}
			elts := python.SeqElts(x.Comparators[0])
			for _, el := range elts {
				if s, ok := constStr(el); !ok || s != "GET" && s != "HEAD" && s != "OPTIONS" {
					return false
				}
			}
			return len(elts) > 0
		}
	}
	return false
}

// outputCall reports whether a call of a serializer class serializes for
// output: no data=, at most one positional argument (the instance), and,
// when it builds a field of a class (a nested serializer), read_only=True
// or a class that cannot write nested data (nestedWritesRefused).
func outputCall(c *python.Call, stack []python.Node) bool {
	if kw(c, "data") != nil || len(c.Args) > 1 {
		return false
	}
	if b, _ := constBool(kw(c, "read_only")); b {
		return true
	}
	if len(c.Args) == 0 && kw(c, "instance") == nil && len(stack) >= 2 {
		if _, ok := stack[len(stack)-1].(*python.Assign); ok {
			if cls, inClass := stack[len(stack)-2].(*python.ClassDef); inClass {
				// a nested field, writable unless read_only
				mod, _ := stack[0].(*python.Module)
				return nestedWritesRefused(cls, mod, 0)
			}
		}
	}
	return true
}

// outputAlias reports e assigned to a name of a function (serializer = S,
// on one branch of choosing a class by the row's kind) whose every call
// serializes for output (serializer(row, context=...).data), and which
// the function otherwise only asks about (hasattr(serializer, "brief"),
// serializer.brief): the class goes nowhere it could take data.
func outputAlias(e python.Expr, stack []python.Node) bool {
	if len(stack) == 0 {
		return false
	}
	a, ok := stack[len(stack)-1].(*python.Assign)
	if !ok || a.Value != e || len(a.Targets) != 1 {
		return false
	}
	alias, ok := a.Targets[0].(*python.Name)
	if !ok {
		return false
	}
	var fn *python.FunctionDef
	for i := len(stack) - 1; i >= 0 && fn == nil; i-- {
		fn, _ = stack[i].(*python.FunctionDef)
	}
	if fn == nil {
		return false
	}
	only := true
	python.InspectStack(fn, func(n python.Node, st []python.Node) bool {
		nm, ok := n.(*python.Name)
		if !only || !ok || nm.ID != alias.ID || len(st) == 0 {
			return only
		}
		switch p := st[len(st)-1].(type) {
		case *python.Call:
			if p.Func == python.Expr(nm) {
				only = outputCall(p, nil)
			} else {
				switch p.CalleeName() {
				case "hasattr", "getattr", "isinstance", "issubclass":
				default:
					only = false // handed to a function that may write with it
				}
			}
		case *python.Attribute:
			// serializer.brief: an attribute of the class
		case *python.Assign:
			only = p.Value != python.Expr(nm) // a target, not handed on
		default:
			only = false
		}
		return only
	})
	return only
}

// drfSerializerBases are DRF's serializer classes, whose create and update
// refuse nested data (raise_errors_on_nested_writes), and django-taggit's
// TaggitSerializer, whose create and update take the tags out and hand
// the rest to DRF's.
var drfSerializerBases = map[string]bool{"Serializer": true, "ModelSerializer": true, "HyperlinkedModelSerializer": true,
	"TaggitSerializer": true}

// nestedWritesRefused reports a serializer class that cannot write what a
// nested serializer field takes: its bases are DRF's own and it defines
// neither create nor update, so DRF answers a request that sends the
// nested data with an error ("The `.create()` method does not support
// writable nested fields by default") and the nested serializer only
// shows rows. A base of the module counts when it is such a class itself
// (a CustomModelSerializer that only adds an exclude argument); another
// project base, or a library's such as drf-writable-nested's
// WritableNestedModelSerializer, may write them.
func nestedWritesRefused(cls *python.ClassDef, mod *python.Module, depth int) bool {
	if len(cls.Bases) == 0 || depth > 8 {
		return false
	}
	for _, b := range cls.Bases {
		if drfSerializerBases[lastName(access.Dotted(b))] {
			continue
		}
		base := moduleClass(mod, access.Dotted(b))
		if base == nil || !nestedWritesRefused(base, mod, depth+1) {
			return false
		}
	}
	for _, st := range cls.Body {
		if f, ok := st.(*python.FunctionDef); ok && (f.Name == "create" || f.Name == "update") {
			return false
		}
	}
	return true
}

// moduleClass returns the top-level class of mod named name, or nil.
func moduleClass(mod *python.Module, name string) *python.ClassDef {
	if mod == nil {
		return nil
	}
	for _, st := range mod.Body {
		if c, ok := st.(*python.ClassDef); ok && c.Name == name {
			return c
		}
	}
	return nil
}

// readingActionEntry reports e as the value of a dict in a class body
// (serializer_classes = {"create": C, "destroy": D}, which the viewset's
// get_serializer_class reads by self.action) under an action that takes no
// data: list, retrieve, destroy, or an @action of the class that answers
// safe methods only.
func readingActionEntry(e python.Expr, stack []python.Node) bool {
	if len(stack) < 3 {
		return false
	}
	d, ok := stack[len(stack)-1].(*python.Dict)
	if !ok {
		return false
	}
	var cls *python.ClassDef
	for i := len(stack) - 2; i >= 0 && cls == nil; i-- {
		switch x := stack[i].(type) {
		case *python.FunctionDef:
			return false // a dict a method builds: not the class's table
		case *python.ClassDef:
			cls = x
		}
	}
	i := slices.Index(d.Values, e)
	if cls == nil || i < 0 || d.Keys[i] == nil {
		return false
	}
	action, ok := constStr(d.Keys[i])
	if !ok {
		return false
	}
	switch action {
	case "list", "retrieve", "destroy", "metadata":
		return true
	}
	for _, st := range cls.Body {
		f, ok := st.(*python.FunctionDef)
		if !ok || f.Name != action {
			continue
		}
		for _, dec := range f.DecoratorList {
			if c, ok := dec.(*python.Call); ok && lastName(access.Dotted(c.Func)) == "action" {
				return safeOnly(kw(c, "methods"))
			}
		}
	}
	return false
}

// safeActionSerializer reports e given as serializer_class= to a viewset's
// @action whose methods are safe ones only (methods=["get"], or none: an
// action answers GET by default): the action serializes for output.
func safeActionSerializer(e python.Expr, stack []python.Node) bool {
	if len(stack) < 2 {
		return false
	}
	k, ok := stack[len(stack)-1].(*python.Keyword)
	if !ok || k.Arg != "serializer_class" || k.Value != e {
		return false
	}
	c, ok := stack[len(stack)-2].(*python.Call)
	if !ok || lastName(access.Dotted(c.Func)) != "action" {
		return false
	}
	return safeOnly(kw(c, "methods"))
}

// safeOnly reports the methods= of an @action that names safe methods
// only, or none: an action answers GET by default.
func safeOnly(methods python.Expr) bool {
	if methods == nil {
		return true
	}
	elts := python.SeqElts(methods)
	for _, el := range elts {
		s, ok := constStr(el)
		if !ok {
			return false
		}
		switch strings.ToUpper(s) {
		case "GET", "HEAD", "OPTIONS":
		default:
			return false
		}
	}
	return len(elts) > 0
}

// readOnlyViewSerializer reports whether e is the value of
// serializer_class = S in a view that takes no writes.
func readOnlyViewSerializer(prog *taint.Program, m *taint.Module, e python.Expr, stack []python.Node) bool {
	if len(stack) < 2 {
		return false
	}
	if cls := methodClass(stack); cls != nil && readOnlyView(prog, m, cls) {
		// serializer_class = S in the get_serializer of a RetrieveAPIView:
		// a view that takes no writes serializes for output alone
		return true
	}
	a, ok := stack[len(stack)-1].(*python.Assign)
	if !ok || a.Value != e || len(a.Targets) != 1 {
		return false
	}
	if t, ok := a.Targets[0].(*python.Name); !ok || t.ID != "serializer_class" {
		return false
	}
	cls, ok := stack[len(stack)-2].(*python.ClassDef)
	return ok && (readOnlyView(prog, m, cls) || writesTakeAnother(cls, e))
}

// superArg reports a name given to super() (super(S, self).get_fields()):
// the class naming itself, no use of it.
func superArg(stack []python.Node) bool {
	if len(stack) == 0 {
		return false
	}
	c, ok := stack[len(stack)-1].(*python.Call)
	if !ok {
		return false
	}
	n, ok := c.Func.(*python.Name)
	return ok && n.ID == "super"
}

// readOnlyMixin reports a base that is a mixin of the project (named
// ...Mixin, with no base but mixins and object) defining no method that
// writes through a serializer and building none from data=: a
// FilterUsersPartnersMixin beside ListAPIView narrows what is read.
func readOnlyMixin(prog *taint.Program, m *taint.Module, base python.Expr) bool {
	q := m.QualName(base)
	if !strings.HasSuffix(q, "Mixin") {
		return false
	}
	c := access.LookupClass(prog, m, q)
	if c == nil {
		return false
	}
	for _, b := range c.Def().Bases {
		if bq := c.Module.QualName(b); bq != "object" && !strings.HasSuffix(bq, "Mixin") {
			return false
		}
	}
	for _, st := range c.Def().Body {
		if f, ok := st.(*python.FunctionDef); ok && serializerWriteMethods[f.Name] {
			return false
		}
	}
	fromData := false
	python.Inspect(c.Def(), func(n python.Node) bool {
		if call, ok := n.(*python.Call); ok && kw(call, "data") != nil {
			fromData = true
		}
		return !fromData
	})
	return !fromData
}

// methodClass returns the class whose method holds the innermost node of
// stack (class, then def, then the statements in it), or nil.
func methodClass(stack []python.Node) *python.ClassDef {
	for i := len(stack) - 1; i > 0; i-- {
		if _, ok := stack[i].(*python.FunctionDef); ok {
			cls, _ := stack[i-1].(*python.ClassDef)
			return cls
		}
	}
	return nil
}

// writesTakeAnother reports a view whose get_serializer_class starts by
// returning another serializer for every write (if self.action in
// ("create", "update", "partial_update"): return CreateS) and otherwise
// falls back to its serializer_class (return
// super().get_serializer_class()): that class then only reads.
func writesTakeAnother(cls *python.ClassDef, e python.Expr) bool {
	for _, st := range cls.Body {
		f, ok := st.(*python.FunctionDef)
		if !ok || f.Name != "get_serializer_class" || len(f.Body) < 2 {
			continue
		}
		body := f.Body
		if _, doc := body[0].(*python.ExprStmt); doc {
			body = body[1:] // the docstring
		}
		if len(body) != 2 {
			return false
		}
		first, ok := body[0].(*python.If)
		if !ok || len(first.Orelse) > 0 || len(first.Body) != 1 || !writeTest(first.Test) {
			return false
		}
		if r, ok := first.Body[0].(*python.Return); !ok || r.Value == nil || access.Dotted(r.Value) == access.Dotted(e) {
			return false
		}
		last, ok := body[1].(*python.Return)
		if !ok || last.Value == nil {
			return false
		}
		switch v := last.Value.(type) {
		case *python.Call:
			a, ok := v.Func.(*python.Attribute) // super().get_serializer_class()
			return ok && a.Attr == "get_serializer_class"
		default:
			d := access.Dotted(v)
			return d == "self.serializer_class" || d == access.Dotted(e)
		}
	}
	return false
}

// writeTest reports a test that holds for every request that writes with
// a serializer: self.action in ("create", "update", "partial_update"), or
// the method in ("POST", "PUT", "PATCH") or not in SAFE_METHODS.
func writeTest(t python.Expr) bool {
	c, ok := t.(*python.Compare)
	if !ok || len(c.Ops) != 1 {
		return false
	}
	left := access.Dotted(c.Left)
	switch {
	case strings.HasSuffix(left, "action") && c.Ops[0] == python.In:
		return coversAll(c.Comparators[0], "create", "update", "partial_update")
	case strings.HasSuffix(left, "method") && c.Ops[0] == python.In:
		return coversAll(c.Comparators[0], "POST", "PUT", "PATCH")
	case strings.HasSuffix(left, "method") && c.Ops[0] == python.NotIn:
		return strings.HasSuffix(access.Dotted(c.Comparators[0]), "SAFE_METHODS")
	}
	return false
}

// coversAll reports a literal collection of strings holding every one of
// want.
func coversAll(e python.Expr, want ...string) bool {
	have := map[string]bool{}
	for _, s := range constStrings(e) {
		have[s] = true
	}
	for _, w := range want {
		if !have[w] {
			return false
		}
	}
	return true
}

// readOnlyBases are DRF's views and mixins that accept no write of their
// own: with them, a view writes only through methods it defines.
var readOnlyBases = map[string]bool{
	"ReadOnlyModelViewSet": true, "ListAPIView": true, "RetrieveAPIView": true,
	"ListModelMixin": true, "RetrieveModelMixin": true, "GenericViewSet": true,
	"GenericAPIView": true, "ViewSet": true, "ViewSetMixin": true, "APIView": true,
}

// serializerWriteMethods are the methods through which a view writes with its
// serializer.
var serializerWriteMethods = map[string]bool{
	"create": true, "update": true, "partial_update": true, "perform_create": true,
	"perform_update": true, "post": true, "put": true, "patch": true,
}

// readOnlyView reports whether a view class takes no writes through its
// serializer: it answers safe methods only (safeMethodNames), or every
// base is one of readOnlyBases (a base of the project may add writes, and
// is not followed), it defines no write method, and nothing in it builds
// a serializer from data= (an extra action that calls
// self.get_serializer(data=request.data)).
func readOnlyView(prog *taint.Program, m *taint.Module, cls *python.ClassDef) bool {
	if len(cls.Bases) == 0 {
		return false
	}
	if safeMethodNames(cls) {
		return true
	}
	for _, b := range cls.Bases {
		if !readOnlyBases[lastName(m.QualName(b))] && !readOnlyMixin(prog, m, b) {
			return false
		}
	}
	for _, st := range cls.Body {
		if f, ok := st.(*python.FunctionDef); ok && serializerWriteMethods[f.Name] {
			return false
		}
	}
	fromData := false
	python.Inspect(cls, func(n python.Node) bool {
		if c, ok := n.(*python.Call); ok && kw(c, "data") != nil {
			fromData = true
		}
		return !fromData
	})
	return !fromData
}

// safeMethodNames reports a view class whose http_method_names lists
// safe methods only (http_method_names = ["get"]): DRF's dispatch answers
// every other method 405 before any handler or action runs, whatever the
// class inherits.
func safeMethodNames(cls *python.ClassDef) bool {
	vs := classAttrAssigns(cls, "http_method_names")
	return len(vs) > 0 && safeOnly(vs[0])
}
