package infra

import (
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Line is one setting of a line-oriented configuration file: redis.conf,
// sshd_config, pg_hba.conf (space-separated words), or an INI file
// (uwsgi.ini, fail2ban's jail.local: key = value under [section]).
type Line struct {
	Key     string
	Args    []string // the words after the key; for INI files, the value as one element
	Pos     Pos
	Section string // INI: the [section]; sshd_config: the Match line a setting is under
}

// Value returns the arguments joined by a space.
func (l Line) Value() string { return strings.Join(l.Args, " ") }

// ParseWords parses a file of "key arg arg ..." lines with # comments and
// double- or single-quoted arguments, as redis.conf, sshd_config and
// pg_hba.conf are written. sshd_config's Match lines start a section that
// lasts until the next Match (matchSections).
func ParseWords(src []byte, matchSections bool) []Line {
	var out []Line
	section := ""
	for i, raw := range strings.Split(string(src), "\n") {
		text := strings.TrimRight(raw, "\r")
		trimmed := strings.TrimSpace(text)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		words := splitWords(trimmed)
		if len(words) == 0 {
			continue
		}
		col := len(text) - len(strings.TrimLeft(text, " \t")) + 1
		l := Line{Key: words[0], Args: words[1:], Pos: Pos{i + 1, col}}
		// sshd_config allows "Key=value".
		if k, v, ok := strings.Cut(l.Key, "="); ok && matchSections && k != "" {
			l.Key = k
			if v != "" {
				l.Args = append([]string{v}, l.Args...)
			}
		}
		if matchSections && strings.EqualFold(l.Key, "match") {
			section = trimmed
			if len(l.Args) > 0 && strings.EqualFold(l.Args[0], "all") {
				section = ""
			}
			continue
		}
		l.Section = section
		out = append(out, l)
	}
	return out
}

// splitWords splits at blanks outside quotes and stops at an unquoted #.
func splitWords(s string) []string {
	var out []string
	var sb strings.Builder
	in := false
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && i+1 < len(s) {
				i++
				sb.WriteByte(s[i])
			} else {
				sb.WriteByte(c)
			}
		case c == '"' || c == '\'':
			quote, in = c, true
		case c == '#' && !in:
			i = len(s)
		case c == ' ' || c == '\t' || c == '\r':
			if in {
				out = append(out, sb.String())
				sb.Reset()
				in = false
			}
		default:
			sb.WriteByte(c)
			in = true
		}
	}
	if in {
		out = append(out, sb.String())
	}
	return out
}

// ParseINI parses an INI file: [section] headers, key = value or key: value
// lines, bare keys (uwsgi's "master"), # and ; comments, and indented
// continuation lines (fail2ban), which are joined to the value.
func ParseINI(src []byte) []Line {
	var out []Line
	section := ""
	for i, raw := range strings.Split(string(src), "\n") {
		text := strings.TrimRight(raw, "\r")
		trimmed := strings.TrimSpace(text)
		if trimmed == "" || trimmed[0] == '#' || trimmed[0] == ';' {
			continue
		}
		if strings.HasPrefix(trimmed, "[") {
			if j := strings.IndexByte(trimmed, ']'); j > 0 {
				section = strings.TrimSpace(trimmed[1:j])
				continue
			}
		}
		if (text[0] == ' ' || text[0] == '\t') && len(out) > 0 && out[len(out)-1].Section == section {
			last := &out[len(out)-1]
			last.Args = []string{strings.TrimSpace(last.Value() + "\n" + trimmed)}
			continue
		}
		col := len(text) - len(strings.TrimLeft(text, " \t")) + 1
		k, v := trimmed, ""
		if j := strings.IndexAny(trimmed, "=:"); j > 0 {
			k, v = strings.TrimSpace(trimmed[:j]), strings.TrimSpace(trimmed[j+1:])
		}
		l := Line{Key: k, Pos: Pos{i + 1, col}, Section: section}
		if v != "" {
			l.Args = []string{v}
		}
		out = append(out, l)
	}
	return out
}

