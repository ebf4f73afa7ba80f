package templates

import "github.com/djsec/djsec/internal/python"

// This file judges what a helper returns when it builds the value step by
// step in one name, as text cleaners do:
//
//	def clean_html(text):
//	    text = escape(text)
//	    text = linkify(text)
//	    text = text.replace("\n", "<br>")
//	    return text
//
// safeName weighs every assignment of a name alike, so the parameter it
// starts as makes the name unsafe everywhere; here the value returned is
// followed back through the statements of the function's own body that
// run one after the other, each assignment reading the one before it.

// returnsSafe reports whether def returns something, and only values that
// cannot carry markup from outside (safeValue), a name returned at the
// end of straight-line code judged by the assignments that reach it.
func returnsSafe(def *python.FunctionDef, m *pymod, depth int) bool {
	if depth > maxValueDepth {
		return false
	}
	return m.judged(valueKey{m.Module, def, ""}, depth, func() bool { return judgeReturns(def, m, depth) })
}

// judgeReturns is returnsSafe without the memo.
func judgeReturns(def *python.FunctionDef, m *pymod, depth int) bool {
	top := map[*python.Return]int{} // returns among def's own statements, by index
	for i, st := range def.Body {
		if r, ok := st.(*python.Return); ok {
			top[r] = i
		}
	}
	returns := ownReturns(def)
	for _, r := range returns {
		if r.Value == nil {
			return false
		}
		i, atTop := top[r]
		if name, ok := r.Value.(*python.Name); ok && atTop {
			if !straightName(def, i, name.ID, m, depth+1) {
				return false
			}
		} else if !safeValue(r.Value, def, m, depth+1) {
			return false
		}
	}
	return len(returns) > 0
}

// ownReturns returns def's return statements, in source order, leaving
// out those of the functions and lambdas it defines.
func ownReturns(def *python.FunctionDef) []*python.Return {
	var out []*python.Return
	python.Inspect(def, func(nd python.Node) bool {
		switch x := nd.(type) {
		case *python.FunctionDef, *python.Lambda:
			return x == def
		case *python.Return:
			out = append(out, x)
		}
		return true
	})
	return out
}

// localDef returns the function named name that fn defines among its own
// statements (a helper it calls), or nil.
func localDef(fn *python.FunctionDef, name string) *python.FunctionDef {
	if fn == nil {
		return nil
	}
	for _, st := range fn.Body {
		if d, ok := st.(*python.FunctionDef); ok && d.Name == name {
			return d
		}
	}
	return nil
}

// straightName judges the value name holds before statement i of def's
// body: the last assignment among the statements before it, when none of
// the statements in between binds the name inside a block. Each step back
// goes to an earlier statement, so the walk takes no depth of its own.
func straightName(def *python.FunctionDef, i int, name string, m *pymod, depth int) bool {
	if depth > maxValueDepth {
		return false
	}
	if filled(def.Body, name) {
		// out = []; for r in rows: out.append(r.text); return out: what
		// the list was made as is not what it holds, and safeName
		// weighs every fill
		return safeName(name, def, m, depth)
	}
	for j := i - 1; j >= 0; j-- {
		st := def.Body[j]
		if a, ok := st.(*python.Assign); ok && len(a.Targets) == 1 && isName(a.Targets[0], name) {
			return straightExpr(def, j, name, a.Value, m, depth)
		}
		if bindsIn(st, name) {
			return false // an if, a loop or a with binds it: not straight-line
		}
	}
	// the parameter it started as, or a module-level name
	return safeName(name, def, m, depth)
}

// filled reports a statement of body, in its blocks too, that puts items
// into the name's object, or into an item of it: name.append(x),
// name.update(d), name[k] = v, name[k]["added"].append(x).
func filled(body []python.Stmt, name string) bool {
	found := false
	python.EachStmt(body, func(st python.Stmt) {
		switch x := st.(type) {
		case *python.ExprStmt:
			if c, ok := x.Value.(*python.Call); ok {
				if a, ok := c.Func.(*python.Attribute); ok && fillingMethods[a.Attr] && subscriptOf(a.Value, name) {
					found = true
				}
			}
		case *python.Assign:
			for _, t := range x.Targets {
				if sub, ok := t.(*python.Subscript); ok && subscriptOf(sub.Value, name) {
					found = true
				}
			}
		}
	})
	return found
}

