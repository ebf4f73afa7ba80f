package deps

import (
	"fmt"
	"strconv"
	"strings"
)

// PoetryConstraint converts a Poetry version constraint ("^3.2", "~3.2.1",
// "3.2.*", ">=3.2,<4", "3.2.1", "*") to a PEP 440 specifier set. Alternatives
// joined by "||" are converted one by one and joined again by " || ".
func PoetryConstraint(s string) (string, error) {
	var alts []string
	for _, alt := range strings.Split(s, "||") {
		conv, err := poetryAnd(alt)
		if err != nil {
			return "", fmt.Errorf("poetry constraint %q: %w", s, err)
		}
		alts = append(alts, conv)
	}
	return strings.Join(alts, " || "), nil
}

func poetryAnd(s string) (string, error) {
	var clauses []string
	for _, c := range poetryClauses(s) {
		conv, err := poetryClause(c)
		if err != nil {
			return "", err
		}
		if conv != "" {
			clauses = append(clauses, conv)
		}
	}
	return strings.Join(clauses, ","), nil
}

// poetryClauses splits on commas and on spaces between clauses, keeping an
// operator with the version that follows it (">= 1.2").
func poetryClauses(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		fields := strings.Fields(part)
		for i := 0; i < len(fields); i++ {
			f := fields[i]
			if strings.Trim(f, "<>=!~^") == "" && i+1 < len(fields) {
				f += fields[i+1]
				i++
			}
			out = append(out, f)
		}
	}
	return out
}

func poetryClause(c string) (string, error) {
	switch {
	case c == "*" || c == "":
		return "", nil
	case strings.HasPrefix(c, "^"):
		return poetryRange(c[1:], caretUpper)
	case strings.HasPrefix(c, "~") && !strings.HasPrefix(c, "~="):
		return poetryRange(c[1:], tildeUpper)
	case strings.HasPrefix(c, "=") && !strings.HasPrefix(c, "=="):
		// Poetry takes a single "=" as "==" ("=4.2.9"); PEP 440 has
		// no such operator
		return poetryClause("=" + c)
	case strings.IndexAny(c[:1], "<>=!~") == 0:
		sp, err := ParseSpecifier(c)
		if err != nil {
			return "", err
		}
		return sp.String(), nil
	}
	if strings.HasSuffix(c, ".*") {
		return "==" + c, nil
	}
	if _, err := ParseVersion(c); err != nil {
		return "", err
	}
	return "==" + c, nil
}

// poetryRange builds ">=V,<U" where upper computes U from V's release.
func poetryRange(v string, upper func([]uint64) []uint64) (string, error) {
	ver, err := ParseVersion(v)
	if err != nil {
		return "", err
	}
	u := upper(ver.Release)
	parts := make([]string, len(u))
	for i, n := range u {
		parts[i] = strconv.FormatUint(n, 10)
	}
	return ">=" + ver.String() + ",<" + strings.Join(parts, "."), nil
}

// caretUpper increments the first non-zero component given (the last one when
// all are zero): ^1.2.3 is <2.0.0, ^0.2.3 is <0.3.0, ^0.0 is <0.1.
func caretUpper(r []uint64) []uint64 {
	i := len(r) - 1
	for j, n := range r {
		if n != 0 {
			i = j
			break
		}
	}
	return bump(r, i)
}

// tildeUpper increments the minor version when given, else the major:
// ~1.2.3 is <1.3.0, ~1 is <2.
func tildeUpper(r []uint64) []uint64 {
	if len(r) == 1 {
		return bump(r, 0)
	}
	return bump(r, 1)
}

func bump(r []uint64, i int) []uint64 {
	out := append([]uint64(nil), r[:i+1]...)
	out[i]++
	return out
}
