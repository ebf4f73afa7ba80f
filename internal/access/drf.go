package access

import (
	"strings"

	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/settings"
	"github.com/djsec/djsec/internal/taint"
)

// drfDecorator reads @permission_classes([...]), @authentication_classes
// and @throttle_classes on a function view.
func (a *analyzer) drfDecorator(v *View, m *taint.Module, call *python.Call, name string) {
	if len(call.Args) == 0 {
		return
	}
	switch name {
	case "permission_classes", "authentication_classes", "throttle_classes":
		a.drfAttr(v, m, name, call.Args[0], m.Location(call))
		if v.drfSeen == nil {
			v.drfSeen = map[string]bool{}
		}
		v.drfSeen[name] = true
	}
}

// drfAttr applies a permission_classes, authentication_classes or
// throttle_classes value written in the code.
func (a *analyzer) drfAttr(v *View, m *taint.Module, attr string, value python.Expr, loc report.Location) {
	var names []string
	or := false
	python.Inspect(value, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.BinOp:
			if x.Op == python.BitOr {
				or = true
			}
		case *python.Name, *python.Attribute:
			if q := m.QualName(x.(python.Expr)); q != "" {
				names = append(names, a.prog.Canonical(q))
			}
			return false
		case *python.Call:
			if q := m.QualName(x.Func); q != "" {
				names = append(names, a.prog.Canonical(q))
			}
			return false
		}
		return true
	})
	a.drfClasses(v, m, attr, names, or, loc, m.Text(value))
}

func (a *analyzer) drfClasses(v *View, m *taint.Module, attr string, names []string, or bool, loc report.Location, text string) {
	switch attr {
	case "permission_classes":
		var best *Guard
		for _, q := range names {
			g := a.permClass(m, q)
			g.Where = loc
			switch {
			case best == nil:
				best = &g
			case or && (g.Kind == Public || best.Kind != Public && stronger(best.Kind, g.Kind)):
				best = &g
			case !or && best.Kind == Public && g.Kind != Public, !or && g.Kind != Public && stronger(g.Kind, best.Kind):
				best = &g
			}
		}
		if best == nil {
			v.Publics = append(v.Publics, Guard{Kind: Public, What: "permission_classes is empty", Where: loc})
			return
		}
		if best.Kind == Login && !or {
			// [IsAuthenticatedOrReadOnly, IsAuthenticated] asks a
			// login for reads too: every class must let them through.
			for _, q := range names {
				if g := a.permClass(m, q); g.Kind == Login && !g.ReadsOpen {
					best.ReadsOpen = false
				}
			}
		}
		best.What = text
		if !strings.HasPrefix(text, "DEFAULT_") {
			best.What = "permission_classes " + text
		}
		switch best.Kind {
		case Public:
			v.Publics = append(v.Publics, *best)
		case Unknown:
			v.Unknowns = append(v.Unknowns, *best)
		default:
			v.Guards = append(v.Guards, *best)
		}
	case "authentication_classes":
		v.AuthClass = Decision{Value: text, Detail: "authentication_classes " + text, Where: loc}
		v.Session, v.SkipsCSRF = false, nil
		for _, q := range names {
			if lastName(q) == "SessionAuthentication" {
				v.Session = true
			} else if c := lookupClass(a.prog, m, q); c != nil && a.prog.IsSubclass(c, func(b string) bool { return lastName(b) == "SessionAuthentication" }) {
				v.Session = true
				if d := noCSRFCheck(c); d != nil && v.SkipsCSRF == nil {
					v.SkipsCSRF = &Guard{What: lastName(c.QName) + ".enforce_csrf checks nothing", Where: c.Module.Location(d)}
				}
			}
		}
		if g, ok := a.refusingAuth(m, names); ok {
			g.Where = loc
			v.Guards = append(v.Guards, g)
		}
	case "throttle_classes":
		if len(names) > 0 {
			v.Throttle = append(v.Throttle, Guard{Kind: "throttle", What: "throttle_classes " + text, Where: loc})
		}
	}
}

// refusingAuth returns a login guard when every authentication class
// named is a project class whose own authenticate() never returns None:
// DRF authenticates before any permission is asked, and a class that
// raises AuthenticationFailed (or fails) instead of returning None for a
// request without credentials refuses it, whatever permission_classes
// says.
func (a *analyzer) refusingAuth(m *taint.Module, names []string) (Guard, bool) {
	if len(names) == 0 {
		return Guard{}, false
	}
	for _, q := range names {
		c := lookupClass(a.prog, m, q)
		if c == nil || !neverAnonymous(c) {
			return Guard{}, false
		}
	}
	return Guard{Kind: Login, What: "authentication_classes " + strings.Join(shortNames(names), ", ") +
		", whose authenticate() never returns None, so DRF refuses requests without credentials"}, true
}

