package access

import (
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/python"
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
	// the generic views' bases, Views too
	"BaseDetailView": true, "BaseListView": true, "BaseFormView": true, "BaseCreateView": true, "BaseUpdateView": true,
	"BaseDeleteView": true, "ProcessFormView": true, "BaseArchiveIndexView": true, "BaseDateDetailView": true,
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
	// Order says the mixin is listed before the view, but the method
	// resolution order puts its check after the view's dispatch (class
	// V(GalleryMixin, LoggedMixin, View), where GalleryMixin is a View:
	// LoggedMixin, View, LoginRequiredMixin).
	Order bool
	// Guard names another class of the order whose own dispatch turns
	// requests away before the view answers (a project mixin that
	// raises PermissionDenied): the view is not open to everyone, it
	// only lacks the check the shadowed mixin was meant to add. Empty
	// when no class does.
	Guard string
	// Skipper and Target are set when the check never runs because a
	// dispatch calls a later class's by name, past it (ShortcutMixin's
	// View.dispatch(self, request), where ShortcutMixin is built on
	// LoginRequiredMixin): the class whose dispatch does, and the class
	// it names.
	Skipper, Target string
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
	orders      map[*taint.Class][]mroClass // nil while being made, or when it cannot be
}

func newMixinMemo(prog *taint.Program, base baseLookup) *mixinMemo {
	return &mixinMemo{prog: prog, base: base, view: map[*taint.Class]bool{}, guard: map[*taint.Class]bool{},
		orders: map[*taint.Class][]mroClass{}}
}

// maxMRODepth bounds the walks through bases; real hierarchies are a few
// classes deep.
const maxMRODepth = 64

// shadowed returns the access mixins among c's bases whose check never
// runs: in c's method resolution order (Python's C3 linearization) every
// class that checks access for them comes after a dispatch that does not
// call super().dispatch (Django's View, a project view's own). A project
// mixin listed first whose dispatch hands on to super() keeps the chain
// going, so class V(GalleryMixin(View), LoginRequiredMixin, FormView) is
// protected: its order is GalleryMixin, LoginRequiredMixin, FormView,
// View. When the order cannot be made (a hierarchy Python itself would
// refuse), a mixin after the first view base is shadowed.
func (mm *mixinMemo) shadowed(c *taint.Class) []Shadowed {
	// Most classes list no access mixin: their order is not worked out,
	// nor kept (on netbox, keeping every class's took 2 MB).
	guarded := false
	for _, b := range c.Bases {
		bc := mm.base(c, b)
		guarded = guarded || !mm.isView(bc, b, 0) && mm.isGuard(bc, b, 0)
	}
	if !guarded {
		return nil
	}
	order, ok := mm.mro(c, "", 0)
	if !ok {
		return mm.shadowedByBases(c)
	}
	ch := mm.chain(order)
	if ch.end < 0 {
		return nil
	}
	var out []Shadowed
	for _, b := range c.Bases {
		bc := mm.base(c, b)
		if mm.isView(bc, b, 0) || !mm.isGuard(bc, b, 0) || mm.checksBefore(bc, b, ch.ran) {
			continue
		}
		view := mm.bringer(c, order[ch.end])
		s := Shadowed{Mixin: b, View: view, Order: slices.Index(c.Bases, b) < slices.Index(c.Bases, view),
			Guard: mm.guardBefore(ch.ran)}
		if sk, ok := mm.skipperOf(bc, b, ch); ok {
			s.Skipper, s.Target = nameOf(sk), nameOf(ch.skipped[sk])
		}
		out = append(out, s)
	}
	return out
}

// dispatchChain is the path a request takes through the dispatch methods
// of a method resolution order.
type dispatchChain struct {
	ran []mroClass // the classes whose dispatch ran and handed the request on, the class itself first
	end int        // the index in the order of the class whose dispatch answers, -1 when none does
	// skipped maps each class that called a later class's dispatch by
	// name to that class; the classes between them never ran.
	skipped map[mroClass]mroClass
}

// chain follows a request through order's dispatch methods: each hands it
// to the next class (super().dispatch), to a later class it names
// (PermissionRequiredMixin.dispatch(self, request)), or answers it.
func (mm *mixinMemo) chain(order []mroClass) dispatchChain {
	ch := dispatchChain{ran: []mroClass{order[0]}, end: -1}
	for i := 1; i < len(order); i++ {
		e := order[i]
		next, ends := mm.handoff(e)
		if ends {
			ch.end = i
			return ch
		}
		ch.ran = append(ch.ran, e)
		if next == nil {
			continue
		}
		j := slices.Index(order[i+1:], *next)
		if j < 0 { // a class outside the order: its dispatch is not this view's chain
			ch.end = i
			ch.ran = ch.ran[:len(ch.ran)-1]
			return ch
		}
		if j > 0 {
			if ch.skipped == nil {
				ch.skipped = map[mroClass]mroClass{}
			}
			ch.skipped[e] = *next
		}
		i += j
	}
	return ch
}

