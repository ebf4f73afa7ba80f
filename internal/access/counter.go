package access

import (
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/python"
)

// counterBump reports an update whose every value adds a literal to the
// field's own count: Article.objects.filter(pk=pk).update(views=F("views") + 1).
// A page view or a download counted is a record of the visit, like a
// row of a log, not a change a visitor chooses.
func counterBump(c *python.Call) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok || a.Attr != "update" || len(c.Args) > 0 || len(c.Keywords) == 0 {
		return false
	}
	for _, k := range c.Keywords {
		b, ok := k.Value.(*python.BinOp)
		if !ok || b.Op != python.Add {
			return false
		}
		f, ok := b.Left.(*python.Call)
		if !ok || len(f.Args) != 1 || calleeName(f.Func) != "F" {
			return false
		}
		if field, ok := constString(f.Args[0]); !ok || field != k.Arg {
			return false
		}
		if _, ok := b.Right.(*python.Constant); !ok {
			return false
		}
	}
	return true
}

// counterSave reports a save of a row whose only change is a count of
// visits: a save limited to counting fields (obj.save(update_fields=
// ["download_count"])), or a save of a fetched row whose every attribute
// the body sets is a counting field raised by a literal (version.downloads
// = version.downloads + 1; version.save()). Like counterBump, a record of
// the visit. A count of something else (user.email_changes += 1) may be
// what a limit reads, and stays a change. counted holds the body's names
// of such rows (countedNames).
func counterSave(c *python.Call, counted func() map[string]bool) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok || a.Attr != "save" {
		return false
	}
	for _, k := range c.Keywords {
		if k.Arg == "update_fields" {
			return countingFields(k.Value)
		}
	}
	obj, ok := a.Value.(*python.Name)
	return ok && counted()[obj.ID]
}

// counterField matches the names of fields that count visits:
// download_count, views, hits, num_clicks.
var counterField = lazyre.New(`(?:^|_)(?:count|counter|downloads|views|hits|visits|clicks|plays)$`)

// countingFields reports a literal list or tuple of counting fields.
func countingFields(e python.Expr) bool {
	elts := python.SeqElts(e)
	for _, el := range elts {
		if s, ok := constString(el); !ok || !counterField().MatchString(s) {
			return false
		}
	}
	return len(elts) > 0
}

// countedNames returns the names the body binds only to rows it fetched
// (or not at all: a parameter) and whose attributes it sets only by
// raising counting fields by a literal, at least once: one walk of the
// body for every save it holds.
func countedNames(body []python.Stmt) map[string]bool {
	raised, other := map[string]bool{}, map[string]bool{}
	python.EachStmt(body, func(s python.Stmt) {
		switch x := s.(type) {
		case *python.AugAssign:
			if name := attrBase(x.Target); name != "" {
				_, lit := x.Value.(*python.Constant)
				if x.Op == python.Add && lit && counting(x.Target) {
					raised[name] = true
				} else {
					other[name] = true
				}
			}
		case *python.Assign:
			for _, t := range x.Targets {
				if name := attrBase(t); name != "" {
					if counting(t) && selfPlusLiteral(t, x.Value) {
						raised[name] = true
					} else {
						other[name] = true
					}
				} else if !fetched(x.Value) {
					// obj = Plugin(name=...): a new row, not a count
					for _, name := range boundNames(t) {
						other[name] = true
					}
				}
			}
		}
	})
	out := map[string]bool{}
	for name := range raised {
		if !other[name] {
			out[name] = true
		}
	}
	return out
}

// counting reports an attribute named as a count of visits.
func counting(t python.Expr) bool {
	a, ok := t.(*python.Attribute)
	return ok && counterField().MatchString(a.Attr)
}

// attrBase returns name for name.attr, "" for anything else.
func attrBase(e python.Expr) string {
	a, ok := e.(*python.Attribute)
	if !ok {
		return ""
	}
	if n, ok := a.Value.(*python.Name); ok {
		return n.ID
	}
	return ""
}

// selfPlusLiteral reports v, assigned to t, as t + a literal.
func selfPlusLiteral(t, v python.Expr) bool {
	b, ok := v.(*python.BinOp)
	if !ok || b.Op != python.Add {
		return false
	}
	if _, ok := b.Right.(*python.Constant); !ok {
		return false
	}
	return dotted(b.Left) != "" && dotted(b.Left) == dotted(t)
}

// boundNames returns the names a target binds, alone or in a tuple.
func boundNames(t python.Expr) []string {
	switch x := t.(type) {
	case *python.Name:
		return []string{x.ID}
	case *python.Tuple:
		var out []string
		for _, el := range x.Elts {
			out = append(out, boundNames(el)...)
		}
		return out
	}
	return nil
}

// fetched reports a value that is a row the database already holds:
// get_object_or_404(...), Model.objects.get(...), self.get_object(),
// qs.first(), or a row reached from one (version.plugin).
func fetched(v python.Expr) bool {
	switch x := v.(type) {
	case *python.Attribute:
		return dotted(x) != ""
	case *python.Call:
		switch calleeName(x.Func) {
		case "get_object_or_404", "get", "get_object", "first", "last", "latest", "earliest", "get_or_create":
			return true
		}
	}
	return false
}