// neverAnonymous reports a class whose own authenticate method returns a
// (user, auth) tuple at every return and ends in a return or a raise,
// or raises first thing when the request carries no credential
// (refusesMissing): it never hands DRF the None that means "no
// credentials, go on anonymously".
func neverAnonymous(c *taint.Class) bool {
	for _, st := range c.Def().Body {
		d, ok := st.(*python.FunctionDef)
		if !ok || d.Name != "authenticate" || len(d.Body) == 0 {
			continue
		}
		if refusesMissing(d) {
			return true
		}
		switch d.Body[len(d.Body)-1].(type) {
		case *python.Return, *python.Raise:
		default:
			return false
		}
		tuples := true
		python.Inspect(d, func(n python.Node) bool {
			switch x := n.(type) {
			case *python.FunctionDef:
				return x == d
			case *python.Lambda, *python.ClassDef:
				return false
			case *python.Return:
				if _, ok := x.Value.(*python.Tuple); !ok {
					tuples = false
				}
			}
			return tuples
		})
		return tuples
	}
	return false
}

// refusesMissing reports an authenticate method that reads what the
// request carries into a name and, before anything else, raises when
// there is none: auth = request.META.get("HTTP_AUTHORIZATION"), then if
// auth is None: raise AuthenticationFailed(...). Whatever it does with a
// credential it is given, a request without one is refused.
func refusesMissing(d *python.FunctionDef) bool {
	read := map[string]bool{}
	for _, st := range d.Body {
		switch s := st.(type) {
		case *python.ExprStmt:
			if _, doc := s.Value.(*python.Constant); !doc {
				return false
			}
		case *python.Assign:
			n, ok := s.Targets[0].(*python.Name)
			if len(s.Targets) != 1 || !ok || !python.ReadsName(s.Value, "request") {
				return false
			}
			read[n.ID] = true
		case *python.If:
			n := absenceTested(s.Test)
			if n == nil || !read[n.ID] || len(s.Orelse) != 0 || len(s.Body) == 0 {
				return false
			}
			_, raises := s.Body[len(s.Body)-1].(*python.Raise)
			return raises
		default:
			return false
		}
	}
	return false
}

// absenceTested returns the name a test asks is unset: x is None, not x.
func absenceTested(e python.Expr) *python.Name {
	switch t := e.(type) {
	case *python.Compare:
		if len(t.Ops) == 1 && t.Ops[0] == python.Is && isNone(t.Comparators[0]) {
			n, _ := t.Left.(*python.Name)
			return n
		}
	case *python.UnaryOp:
		if t.Op == python.Not {
			n, _ := t.Operand.(*python.Name)
			return n
		}
	}
	return nil
}

// permClass classifies a DRF permission class.
func (a *analyzer) permClass(m *taint.Module, q string) Guard {
	return a.permClassAt(m, q, 0, new(taint.Classes))
}

// permClassAt is permClass below depth, each class looked at once (seen):
// classes named BasePermission that name each other as bases would make
// the walk exponential.
func (a *analyzer) permClassAt(m *taint.Module, q string, depth int, seen *taint.Classes) Guard {
	name := lastName(q)
	switch name {
	case "AllowAny":
		return Guard{Kind: Public, What: name}
	case "IsAuthenticated":
		return Guard{Kind: Login, What: name}
	case "IsAuthenticatedOrReadOnly":
		return Guard{Kind: Login, What: name, ReadsOpen: true}
	case "IsAdminUser":
		return Guard{Kind: Staff, What: name}
	case "DjangoModelPermissions", "DjangoObjectPermissions", "DjangoModelPermissionsOrAnonReadOnly":
		return Guard{Kind: Permission, What: name}
	case "TokenHasScope", "TokenHasReadWriteScope", "TokenHasResourceScope", "HasAPIKey":
		return Guard{Kind: Credential, What: name}
	}
	c := lookupClass(a.prog, m, q)
	if c == nil || depth > 8 || seen.Len() >= taint.MaxMRO || !seen.Add(c) {
		return Guard{Kind: Permission, What: name}
	}
	for _, mname := range []string{"has_permission"} {
		if f := c.Methods[mname]; f != nil {
			if alwaysTrue(f.Def()) {
				return Guard{Kind: Public, What: name + ".has_permission returns True"}
			}
			if g, ok := a.behaviour(f); ok {
				// a check of its own before super().has_permission(): the
				// base's check runs too, and may ask more (a token's
				// write flag, then DjangoModelPermissions)
				if callsSuper(f.Def(), "has_permission") {
					for _, b := range c.Bases {
						if bg := a.permClassAt(c.Module, b, depth+1, seen); isGuard(bg.Kind) && stronger(bg.Kind, g.Kind) && lastName(b) != "BasePermission" {
							g.Kind = bg.Kind
						}
					}
				}
				return Guard{Kind: g.Kind, What: name}
			}
		}
	}
	for _, b := range c.Bases {
		if g := a.permClassAt(c.Module, b, depth+1, seen); g.Kind != Permission || lastName(b) != "BasePermission" {
			if lastName(b) != "BasePermission" && lastName(b) != "object" {
				return Guard{Kind: g.Kind, What: name}
			}
		}
	}
	return Guard{Kind: Permission, What: name}
}

