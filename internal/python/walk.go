package python

// A Visitor's Visit method is invoked for each node encountered by Walk.
// If the result visitor w is not nil, Walk visits each of the children of
// node with w, followed by a call of w.Visit(nil).
type Visitor interface {
	Visit(n Node) (w Visitor)
}

// Walk traverses the tree in depth-first order, visiting children in
// source order: decorators before the def, each parameter before its
// default, dict keys before their values.
func Walk(v Visitor, n Node) {
	if v = v.Visit(n); v == nil {
		return
	}
	eachChild(n, func(c Node) { Walk(v, c) })
	v.Visit(nil)
}

// Inspect traverses the tree calling f for each node; if f returns true,
// Inspect visits the node's children, then calls f(nil).
func Inspect(n Node, f func(Node) bool) {
	// Walk with a visitor calling f, without a closure made for every
	// node: the rules and evaluators inspect every tree of a project
	// several times.
	var visit func(Node)
	visit = func(n Node) {
		if !f(n) {
			return
		}
		eachChild(n, visit)
		f(nil)
	}
	visit(n)
}

// InspectStack is like Inspect but also passes the ancestors of n, root
// first (stack[len(stack)-1] is the parent). The slice is reused; copy it
// to keep it. It does not call f(nil).
func InspectStack(root Node, f func(n Node, stack []Node) bool) {
	var stack []Node
	var visit func(n Node)
	visit = func(n Node) {
		if !f(n, stack) {
			return
		}
		stack = append(stack, n)
		eachChild(n, visit)
		stack = stack[:len(stack)-1]
	}
	visit(root)
}

// Parents returns a map from each node under root to its parent.
func Parents(root Node) map[Node]Node {
	m := make(map[Node]Node)
	InspectStack(root, func(n Node, stack []Node) bool {
		if len(stack) > 0 {
			m[n] = stack[len(stack)-1]
		}
		return true
	})
	return m
}

func each[T Node](l []T, f func(Node)) {
	for _, n := range l {
		if !absent(n) {
			f(n)
		}
	}
}

func one(n Node, f func(Node)) {
	if !absent(n) {
		f(n)
	}
}

// absent is isNil for the walks, which call it for every child of every
// node: it tests for the typed nils isNil knows (*Name, *JoinedStr)
// directly rather than through the Expr interface, an itab lookup per
// child.
func absent(n Node) bool {
	switch x := n.(type) {
	case nil:
		return true
	case *Name:
		return x == nil
	case *JoinedStr:
		return x == nil
	}
	return false
}

// EachChild calls f for each direct child of n, in the order Walk visits
// them: for walks that keep their own state per node, which Inspect would
// make them close in a second call.
func EachChild(n Node, f func(Node)) { eachChild(n, f) }

