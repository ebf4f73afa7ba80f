package access

import (
	"strings"

	"github.com/djsec/djsec/internal/taint"
)

// Access mixins check the user in dispatch and then call the next
// dispatch of the method resolution order. Python takes dispatch from the
// first class of that order that defines it, so a mixin listed after a
// view class (class V(TemplateView, LoginRequiredMixin)) never runs: the
// view's own dispatch answers, and neither Django's View nor DRF's
// APIView calls super().dispatch. Django's documentation asks for such
// mixins "in the leftmost position"; the analysis must not count them.

// dispatchGuards are the library mixins that check access in dispatch.
var dispatchGuards = map[string]bool{
	"LoginRequiredMixin": true, "PermissionRequiredMixin": true, "UserPassesTestMixin": true,
	"StaffuserRequiredMixin": true, "StaffRequiredMixin": true, "SuperuserRequiredMixin": true,
	"GroupRequiredMixin": true, "MultiplePermissionsRequiredMixin": true,
}

// viewClasses are the library classes whose dispatch answers a request
// without calling the next class's.
var viewClasses = map[string]bool{
	"View": true, "TemplateView": true, "RedirectView": true, "ListView": true, "DetailView": true,
	"CreateView": true, "UpdateView": true, "DeleteView": true, "FormView": true, "ArchiveIndexView": true,
	"YearArchiveView": true, "MonthArchiveView": true, "WeekArchiveView": true, "DayArchiveView": true,
	"TodayArchiveView": true, "DateDetailView": true,
	"APIView": true, "GenericAPIView": true, "CreateAPIView": true, "ListAPIView": true, "RetrieveAPIView": true,
	"DestroyAPIView": true, "UpdateAPIView": true, "ListCreateAPIView": true, "RetrieveUpdateAPIView": true,
	"RetrieveDestroyAPIView": true, "RetrieveUpdateDestroyAPIView": true,
	"ViewSet": true, "GenericViewSet": true, "ModelViewSet": true, "ReadOnlyModelViewSet": true,
}

// Shadowed is an access mixin that a view class before it in a class's
// bases keeps from running.
type Shadowed struct {
	Mixin string // the mixin's qualified name, as in Class.Bases
	View  string // the view class before it
}

// ShadowedMixins returns the bases of c that check access in dispatch but
// come after a view class in c's bases, in the order of the bases.
func ShadowedMixins(prog *taint.Program, c *taint.Class) []Shadowed {
	lookup := func(c *taint.Class, b string) *taint.Class { return lookupClass(prog, c.Module, b) }
	return shadowedMixins(prog, lookup, c)
}

type baseLookup func(c *taint.Class, b string) *taint.Class

func shadowedMixins(prog *taint.Program, base baseLookup, c *taint.Class) []Shadowed {
	view := ""
	var out []Shadowed
	for _, b := range c.Bases {
		bc := base(c, b)
		switch {
		case view == "" && isViewClass(base, bc, b, new(taint.Classes)):
			view = b
		case view != "" && isDispatchGuard(prog, base, bc, b, new(taint.Classes)):
			out = append(out, Shadowed{Mixin: b, View: view})
		}
	}
	return out
}

// isViewClass reports whether base b, the project class bc when it is
// one, is a view class: one of the library's or a project class built on
// one. Each class is looked at once (see taint.Classes).
func isViewClass(base baseLookup, bc *taint.Class, b string, seen *taint.Classes) bool {
	if bc == nil {
		return viewClasses[lastName(b)] && libraryName(b)
	}
	if !seen.Add(bc) {
		return false
	}
	for _, bb := range bc.Bases {
		if isViewClass(base, base(bc, bb), bb, seen) {
			return true
		}
	}
	return false
}

// isDispatchGuard reports whether base b (the project class bc when it is
// one) checks access in dispatch: a library access mixin, or a project
// mixin, not itself a view, whose dispatch turns requests away or that is
// built on an access mixin.
func isDispatchGuard(prog *taint.Program, base baseLookup, bc *taint.Class, b string, seen *taint.Classes) bool {
	if bc == nil {
		return dispatchGuards[lastName(b)]
	}
	if !seen.Add(bc) || isViewClass(base, bc, b, new(taint.Classes)) {
		return false
	}
	if d := bc.Methods["dispatch"]; d != nil && denial(prog, bc.Module, d.Def().Body, false) {
		return true
	}
	for _, bb := range bc.Bases {
		if isDispatchGuard(prog, base, base(bc, bb), bb, seen) {
			return true
		}
	}
	return false
}

// libraryName reports whether a base's qualified name is Django's, DRF's
// or unresolved (a bare name from a star import).
func libraryName(q string) bool {
	return strings.HasPrefix(q, "django.") || strings.HasPrefix(q, "rest_framework.") || !strings.Contains(q, ".")
}