// handoff says where a class's dispatch sends the request: nowhere
// (ends: Django's View, or a project dispatch that calls no other), to
// the next class of the order (next nil: super().dispatch, or no dispatch
// of its own), or to the class it names (View.dispatch(self, request)).
func (mm *mixinMemo) handoff(e mroClass) (next *mroClass, ends bool) {
	if e.class == nil {
		return nil, e.lib == "View"
	}
	d := e.class.Methods["dispatch"]
	if d == nil || callsSuperDispatch(d.Def()) {
		return nil, false
	}
	named := namedDispatch(d.Def())
	if named == "" {
		return nil, true
	}
	t := mroClass{class: mm.base(e.class, named)}
	if t.class == nil {
		t = mroClass{lib: lastName(named)}
	}
	return &t, false
}

// skipperOf returns the class whose dispatch called a later class's by
// name past the check that base b (the project class bc when it is one)
// brings, when one did.
func (mm *mixinMemo) skipperOf(bc *taint.Class, b string, ch dispatchChain) (mroClass, bool) {
	if len(ch.skipped) == 0 {
		return mroClass{}, false
	}
	o, ok := mm.mro(bc, b, 0)
	if !ok {
		return mroClass{}, false
	}
	// a check of b's order that the request never met
	if !slices.ContainsFunc(o, func(e mroClass) bool { return mm.checks(e) && !slices.Contains(ch.ran, e) }) {
		return mroClass{}, false
	}
	// the first skipper of b's order, in the order the request met them
	for _, sk := range ch.ran {
		if _, ok := ch.skipped[sk]; ok && slices.Contains(o, sk) {
			return sk, true
		}
	}
	return mroClass{}, false
}

// nameOf is the name of a class of an order.
func nameOf(e mroClass) string {
	if e.class != nil {
		return e.class.Name
	}
	return e.lib
}

// guardBefore returns the name of the first class of before that checks
// access in its own dispatch, or "".
func (mm *mixinMemo) guardBefore(before []mroClass) string {
	for _, e := range before {
		if !mm.checks(e) {
			continue
		}
		if e.class != nil {
			return e.class.Name
		}
		return e.lib
	}
	return ""
}

