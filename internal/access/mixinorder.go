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

// ShadowedMixins returns, for each of classes, the bases that check access
// in dispatch but come after a view class in its bases, in the order of
// the bases; classes with none are left out.
func ShadowedMixins(prog *taint.Program, classes []*taint.Class) map[*taint.Class][]Shadowed {
	lookup := func(c *taint.Class, b string) *taint.Class { return lookupClass(prog, c.Module, b) }
	mm := newMixinMemo(prog, lookup)
	out := map[*taint.Class][]Shadowed{}
	for _, c := range classes {
		if s := mm.shadowed(c); len(s) > 0 {
			out[c] = s
		}
	}
	return out
}

type baseLookup func(c *taint.Class, b string) *taint.Class

// mixinMemo decides which classes are views and which check access in
// dispatch, each class once: a long chain of classes below many views
// made the walks cubic.
type mixinMemo struct {
	prog        *taint.Program
	base        baseLookup
	view, guard map[*taint.Class]bool
}

func newMixinMemo(prog *taint.Program, base baseLookup) *mixinMemo {
	return &mixinMemo{prog: prog, base: base, view: map[*taint.Class]bool{}, guard: map[*taint.Class]bool{}}
}

// maxMRODepth bounds the walks through bases; real hierarchies are a few
// classes deep.
const maxMRODepth = 64

func (mm *mixinMemo) shadowed(c *taint.Class) []Shadowed {
	view := ""
	var out []Shadowed
	for _, b := range c.Bases {
		bc := mm.base(c, b)
		switch {
		case view == "" && mm.isView(bc, b, 0):
			view = b
		case view != "" && !mm.isView(bc, b, 0) && mm.isGuard(bc, b, 0):
			out = append(out, Shadowed{Mixin: b, View: view})
		}
	}
	return out
}

// isView reports whether base b, the project class bc when it is one, is
// a view class: one of the library's or a project class built on one.
func (mm *mixinMemo) isView(bc *taint.Class, b string, depth int) bool {
	if bc == nil {
		return viewClasses[lastName(b)] && libraryName(b)
	}
	if v, ok := mm.view[bc]; ok || depth > maxMRODepth {
		return v // false while bc is being decided: a cycle
	}
	mm.view[bc] = false
	for _, bb := range bc.Bases {
		if mm.isView(mm.base(bc, bb), bb, depth+1) {
			mm.view[bc] = true
			break
		}
	}
	return mm.view[bc]
}

// isGuard reports whether base b (the project class bc when it is one)
// checks access in dispatch: a library access mixin, or a project mixin
// whose dispatch turns requests away or that is built on an access mixin.
func (mm *mixinMemo) isGuard(bc *taint.Class, b string, depth int) bool {
	if bc == nil {
		return dispatchGuards[lastName(b)]
	}
	if g, ok := mm.guard[bc]; ok || depth > maxMRODepth {
		return g
	}
	mm.guard[bc] = false
	if d := bc.Methods["dispatch"]; d != nil && denial(mm.prog, bc.Module, d.Def().Body, false) {
		mm.guard[bc] = true
		return true
	}
	for _, bb := range bc.Bases {
		if mm.isGuard(mm.base(bc, bb), bb, depth+1) {
			mm.guard[bc] = true
			break
		}
	}
	return mm.guard[bc]
}

// libraryName reports whether a base's qualified name is Django's, DRF's
// or unresolved (a bare name from a star import).
func libraryName(q string) bool {
	return strings.HasPrefix(q, "django.") || strings.HasPrefix(q, "rest_framework.") || !strings.Contains(q, ".")
}