// eachChild calls f for each direct child of n.
func eachChild(n Node, f func(Node)) {
	switch x := n.(type) {
	case *Module:
		each(x.Body, f)
	case *FunctionDef:
		each(x.DecoratorList, f)
		each(x.TypeParams, f)
		if x.Args != nil {
			f(x.Args)
		}
		one(x.Returns, f)
		each(x.Body, f)
	case *ClassDef:
		each(x.DecoratorList, f)
		each(x.TypeParams, f)
		each(x.Bases, f)
		each(x.Keywords, f)
		each(x.Body, f)
	case *Return:
		one(x.Value, f)
	case *Delete:
		each(x.Targets, f)
	case *Assign:
		each(x.Targets, f)
		one(x.Value, f)
	case *TypeAlias:
		one(x.Name, f)
		each(x.TypeParams, f)
		one(x.Value, f)
	case *AugAssign:
		one(x.Target, f)
		one(x.Value, f)
	case *AnnAssign:
		one(x.Target, f)
		one(x.Annotation, f)
		one(x.Value, f)
	case *For:
		one(x.Target, f)
		one(x.Iter, f)
		each(x.Body, f)
		each(x.Orelse, f)
	case *While:
		one(x.Test, f)
		each(x.Body, f)
		each(x.Orelse, f)
	case *If:
		one(x.Test, f)
		each(x.Body, f)
		each(x.Orelse, f)
	case *With:
		each(x.Items, f)
		each(x.Body, f)
	case *Match:
		one(x.Subject, f)
		each(x.Cases, f)
	case *Raise:
		one(x.Exc, f)
		one(x.Cause, f)
	case *Try:
		each(x.Body, f)
		each(x.Handlers, f)
		each(x.Orelse, f)
		each(x.Finalbody, f)
	case *Assert:
		one(x.Test, f)
		one(x.Msg, f)
	case *Import:
		each(x.Names, f)
	case *ImportFrom:
		each(x.Names, f)
	case *ExprStmt:
		one(x.Value, f)
	case *BoolOp:
		each(x.Values, f)
	case *NamedExpr:
		one(x.Target, f)
		one(x.Value, f)
	case *BinOp:
		one(x.Left, f)
		one(x.Right, f)
	case *UnaryOp:
		one(x.Operand, f)
	case *Lambda:
		if x.Args != nil {
			f(x.Args)
		}
		one(x.Body, f)
	case *IfExp:
		one(x.Test, f)
		one(x.Body, f)
		one(x.Orelse, f)
	case *Dict:
		for i := range x.Values {
			if i < len(x.Keys) {
				one(x.Keys[i], f)
			}
			one(x.Values[i], f)
		}
	case *Set:
		each(x.Elts, f)
	case *ListComp:
		one(x.Elt, f)
		each(x.Generators, f)
	case *SetComp:
		one(x.Elt, f)
		each(x.Generators, f)
	case *DictComp:
		one(x.Key, f)
		one(x.Value, f)
		each(x.Generators, f)
	case *GeneratorExp:
		one(x.Elt, f)
		each(x.Generators, f)
	case *Await:
		one(x.Value, f)
	case *Yield:
		one(x.Value, f)
	case *YieldFrom:
		one(x.Value, f)
	case *Compare:
		one(x.Left, f)
		each(x.Comparators, f)
	case *Call:
		one(x.Func, f)
		each(x.Args, f)
		each(x.Keywords, f)
	case *FormattedValue:
		one(x.Value, f)
		one(x.FormatSpec, f)
	case *JoinedStr:
		each(x.Values, f)
	case *TemplateStr:
		each(x.Values, f)
	case *Interpolation:
		one(x.Value, f)
		one(x.FormatSpec, f)
	case *Attribute:
		one(x.Value, f)
	case *Subscript:
		one(x.Value, f)
		one(x.Slice, f)
	case *Starred:
		one(x.Value, f)
	case *List:
		each(x.Elts, f)
	case *Tuple:
		each(x.Elts, f)
	case *Slice:
		one(x.Lower, f)
		one(x.Upper, f)
		one(x.Step, f)
	case *Comprehension:
		one(x.Target, f)
		one(x.Iter, f)
		each(x.Ifs, f)
	case *ExceptHandler:
		one(x.Type, f)
		each(x.Body, f)
	case *Arguments:
		// source order: each parameter, then its default; the defaults
		// belong to the last of the positional parameters
		npos := len(x.Posonlyargs) + len(x.Args)
		firstDefault := npos - len(x.Defaults)
		for i := range npos {
			var a *Arg
			if i < len(x.Posonlyargs) {
				a = x.Posonlyargs[i]
			} else {
				a = x.Args[i-len(x.Posonlyargs)]
			}
			f(a)
			if i >= firstDefault && firstDefault >= 0 {
				one(x.Defaults[i-firstDefault], f)
			}
		}
		if x.Vararg != nil {
			f(x.Vararg)
		}
		for i, a := range x.Kwonlyargs {
			f(a)
			if i < len(x.KwDefaults) {
				one(x.KwDefaults[i], f)
			}
		}
		if x.Kwarg != nil {
			f(x.Kwarg)
		}
	case *Arg:
		one(x.Annotation, f)
	case *Keyword:
		one(x.Value, f)
	case *WithItem:
		one(x.ContextExpr, f)
		one(x.OptionalVars, f)
	case *MatchCase:
		one(x.Pattern, f)
		one(x.Guard, f)
		each(x.Body, f)
	case *MatchValue:
		one(x.Value, f)
	case *MatchSequence:
		each(x.Patterns, f)
	case *MatchMapping:
		each(x.Keys, f)
		each(x.Patterns, f)
	case *MatchClass:
		one(x.Cls, f)
		each(x.Patterns, f)
		each(x.KwdPatterns, f)
	case *MatchAs:
		one(x.Pattern, f)
	case *MatchOr:
		each(x.Patterns, f)
	case *TypeVar:
		one(x.Bound, f)
		one(x.DefaultValue, f)
	case *ParamSpec:
		one(x.DefaultValue, f)
	case *TypeVarTuple:
		one(x.DefaultValue, f)
	}
}