func alwaysTrue(def *python.FunctionDef) bool {
	body := def.Body
	if len(body) > 0 {
		if es, ok := body[0].(*python.ExprStmt); ok {
			if _, ok := es.Value.(*python.Constant); ok { // docstring
				body = body[1:]
			}
		}
	}
	if len(body) != 1 {
		return false
	}
	r, ok := body[0].(*python.Return)
	if !ok {
		return false
	}
	c, ok := r.Value.(*python.Constant)
	return ok && c.Value == true
}

// drfDefaults applies REST_FRAMEWORK's defaults to a function view.
func (a *analyzer) drfDefaults(v *View) {
	a.drfDefaultsFor(v, v.drfSeen)
}

// drfDefaultsFor applies the REST_FRAMEWORK defaults for the attributes a
// view does not set.
func (a *analyzer) drfDefaultsFor(v *View, set map[string]bool) {
	v.DefaultPermissions = !set["permission_classes"]
	rf := a.setting("REST_FRAMEWORK")
	if a.entry == nil || rf != nil && rf.Kind == settings.Unknown {
		if !set["permission_classes"] {
			v.Unknowns = append(v.Unknowns, Guard{Kind: Unknown, What: "REST_FRAMEWORK settings could not be read"})
		}
		if !set["authentication_classes"] {
			v.Session = true
			v.AuthClass = Decision{Value: "default", Detail: "DRF defaults"}
		}
		return
	}
	read := func(key string) ([]string, report.Location, bool, bool) {
		if rf == nil {
			return nil, a.entry.Location(), false, true
		}
		c, ok := settings.Check(rf, func(v *settings.Value) bool { return v.Kind == settings.Dict })
		if !ok {
			return nil, report.Location{}, false, false
		}
		val := c.V.Get(key)
		if val == nil {
			if c.V.HasUnknownKeys() {
				return nil, settings.Loc(c.V.Origin), false, false
			}
			return nil, settings.Loc(c.V.Origin), false, true
		}
		list, _, ok := settingStrings(val)
		return list, settings.Loc(val.Origin), true, ok
	}
	if !set["permission_classes"] {
		list, loc, present, ok := read("DEFAULT_PERMISSION_CLASSES")
		switch {
		case !ok:
			v.Unknowns = append(v.Unknowns, Guard{Kind: Unknown, What: "DEFAULT_PERMISSION_CLASSES could not be read", Where: loc})
		case !present:
			v.Publics = append(v.Publics, Guard{Kind: Open, What: "DRF's default AllowAny (REST_FRAMEWORK sets no DEFAULT_PERMISSION_CLASSES)", Where: loc})
		default:
			a.drfClasses(v, nil, "permission_classes", list, false, loc, "DEFAULT_PERMISSION_CLASSES "+strings.Join(shortNames(list), ", "))
		}
	}
	if !set["authentication_classes"] {
		list, loc, present, ok := read("DEFAULT_AUTHENTICATION_CLASSES")
		switch {
		case !ok:
			v.Session = true
			v.AuthClass = Decision{Value: "unknown", Detail: "DEFAULT_AUTHENTICATION_CLASSES could not be read", Where: loc}
		case !present:
			v.Session = true
			v.AuthClass = Decision{Value: "default", Detail: "DRF's default SessionAuthentication, BasicAuthentication", Where: loc}
		default:
			a.drfClasses(v, nil, "authentication_classes", list, false, loc, strings.Join(shortNames(list), ", "))
		}
	}
	if !set["throttle_classes"] {
		list, loc, present, ok := read("DEFAULT_THROTTLE_CLASSES")
		if ok && present && len(list) > 0 {
			v.Throttle = append(v.Throttle, Guard{Kind: "throttle", What: "DEFAULT_THROTTLE_CLASSES " + strings.Join(shortNames(list), ", "), Where: loc})
		}
	}
}

func shortNames(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = lastName(s)
	}
	return out
}

// noCSRFCheck returns the enforce_csrf a session authentication class
// defines to check nothing (return, pass), the way projects let their
// JavaScript post without the token: sessions are then taken from cookies
// with no CSRF check. nil when the class keeps DRF's check.
func noCSRFCheck(c *taint.Class) *python.FunctionDef {
	for _, s := range c.Def().Body {
		d, ok := s.(*python.FunctionDef)
		if !ok || d.Name != "enforce_csrf" {
			continue
		}
		for _, st := range d.Body {
			switch x := st.(type) {
			case *python.Pass:
			case *python.Return:
				if x.Value != nil {
					if c, ok := x.Value.(*python.Constant); !ok || c.Value != (python.None{}) {
						return nil
					}
				}
			case *python.ExprStmt:
				if _, ok := x.Value.(*python.Constant); !ok {
					return nil // a call: some check of its own
				}
			default:
				return nil
			}
		}
		return d
	}
	return nil
}
