package settings

import "fmt"

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
	return fmt.Sprintf(" whenever %s %s unset", VarList(c.Vars), verb)
}

// FromEnv reports whether the case depends on environment defaults.
func (c Case) FromEnv() bool { return len(c.Vars) > 0 }

// Resolve returns the value v certainly has, or has whenever the variables it
// reads are unset. A MayBe resolves only when every alternative resolves to
// an equal value. ok is false when the value cannot be known.
func Resolve(v *Value) (Case, bool) {
	return Check(v, func(*Value) bool { return true })
}

// Check returns a case of v for which pred holds, when pred holds however
// v is decided: for a MayBe, pred must hold on every alternative.
func Check(v *Value, pred func(*Value) bool) (Case, bool) {
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
		c, ok := Check(v.Default, pred)
		if !ok {
			return c, false
		}
		c.Vars = unionVars(v.Vars, c.Vars)
		if v.Why != "branch" {
			c.At = v.Origin
		}
		return c, true
	case MayBe:
		var first Case
		for i, a := range v.Alts {
			c, ok := Check(a, pred)
			if !ok {
				return Case{}, false
			}
			if i == 0 {
				first = c
			} else {
				first.Vars = unionVars(first.Vars, c.Vars)
			}
		}
		return first, true
	}
	if !pred(v) {
		return Case{}, false
	}
	return Case{V: v, At: v.Origin}, true
}
