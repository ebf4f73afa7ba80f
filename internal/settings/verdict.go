package settings

import (
	"fmt"
	"path"
)

// Case is a value of a setting that djsec can prove: it always holds, or it
// holds whenever the environment variables Vars are unset.
type Case struct {
	V    *Value   // a known value
	Vars []string // variables that must be unset; empty when V always holds
	At   Origin   // where the value is set: the literal, or the environment lookup
}

// When is "" or " whenever DJANGO_DEBUG is unset", for messages.
func (c Case) When() string {
	if len(c.Vars) == 0 {
		return ""
	}
	verb := "is"
	if len(c.Vars) > 1 {
		verb = "are"
	}
	if b := path.Base(c.At.Path); b == ".env" || b == "settings.ini" {
		return fmt.Sprintf(" whenever %s %s unset in the environment (the committed %s sets it)", VarList(c.Vars), verb, c.At.Path)
	}
	return fmt.Sprintf(" whenever %s %s unset", VarList(c.Vars), verb)
}

// FromEnv reports whether the case depends on environment defaults.
func (c Case) FromEnv() bool { return len(c.Vars) > 0 }

// Resolve returns the value v certainly has, or has whenever the variables it
// reads are unset. ok is false when the value cannot be known.
func Resolve(v *Value) (Case, bool) {
	return Check(v, func(*Value) bool { return true })
}

// Check returns the case of v when pred holds on it. A MayBe value resolves
// only when every alternative resolves to the same value. An Env value
// resolves to its value when its variables are unset; when it comes from an
// if on the environment and the other branch gives the same value, the case
// holds whatever the variables are.
func Check(v *Value, pred func(*Value) bool) (Case, bool) { return decide(v, pred, true) }

// Holds is Check for a property rather than a value: it returns a case when
// pred holds however v is decided, and the case needs no environment
// variable unset when pred holds on both branches of an if on them, even if
// the values differ (a MIDDLEWARE list that lacks CsrfViewMiddleware with or
// without the debug toolbar). The case's value is the one of the branch taken
// when the variables are unset; rules may describe it, but must not draw
// other conclusions from it.
func Holds(v *Value, pred func(*Value) bool) (Case, bool) { return decide(v, pred, false) }

// decideAlts returns c for an Env value whose values when its variables
// are set are alts, when pred holds on each of them too (and, with same,
// each is c's value): then the case holds whatever the variables are. It
// is false when alts is empty, since the other values are not known.
func decideAlts(c Case, alts []*Value, pred func(*Value) bool, same bool) (Case, bool) {
	if len(alts) == 0 {
		return c, false
	}
	for _, a := range alts {
		c2, ok := decide(a, pred, same)
		if !ok || same && Equal(c.V, c2.V) != 1 {
			return c, false
		}
		c.Vars = unionVars(c.Vars, c2.Vars)
	}
	return c, true
}

// decide is Check when same is true and Holds when it is false: same asks
// that the alternatives of an if give equal values, not only values pred
// holds on.
func decide(v *Value, pred func(*Value) bool, same bool) (Case, bool) {
	if v == nil {
		return Case{}, false
	}
	switch v.Kind {
	case Unknown, Module, Func:
		return Case{}, false
	case Env:
		if v.Default == nil {
			return Case{}, false
		}
		c, ok := decide(v.Default, pred, same)
		if !ok {
			return c, false
		}
		if alts, ok := decideAlts(c, v.Alts, pred, same); ok {
			return alts, true
		}
		c.Vars = unionVars(v.Vars, c.Vars)
		if v.Why != "branch" {
			c.At = v.Origin
		}
		return c, true
	case MayBe:
		var first Case
		for i, a := range v.Alts {
			c, ok := decide(a, pred, same)
			if !ok {
				return Case{}, false
			}
			if i == 0 {
				first = c
				continue
			}
			if same && Equal(first.V, c.V) != 1 {
				return Case{}, false
			}
			first.Vars = unionVars(first.Vars, c.Vars)
		}
		return first, true
	}
	if !pred(v) {
		return Case{}, false
	}
	return Case{V: v, At: v.Origin}, true
}
