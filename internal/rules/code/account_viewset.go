package code

import (
	"slices"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// accountViewSet reports a DRF view that lets every logged-in user change
// or delete any account: it requires only a login, its routes take PUT,
// PATCH or DELETE on one object, and the objects it finds are every row
// of the user model (queryset = User.objects.all(), or a get_queryset
// whose every return is such a queryset, narrowed by the query string at
// most), with no get_object, perform_update/perform_destroy or handler of
// its own (put, patch, delete) that could check whose account it is, or
// change only what a user may set on anyone's (a language):
//
//	class UserViewSet(viewsets.ModelViewSet):
//	    permission_classes = [IsAuthenticated]
//	    def get_queryset(self):
//	        return get_user_model().objects.all()
//
// Each account is its own owner, so the model has no owner field for the
// other checks of DJC221 to find. It returns whether it reported.
func accountViewSet(pass *analysis.Pass, prog *taint.Program, v *access.View, routes []*access.Route) bool {
	c := v.Class
	if c == nil || !v.DRF || !writesOneObject(routes) {
		return false
	}
	for _, name := range []string{"get_object", "perform_update", "perform_destroy", "update", "partial_update", "destroy", "check_object_permissions", "put", "patch", "delete"} {
		if c.Methods[name] != nil {
			return false
		}
	}
	if !everyAccount(c) {
		return false
	}
	pass.Report(analysis.Diagnostic{
		Location: c.Module.DefLocation(c.Def()),
		Severity: report.High, // every account, the staff's included
		Message: "view " + c.Name + " lets every logged-in user change or delete any account (PUT, PATCH or DELETE by the id in the URL): " +
			"it requires only a login, and its queryset holds every user, not only request.user",
	})
	return true
}

// writesOneObject reports routes of which one takes PUT, PATCH or DELETE:
// a viewset's detail route, an update or destroy view.
func writesOneObject(routes []*access.Route) bool {
	for _, r := range routes {
		for _, m := range r.Methods {
			if m == "PUT" || m == "PATCH" || m == "DELETE" {
				return true
			}
		}
	}
	return false
}

// everyAccount reports a view class whose queryset is every row of the
// user model: queryset = User.objects.all(), or a get_queryset whose every
// return is a queryset of it filtered by nothing that names request.user.
func everyAccount(c *taint.Class) bool {
	m := c.Module
	if f := c.Methods["get_queryset"]; f != nil {
		var rets []python.Expr
		python.Inspect(f.Def(), func(n python.Node) bool {
			if r, ok := n.(*python.Return); ok && r.Value != nil {
				rets = append(rets, r.Value)
			}
			return true
		})
		return len(rets) > 0 && !slices.ContainsFunc(rets, func(e python.Expr) bool {
			return !accountsQueryset(m, e, f.Def(), map[string]bool{}, 0)
		})
	}
	for _, s := range c.Def().Body {
		if a, ok := s.(*python.Assign); ok && len(a.Targets) == 1 {
			if n, ok := a.Targets[0].(*python.Name); ok && n.ID == "queryset" {
				return accountsQueryset(m, a.Value, nil, nil, 0)
			}
		}
	}
	return false
}

// accountsQueryset reports a queryset of the user model that nothing
// narrows to the requester: User.objects.all(), get_user_model().objects
// .filter(email=email), or a local set to one and narrowed again
// (queryset = queryset.filter(...): a name met again while it is being
// read stands for its other values).
func accountsQueryset(m *taint.Module, e python.Expr, fn *python.FunctionDef, reading map[string]bool, depth int) bool {
	if depth > 16 || scopedToRequest(e) {
		return false
	}
	switch x := e.(type) {
	case *python.Name:
		if reading[x.ID] {
			return true
		}
		if fn == nil {
			return false
		}
		vals := assignedValues(fn, x.ID)
		if len(vals) == 0 {
			return false
		}
		reading[x.ID] = true
		defer delete(reading, x.ID)
		return !slices.ContainsFunc(vals, func(v python.Expr) bool { return !accountsQueryset(m, v, fn, reading, depth+1) })
	case *python.Call:
		a, ok := x.Func.(*python.Attribute)
		if !ok {
			return false
		}
		return accountsQueryset(m, a.Value, fn, reading, depth+1)
	case *python.Attribute:
		return x.Attr == "objects" && userModel(m, x.Value)
	}
	return false
}