// YAMLDoc is a parsed YAML document whose values can be looked up by
// dotted path with their positions.
type YAMLDoc struct {
	Root   *yaml.Node
	Errors []Error
}

// ParseYAML parses the first document of a YAML file.
func ParseYAML(src []byte) *YAMLDoc {
	d := &YAMLDoc{}
	if err := checkNesting(src); err != nil {
		d.Errors = append(d.Errors, *err)
		return d
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		d.Errors = append(d.Errors, yamlError(err))
		return d
	}
	d.Root = docRoot(&doc)
	return d
}

// Get returns the node at a dotted path of mapping keys ("net.bindIp"), or
// nil.
func (d *YAMLDoc) Get(dotted string) *yaml.Node {
	return NodeGet(d.Root, dotted)
}

// NodeGet returns the node at a dotted path below n, or nil.
func NodeGet(n *yaml.Node, dotted string) *yaml.Node {
	for _, k := range strings.Split(dotted, ".") {
		n = mapGet(n, k)
		if n == nil {
			return nil
		}
	}
	return n
}

// NodePos is the position of a YAML node.
func NodePos(n *yaml.Node) Pos { return posOf(n) }

// ParsePyAssignments reads the top-level assignments of a Python
// configuration file (gunicorn.conf.py) whose value is a string literal or
// a list or tuple of them: bind = "0.0.0.0:8000", bind = ["[::]:8000"].
// Anything else (an os.environ lookup) is kept with no Args, so that rules
// can tell "set to something unknown" from "not set".
func ParsePyAssignments(src []byte) []Line {
	var out []Line
	for i, raw := range strings.Split(string(src), "\n") {
		text := strings.TrimRight(raw, "\r")
		if text == "" || text[0] == ' ' || text[0] == '\t' || text[0] == '#' {
			continue
		}
		name, val, ok := strings.Cut(text, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" || !isIdent(name) || strings.HasPrefix(val, "=") {
			continue
		}
		l := Line{Key: name, Pos: Pos{i + 1, 1}}
		v := strings.TrimSpace(val)
		if j := strings.Index(v, " #"); j >= 0 {
			v = strings.TrimSpace(v[:j])
		}
		if strs, ok := pyStrings(v); ok {
			l.Args = strs
		}
		out = append(out, l)
	}
	return out
}

func isIdent(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isNameChar(s[i]) || i == 0 && s[i] >= '0' && s[i] <= '9' {
			return false
		}
	}
	return true
}

// pyStrings reads a string literal, or a list or tuple of string literals.
func pyStrings(v string) ([]string, bool) {
	if len(v) >= 2 && (v[0] == '[' && v[len(v)-1] == ']' || v[0] == '(' && v[len(v)-1] == ')') {
		var out []string
		for _, part := range strings.Split(v[1:len(v)-1], ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			s, ok := pyString(part)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	s, ok := pyString(v)
	if !ok {
		return nil, false
	}
	return []string{s}, true
}

func pyString(v string) (string, bool) {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] && !strings.ContainsRune(v[1:len(v)-1], rune(v[0])) {
		return v[1 : len(v)-1], true
	}
	return "", false
}

// maxYAMLDocs bounds the documents read from one multi-document YAML file.
const maxYAMLDocs = 1000

// ParseYAMLDocs parses every document of a YAML stream (Kubernetes
// manifests separated by ---). It stops at the first syntax error, which it
// returns with the documents before it.
func ParseYAMLDocs(src []byte) ([]*YAMLDoc, []Error) {
	if err := checkNesting(src); err != nil {
		return nil, []Error{*err}
	}
	dec := yaml.NewDecoder(strings.NewReader(string(src)))
	var out []*YAMLDoc
	for len(out) < maxYAMLDocs {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if err != nil {
			if err == io.EOF {
				return out, nil
			}
			return out, []Error{yamlError(err)}
		}
		if r := docRoot(&doc); r != nil && (r.Kind == yaml.MappingNode || r.Kind == yaml.SequenceNode) {
			out = append(out, &YAMLDoc{Root: r})
		}
	}
	return out, nil
}
