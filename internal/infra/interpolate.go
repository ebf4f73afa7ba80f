package infra

import "strings"

// Interpolated is a string after compose-style variable substitution.
type Interpolated struct {
	Value string
	// Vars are the variables the string reads; Defaulted are those that
	// were unset, so that their default (or "") was used.
	Vars      []string
	Defaulted []string
	// Required are variables with ${VAR:?message} that were unset: compose
	// refuses to start without them.
	Required []string
}

// Interpolate substitutes $VAR, ${VAR}, ${VAR:-default}, ${VAR-default},
// ${VAR:?err}, ${VAR?err}, ${VAR:+alt} and ${VAR+alt} the way docker compose
// does, with lookup giving the variables that are set; $$ is a literal $.
// Defaults may hold further substitutions. Nesting is bounded.
func Interpolate(s string, lookup func(string) (string, bool)) Interpolated {
	var r Interpolated
	r.Value = interp(s, lookup, &r, 0)
	return r
}

func interp(s string, lookup func(string) (string, bool), r *Interpolated, depth int) string {
	if depth > 10 || !strings.Contains(s, "$") {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c != '$' || i+1 >= len(s) {
			sb.WriteByte(c)
			i++
			continue
		}
		n := s[i+1]
		switch {
		case n == '$':
			sb.WriteByte('$')
			i += 2
		case n == '{':
			end := matchBrace(s, i+2)
			if end < 0 {
				sb.WriteString(s[i:])
				return sb.String()
			}
			sb.WriteString(expand(s[i+2:end], lookup, r, depth))
			i = end + 1
		case isNameStart(n):
			j := i + 1
			for j < len(s) && isNameChar(s[j]) {
				j++
			}
			name := s[i+1 : j]
			r.Vars = append(r.Vars, name)
			if v, ok := lookup(name); ok {
				sb.WriteString(v)
			} else {
				r.Defaulted = append(r.Defaulted, name)
			}
			i = j
		default:
			sb.WriteByte(c)
			i++
		}
	}
	return sb.String()
}

func matchBrace(s string, from int) int {
	depth := 1
	for j := from; j < len(s); j++ {
		switch s[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

func expand(body string, lookup func(string) (string, bool), r *Interpolated, depth int) string {
	j := 0
	for j < len(body) && isNameChar(body[j]) {
		j++
	}
	name, rest := body[:j], body[j:]
	if name == "" {
		return ""
	}
	r.Vars = append(r.Vars, name)
	v, set := lookup(name)
	op, arg := "", ""
	for _, o := range []string{":-", ":?", ":+", "-", "?", "+"} {
		if strings.HasPrefix(rest, o) {
			op, arg = o, rest[len(o):]
			break
		}
	}
	empty := set && v == ""
	switch op {
	case ":-", "-":
		if !set || (op == ":-" && empty) {
			r.Defaulted = append(r.Defaulted, name)
			return interp(arg, lookup, r, depth+1)
		}
		return v
	case ":?", "?":
		if !set || (op == ":?" && empty) {
			r.Required = append(r.Required, name)
			return ""
		}
		return v
	case ":+", "+":
		if set && !(op == ":+" && empty) {
			return interp(arg, lookup, r, depth+1)
		}
		return ""
	}
	if !set {
		r.Defaulted = append(r.Defaulted, name)
	}
	return v
}

func isNameStart(b byte) bool { return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
func isNameChar(b byte) bool  { return isNameStart(b) || b >= '0' && b <= '9' }