// shadowedByBases is shadowed by the order of the bases alone: a guard
// after the first view base.
func (mm *mixinMemo) shadowedByBases(c *taint.Class) []Shadowed {
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

// mroClass is one class of a method resolution order: a project class,
// or a library class known by its last name (View, LoginRequiredMixin).
type mroClass struct {
	class *taint.Class
	lib   string
}

// mro returns the method resolution order of the project class bc, or of
// the library class named b when bc is nil. A library view is itself and
// View, an access mixin itself and AccessMixin: what decides where their
// dispatch runs.
func (mm *mixinMemo) mro(bc *taint.Class, b string, depth int) ([]mroClass, bool) {
	if bc == nil {
		name := lastName(b)
		switch {
		case name == "View" && mm.libraryBase(b):
			return []mroClass{{lib: "View"}}, true
		case viewClasses[name] && mm.libraryBase(b):
			return []mroClass{{lib: name}, {lib: "View"}}, true
		case dispatchGuards[name]:
			return []mroClass{{lib: name}, {lib: "AccessMixin"}}, true
		}
		return []mroClass{{lib: name}}, true
	}
	if o, ok := mm.orders[bc]; ok {
		return o, o != nil
	}
	if depth > maxMRODepth || len(bc.Bases) > maxMRODepth {
		return nil, false // merging is cubic in the bases
	}
	mm.orders[bc] = nil // a cycle fails
	var lists [][]mroClass
	for _, bb := range bc.Bases {
		o, ok := mm.mro(mm.base(bc, bb), bb, depth+1)
		if !ok {
			return nil, false
		}
		lists = append(lists, o)
	}
	lists = append(lists, baseClasses(mm, bc))
	merged, ok := c3Merge(lists)
	if !ok {
		return nil, false
	}
	o := append([]mroClass{{class: bc}}, merged...)
	mm.orders[bc] = o
	return o, true
}

// baseClasses is the list of bc's bases as classes, the last list C3
// merges.
func baseClasses(mm *mixinMemo, bc *taint.Class) []mroClass {
	out := make([]mroClass, 0, len(bc.Bases))
	for _, bb := range bc.Bases {
		if c := mm.base(bc, bb); c != nil {
			out = append(out, mroClass{class: c})
		} else {
			out = append(out, mroClass{lib: lastName(bb)})
		}
	}
	return out
}

// c3Merge merges orders as Python does: it takes, again and again, the
// first head of a list that is in no list's tail.
func c3Merge(lists [][]mroClass) ([]mroClass, bool) {
	var out []mroClass
	for {
		lists = slices.DeleteFunc(lists, func(l []mroClass) bool { return len(l) == 0 })
		if len(lists) == 0 {
			return out, true
		}
		var head mroClass
		found := false
		for _, l := range lists {
			cand := l[0]
			inTail := slices.ContainsFunc(lists, func(o []mroClass) bool { return slices.Contains(o[1:], cand) })
			if !inTail {
				head, found = cand, true
				break
			}
		}
		if !found || len(out) > 4*maxMRODepth {
			return nil, false
		}
		out = append(out, head)
		for i, l := range lists {
			if l[0] == head {
				lists[i] = l[1:]
			}
		}
	}
}

// checks reports whether a class checks access in its own dispatch: a
// library access mixin, or a project class whose dispatch turns requests
// away.
func (mm *mixinMemo) checks(e mroClass) bool {
	if e.class == nil {
		return dispatchGuards[e.lib]
	}
	d := e.class.Methods["dispatch"]
	return d != nil && denial(mm.prog, e.class.Module, d.Def().Body, false)
}

// checksBefore reports whether a class that checks access for base b
// (b itself or one of its own bases) is among before.
func (mm *mixinMemo) checksBefore(bc *taint.Class, b string, before []mroClass) bool {
	o, ok := mm.mro(bc, b, 0)
	if !ok {
		return false
	}
	for _, e := range o {
		if mm.checks(e) && slices.Contains(before, e) {
			return true
		}
	}
	return false
}

// bringer returns the base of c that is e, or else the first whose order
// holds e: the view base whose dispatch ends the chain.
func (mm *mixinMemo) bringer(c *taint.Class, e mroClass) string {
	for _, b := range c.Bases {
		if o, ok := mm.mro(mm.base(c, b), b, 0); ok && o[0] == e {
			return b
		}
	}
	for _, b := range c.Bases {
		if o, ok := mm.mro(mm.base(c, b), b, 0); ok && slices.Contains(o, e) {
			return b
		}
	}
	return e.lib
}

// callsSuperDispatch reports whether a dispatch hands the request on to
// the next class's: super().dispatch(...) or super(V, self).dispatch(...).
func callsSuperDispatch(def *python.FunctionDef) bool {
	found := false
	python.Inspect(def, func(n python.Node) bool {
		if c, ok := n.(*python.Call); ok && !found {
			if a, ok := c.Func.(*python.Attribute); ok && a.Attr == "dispatch" {
				if s, ok := a.Value.(*python.Call); ok {
					if nm, ok := s.Func.(*python.Name); ok && nm.ID == "super" {
						found = true
					}
				}
			}
		}
		return !found
	})
	return found
}

// namedDispatch returns the class a dispatch hands the request to by
// name, X in X.dispatch(self, ...), or "".
func namedDispatch(def *python.FunctionDef) string {
	named := ""
	python.Inspect(def, func(n python.Node) bool {
		if c, ok := n.(*python.Call); ok && named == "" && len(c.Args) > 0 {
			a, ok := c.Func.(*python.Attribute)
			if !ok || a.Attr != "dispatch" {
				return true
			}
			cls, ok := a.Value.(*python.Name)
			self, isName := c.Args[0].(*python.Name)
			if ok && isName && self.ID == "self" {
				named = cls.ID
			}
		}
		return named == ""
	})
	return named
}

// isView reports whether base b, the project class bc when it is one, is
// a view class: one of the library's or a project class built on one.
func (mm *mixinMemo) isView(bc *taint.Class, b string, depth int) bool {
	if bc == nil {
		return viewClasses[lastName(b)] && mm.libraryBase(b)
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

// libraryBase reports a base that is Django's or DRF's class b names: by
// its qualified name, or, for a name the project re-exports from a module
// of its own (from shop.views import TemplateView), by its last name when
// the project defines no class of that name.
func (mm *mixinMemo) libraryBase(b string) bool {
	return libraryName(b) || len(mm.prog.ClassesEndingIn(lastName(b))) == 0
}
