package code

import (
	"strings"

	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// ownerScoped reports whether some code of the project limits the rows of
// a model to their owner: a lookup keyed on the owner field with the
// requester (Note.objects.filter(author=request.user), a queryset's
// .filter(author=self.request.user)), or a comparison of an object's owner
// with the requester (note.author != request.user), in a module that names
// the model. A model that every member sees in a list and that no code
// limits so is the team's shared records, whoever added each.
func ownerScoped(prog *taint.Program, model, owner string) bool {
	for _, m := range prog.Modules {
		if inTests(m) || !bytesearch.Contains(m.Content(), model) || !bytesearch.Contains(m.Content(), owner) {
			continue
		}
		found := false
		python.Inspect(m.Tree(), func(n python.Node) bool {
			switch x := n.(type) {
			case *python.Call:
				if !lookupCalls[callee(m, x)] || lookedUp(m, x) != model {
					break // create(author=request.user) limits nothing
				}
				for _, k := range x.Keywords {
					field, _, _ := strings.Cut(k.Arg, "__")
					if (field == owner || field == owner+"_id") && mentionsRequester(k.Value) {
						found = true
					}
				}
			case *python.Compare:
				if len(x.Comparators) == 1 && (ownerAttr(x.Left, owner) && mentionsRequester(x.Comparators[0]) ||
					ownerAttr(x.Comparators[0], owner) && mentionsRequester(x.Left)) {
					found = true
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// lookupCalls find rows: what they are keyed on limits what a view reaches.
var lookupCalls = map[string]bool{"filter": true, "get": true, "exclude": true, "get_object_or_404": true, "get_list_or_404": true}

// lookedUp names the model whose rows a lookup reads:
// Note.objects.filter(...), Note.objects.select_related(...).get(...),
// get_object_or_404(Note, ...); "" when the code does not say.
func lookedUp(m *taint.Module, c *python.Call) string {
	if callee(m, c) == "get_object_or_404" || callee(m, c) == "get_list_or_404" {
		if len(c.Args) == 0 {
			return ""
		}
		return lastName(m.QualName(querysetModel(c.Args[0])))
	}
	a, ok := c.Func.(*python.Attribute)
	if !ok {
		return ""
	}
	for e := a.Value; ; {
		switch x := e.(type) {
		case *python.Attribute:
			if x.Attr == "objects" {
				return lastName(m.QualName(x.Value))
			}
			e = x.Value
		case *python.Call:
			e = x.Func
		default:
			return ""
		}
	}
}

// ownerAttr reports obj.owner or obj.owner_id for the owner field named.
func ownerAttr(e python.Expr, owner string) bool {
	a, ok := e.(*python.Attribute)
	return ok && (a.Attr == owner || a.Attr == owner+"_id")
}

// mentionsRequester reports an expression that reads request.user (or
// self.request.user, or its id).
func mentionsRequester(e python.Expr) bool {
	found := false
	python.Inspect(e, func(n python.Node) bool {
		if a, ok := n.(*python.Attribute); ok && a.Attr == "user" {
			if v, ok := a.Value.(*python.Name); ok && v.ID == "request" {
				found = true
			}
			if v, ok := a.Value.(*python.Attribute); ok && v.Attr == "request" {
				found = true
			}
		}
		return !found
	})
	return found
}
