package deps

import (
	"fmt"
	"strings"
)

// Specifier is one PEP 440 version clause, such as ">=4.2" or "==5.*".
type Specifier struct {
	Op       string // one of ~= == != <= >= < > ===
	Version  string // as written, without the trailing ".*"
	Wildcard bool   // "==V.*" or "!=V.*"
	v        Version
}

// SpecifierSet is a comma-separated list of clauses; a version matches when it
// matches every clause.
type SpecifierSet []Specifier

var operators = []string{"===", "~=", "==", "!=", "<=", ">=", "<", ">"}

// ParseSpecifierSet parses a comma-separated PEP 440 specifier list. An empty
// string is the empty set, which every version matches.
func ParseSpecifierSet(s string) (SpecifierSet, error) {
	var set SpecifierSet
	for _, clause := range strings.Split(s, ",") {
		clause = strings.TrimSpace(clause)
		if clause == "" {
			if strings.TrimSpace(s) == "" {
				return nil, nil
			}
			return nil, fmt.Errorf("empty clause in specifier %q", s)
		}
		sp, err := ParseSpecifier(clause)
		if err != nil {
			return nil, err
		}
		set = append(set, sp)
	}
	return set, nil
}

// ParseSpecifier parses one clause.
func ParseSpecifier(s string) (Specifier, error) {
	s = strings.TrimSpace(s)
	var sp Specifier
	for _, op := range operators {
		if strings.HasPrefix(s, op) {
			sp.Op = op
			break
		}
	}
	if sp.Op == "" {
		return sp, fmt.Errorf("specifier %q has no operator", s)
	}
	sp.Version = strings.TrimSpace(s[len(sp.Op):])
	if sp.Op == "===" {
		// Arbitrary equality compares strings and accepts any text.
		if sp.Version == "" {
			return sp, fmt.Errorf("specifier %q has no version", s)
		}
		return sp, nil
	}
	if strings.HasSuffix(sp.Version, ".*") {
		if sp.Op != "==" && sp.Op != "!=" {
			return sp, fmt.Errorf("specifier %q: a wildcard is allowed only with == and !=", s)
		}
		sp.Wildcard = true
		sp.Version = strings.TrimSuffix(sp.Version, ".*")
	}
	v, err := ParseVersion(sp.Version)
	if err != nil {
		return sp, fmt.Errorf("specifier %q: %w", s, err)
	}
	if err := checkClause(sp, v); err != nil {
		return sp, fmt.Errorf("specifier %q: %w", s, err)
	}
	sp.v = v
	return sp, nil
}

// checkClause enforces the restrictions PEP 440 puts on each operator.
func checkClause(sp Specifier, v Version) error {
	switch {
	case sp.Wildcard && (v.PreKind != 0 || v.HasPost || v.HasDev || len(v.Local) > 0):
		return fmt.Errorf("a prefix match may only name a release")
	case sp.Op == "~=" && len(v.Release) < 2:
		return fmt.Errorf("~= needs at least two release components")
	case sp.Op != "==" && sp.Op != "!=" && len(v.Local) > 0:
		return fmt.Errorf("a local version is allowed only with == and !=")
	}
	return nil
}

// String returns the clause in normalized spelling.
func (sp Specifier) String() string {
	if sp.Op == "===" {
		return sp.Op + sp.Version
	}
	s := sp.Op + sp.v.String()
	if sp.Wildcard {
		s += ".*"
	}
	return s
}

// String joins the clauses with commas.
func (set SpecifierSet) String() string {
	parts := make([]string, len(set))
	for i, sp := range set {
		parts[i] = sp.String()
	}
	return strings.Join(parts, ",")
}

// Contains reports whether v satisfies the clause. It does not apply the
// pre-release exclusion of sets; see SpecifierSet.Contains.
func (sp Specifier) Contains(v Version) bool {
	switch sp.Op {
	case "==":
		return sp.equal(v)
	case "!=":
		return !sp.equal(v)
	case "~=":
		prefix := Specifier{Op: "==", Wildcard: true, v: Version{Epoch: sp.v.Epoch, Release: sp.v.Release[:len(sp.v.Release)-1]}}
		return v.Public().Compare(sp.v) >= 0 && prefix.equal(v)
	case "<=":
		return v.Public().Compare(sp.v) <= 0
	case ">=":
		return v.Public().Compare(sp.v) >= 0
	case "<":
		return sp.less(v)
	case ">":
		return sp.greater(v)
	case "===":
		return strings.EqualFold(strings.TrimSpace(sp.Version), v.String())
	}
	return false
}

// ContainsString is Contains for a version string; "===" compares it as
// written, and an invalid version matches only "===".
func (sp Specifier) ContainsString(s string) bool {
	if sp.Op == "===" {
		return strings.EqualFold(strings.TrimSpace(sp.Version), strings.TrimSpace(s))
	}
	v, err := ParseVersion(s)
	return err == nil && sp.Contains(v)
}

func (sp Specifier) equal(v Version) bool {
	if sp.Wildcard {
		if v.Epoch != sp.v.Epoch {
			return false
		}
		// Prefix matching pads the candidate's release with zeros, so 1.0
		// matches ==1.0.0.* and the suffixes of the candidate are ignored.
		for i, n := range sp.v.Release {
			if v.component(i) != n {
				return false
			}
		}
		return true
	}
	if len(sp.v.Local) == 0 {
		v = v.Public()
	}
	return v.Compare(sp.v) == 0
}

// less implements "<V": it excludes pre-releases of V itself unless V is one.
func (sp Specifier) less(v Version) bool {
	if v.Public().Compare(sp.v) >= 0 {
		return false
	}
	if !sp.v.IsPrerelease() && v.IsPrerelease() && v.base().Compare(sp.v.base()) == 0 {
		return false
	}
	return true
}

// greater implements ">V": it excludes post-releases of V unless V is one, and
// local versions of V.
func (sp Specifier) greater(v Version) bool {
	if v.Public().Compare(sp.v) <= 0 {
		return false
	}
	if !sp.v.HasPost && v.HasPost && v.base().Compare(sp.v.base()) == 0 {
		return false
	}
	if len(v.Local) > 0 && v.base().Compare(sp.v.base()) == 0 {
		return false
	}
	return true
}

// allowsPrereleases reports whether the clause names a pre-release, which
// opts the whole set into matching pre-releases.
func (sp Specifier) allowsPrereleases() bool {
	if sp.Op == "!=" || sp.Op == "===" {
		return false
	}
	return sp.v.IsPrerelease()
}

// Contains reports whether v satisfies every clause. As installers do,
// pre-releases match only when a clause names one (or prereleases is true).
func (set SpecifierSet) Contains(v Version, prereleases bool) bool {
	if v.IsPrerelease() && !prereleases {
		for _, sp := range set {
			prereleases = prereleases || sp.allowsPrereleases()
		}
		if !prereleases {
			return false
		}
	}
	for _, sp := range set {
		if !sp.Contains(v) {
			return false
		}
	}
	return true
}

// Pinned returns the single version the set allows, when it is one exact
// "==V" (no wildcard) or "===V" clause, as in "django==4.2.16".
func (set SpecifierSet) Pinned() (string, bool) {
	for _, sp := range set {
		if (sp.Op == "==" && !sp.Wildcard) || sp.Op == "===" {
			return sp.Version, true
		}
	}
	return "", false
}