// straightExpr judges x, assigned to name by statement j of def's body,
// where name reads the value it held before.
func straightExpr(def *python.FunctionDef, j int, name string, x python.Expr, m *pymod, depth int) bool {
	if depth > maxValueDepth {
		return false
	}
	if !python.ReadsName(x, name) {
		return safeValue(x, def, m, depth+1)
	}
	switch x := x.(type) {
	case *python.Name:
		return straightName(def, j, name, m, depth)
	case *python.Call:
		fn := funcName(x.Func)
		if safeCalls[fn] && fn != "render_to_string" || sanitizerCall(x, m.Module) {
			return true // escape(text), bleach's clean(text)
		}
		if a, ok := x.Func.(*python.Attribute); ok && textMethods[a.Attr] && allConstants(x.Args) && len(x.Keywords) == 0 {
			// text.replace("\n", "<br>"): literal markup added
			return straightExpr(def, j, name, a.Value, m, depth)
		}
		if (fn == "linkify" || fn == "mark_safe") && len(x.Args) > 0 && !anyMentions(x.Args[1:], name) {
			// bleach's linkify keeps the markup it is given and adds
			// links to what escaping left as text
			return straightExpr(def, j, name, x.Args[0], m, depth)
		}
	}
	return false
}

// textMethods are str methods that return the text with only what their
// arguments add.
var textMethods = map[string]bool{
	"replace": true, "strip": true, "lstrip": true, "rstrip": true, "lower": true, "upper": true,
	"title": true, "capitalize": true, "expandtabs": true,
}

// sanitizerCall reports bleach's or nh3's clean, or Pygments' highlight
// (which escapes every token of the code it is given), called through
// its module (bleach.clean(x)) or imported by name (from bleach import
// clean).
func sanitizerCall(c *python.Call, m *python.Module) bool {
	switch f := c.Func.(type) {
	case *python.Attribute:
		nm, ok := f.Value.(*python.Name)
		return ok && sanitizerModules[nm.ID] == f.Attr
	case *python.Name:
		for _, s := range m.Body {
			im, ok := s.(*python.ImportFrom)
			if !ok || sanitizerModules[im.Module] == "" {
				continue
			}
			fn := sanitizerModules[im.Module]
			for _, a := range im.Names {
				if a.Name == fn && (a.Asname == f.ID || a.Asname == "" && f.ID == fn) {
					return true
				}
			}
		}
	}
	return false
}

// sanitizerModules name, by module, the function of it sanitizerCall
// knows.
var sanitizerModules = map[string]string{"bleach": "clean", "nh3": "clean", "pygments": "highlight"}

func allConstants(xs []python.Expr) bool {
	for _, x := range xs {
		if _, ok := x.(*python.Constant); !ok {
			return false
		}
	}
	return true
}

func anyMentions(xs []python.Expr, name string) bool {
	for _, x := range xs {
		if python.ReadsName(x, name) {
			return true
		}
	}
	return false
}

// bindsIn reports whether a statement binds the name anywhere inside it:
// an assignment, a loop's or a with's target; not inside a function or
// class it defines, whose names are its own.
func bindsIn(st python.Stmt, name string) bool {
	found := false
	python.Inspect(st, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.Assign:
			for _, t := range x.Targets {
				found = found || bindsName(t, name)
			}
		case *python.AugAssign:
			found = found || bindsName(x.Target, name)
		case *python.AnnAssign:
			found = found || x.Value != nil && bindsName(x.Target, name) // x: str binds nothing
		case *python.For:
			found = found || bindsName(x.Target, name)
		case *python.With:
			for _, it := range x.Items {
				found = found || it.OptionalVars != nil && bindsName(it.OptionalVars, name)
			}
		case *python.FunctionDef, *python.ClassDef, *python.Lambda:
			return false // their own scope
		}
		return !found
	})
	return found
}