// TreeDepth returns the number of levels of the tree under n (1 for a
// leaf), or limit as soon as it knows the tree has at least that many. It
// keeps its own stack, so it is safe on any tree.
func TreeDepth(n Node, limit int) int {
	type item struct {
		n Node
		d int
	}
	deepest := 0
	stack := []item{{n, 1}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.d >= limit {
			return limit
		}
		deepest = max(deepest, it.d)
		eachChild(it.n, func(c Node) { stack = append(stack, item{c, it.d + 1}) })
	}
	return deepest
}

// ReadsName reports whether n reads the name id anywhere inside it.
func ReadsName(n Node, id string) bool {
	found := false
	Inspect(n, func(x Node) bool {
		if v, ok := x.(*Name); ok && v.ID == id {
			found = true
		}
		return !found
	})
	return found
}

// EachStmt calls f on every statement of body and of the blocks nested in
// it (if, for, while, with, try, match), but not inside function or class
// definitions: the statements that run when body runs.
func EachStmt(body []Stmt, f func(Stmt)) {
	for _, s := range body {
		f(s)
		switch s := s.(type) {
		case *If:
			EachStmt(s.Body, f)
			EachStmt(s.Orelse, f)
		case *For:
			EachStmt(s.Body, f)
			EachStmt(s.Orelse, f)
		case *While:
			EachStmt(s.Body, f)
			EachStmt(s.Orelse, f)
		case *With:
			EachStmt(s.Body, f)
		case *Try:
			EachStmt(s.Body, f)
			for _, h := range s.Handlers {
				EachStmt(h.Body, f)
			}
			EachStmt(s.Orelse, f)
			EachStmt(s.Finalbody, f)
		case *Match:
			for _, c := range s.Cases {
				EachStmt(c.Body, f)
			}
		}
	}
}

// EachBlock calls f on body and on every block nested in it (the bodies
// of if, for, while, with, try and match), but not on those inside
// function or class definitions: the statement lists where a statement's
// next sibling runs after it. Empty lists (a for without else) are left
// out.
func EachBlock(body []Stmt, f func([]Stmt)) {
	if len(body) == 0 {
		return
	}
	f(body)
	for _, s := range body {
		switch s := s.(type) {
		case *If:
			EachBlock(s.Body, f)
			EachBlock(s.Orelse, f)
		case *For:
			EachBlock(s.Body, f)
			EachBlock(s.Orelse, f)
		case *While:
			EachBlock(s.Body, f)
			EachBlock(s.Orelse, f)
		case *With:
			EachBlock(s.Body, f)
		case *Try:
			EachBlock(s.Body, f)
			for _, h := range s.Handlers {
				EachBlock(h.Body, f)
			}
			EachBlock(s.Orelse, f)
			EachBlock(s.Finalbody, f)
		case *Match:
			for _, c := range s.Cases {
				EachBlock(c.Body, f)
			}
		}
	}
}
