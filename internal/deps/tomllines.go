package deps

import (
	"github.com/djsec/djsec/internal/nesting"

	"cmp"
	"errors"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

// The TOML library gives values but not their positions, so the line of each
// entry is found again in the text. Lock files are machine-written, one key per
// line, which makes this reliable; when a line cannot be found the entry keeps
// the line of its table, never a wrong one.

// sourceLines splits a file into lines, without line terminators.
func sourceLines(content []byte) []string {
	return strings.Split(strings.ReplaceAll(string(content), "\r\n", "\n"), "\n")
}

// arrayTableLines returns the 1-based line of each "[[name]]" header in order,
// which is the order the decoder fills the array.
func arrayTableLines(lines []string, name string) []int {
	re := regexp.MustCompile(`^\s*\[\[\s*` + regexp.QuoteMeta(name) + `\s*\]\]\s*(#.*)?$`)
	var out []int
	for i, l := range lines {
		if re.MatchString(l) {
			out = append(out, i+1)
		}
	}
	return out
}

// tableLine returns the line of the "[name]" header, or 0.
func tableLine(lines []string, name string) int {
	re := regexp.MustCompile(`^\s*\[\s*` + tableNamePattern(name) + `\s*\]\s*(#.*)?$`)
	for i, l := range lines {
		if re.MatchString(l) {
			return i + 1
		}
	}
	return 0
}

// tableNamePattern allows spaces around the dots and quoted parts of a dotted
// table name.
func tableNamePattern(name string) string {
	parts := strings.Split(name, ".")
	for i, p := range parts {
		q := regexp.QuoteMeta(p)
		parts[i] = `(?:` + q + `|"` + q + `"|'` + q + `')`
	}
	return strings.Join(parts, `\s*\.\s*`)
}

// keyLine returns the first line at or after from (1-based) that assigns key,
// stopping at the next table header; 0 if there is none.
func keyLine(lines []string, from int, key string) int {
	if from < 1 {
		return 0
	}
	for i := from - 1; i < len(lines); i++ {
		if i > from-1 && strings.HasPrefix(strings.TrimSpace(lines[i]), "[") {
			return 0
		}
		if assignsKey(lines[i], key) {
			return i + 1
		}
	}
	return 0
}

// assignsKey reports whether line assigns key, bare or quoted: whether
// it matches ^\s*(?:key|"key"|'key')\s*= . A lock file has a version
// and a name line per package: an expression compiled for each would
// cost more than reading the file.
func assignsKey(line, key string) bool {
	l := strings.TrimLeft(line, tomlSpace)
	if rest, ok := strings.CutPrefix(l, key); ok && startsAssignment(rest) {
		return true
	}
	if len(l) > 0 && (l[0] == '"' || l[0] == '\'') {
		rest, ok := strings.CutPrefix(l[1:], key)
		return ok && len(rest) > 0 && rest[0] == l[0] && startsAssignment(rest[1:])
	}
	return false
}

// startsAssignment reports whether s is an equals sign after spaces.
func startsAssignment(s string) bool { return strings.HasPrefix(strings.TrimLeft(s, tomlSpace), "=") }

// tomlSpace is what \s matches in a regular expression.
const tomlSpace = " \t\n\f\r"

// keyLineFold is keyLine for a package name key, which may be spelled in any
// of its equivalent forms ("Django", "django").
func keyLineFold(lines []string, from int, name string) int {
	if from < 1 {
		return 0
	}
	key := NormalizeName(name)
	for i := from - 1; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if i > from-1 && strings.HasPrefix(l, "[") {
			return 0
		}
		k, _, ok := strings.Cut(l, "=")
		if ok && NormalizeName(strings.Trim(strings.TrimSpace(k), `"'`)) == key {
			return i + 1
		}
	}
	return 0
}

// stringLine returns the first line at or after from holding s as a quoted
// TOML string, or 0.
func stringLine(lines []string, from int, s string) int {
	if from < 1 {
		from = 1
	}
	for i := from - 1; i < len(lines); i++ {
		if strings.Contains(lines[i], `"`+s+`"`) || strings.Contains(lines[i], `'`+s+`'`) {
			return i + 1
		}
	}
	return 0
}

// decodeTOML decodes content into v, turning a syntax error into a ParseError
// with its line.
func decodeTOML(r *Result, p string, content []byte, v any) bool {
	if err := nesting.Check(content); err != nil {
		r.errorf(p, err.(*nesting.Error).Line, "not decoded: %v", err)
		return false
	}
	_, err := toml.Decode(string(content), v)
	return tomlDecoded(r, p, err)
}

// tomlDecoded reports a decoding error, with its line when the library gives
// one, and says whether there was none.
func tomlDecoded(r *Result, p string, err error) bool {
	if err != nil {
		line := 0
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line = pe.Position.Line
			err = errors.New(pe.Message)
		}
		r.errorf(p, line, "invalid TOML: %v", err)
		return false
	}
	return true
}

// extractTOMLLock reads a lock file whose [[table]] array holds one package
// each. T is such a table: lockEntry and the format's fields that say where
// the package comes from. entry returns its lockEntry, and true for a table
// that is not a dependency (the project itself). Each package is at the line
// of its version, where an upgrade is written.
func extractTOMLLock[T any](p string, content []byte, format, table string, entry func(T) (lockEntry, bool)) Result {
	var r Result
	if err := nesting.Check(content); err != nil {
		r.errorf(p, err.(*nesting.Error).Line, "not decoded: %v", err)
		return r
	}
	// The table's name differs between formats, so it cannot be a struct
	// tag: decode the document first, then the one table.
	var doc map[string]toml.Primitive
	md, err := toml.Decode(string(content), &doc)
	var tables []T
	if prim, ok := doc[table]; ok && err == nil {
		err = md.PrimitiveDecode(prim, &tables)
	}
	if !tomlDecoded(&r, p, err) {
		return r
	}
	lines := sourceLines(content)
	headers := arrayTableLines(lines, table)
	for i, t := range tables {
		header := 0
		if i < len(headers) {
			header = headers[i]
		}
		e, skip := entry(t)
		if skip {
			continue
		}
		if e.Name == "" {
			r.errorf(p, header, "%s entry without a name", table)
			continue
		}
		r.Packages = append(r.Packages, Package{
			Name:     e.Name,
			Version:  e.Version,
			URL:      e.direct,
			Locked:   true,
			Format:   format,
			Location: Location{p, cmp.Or(keyLine(lines, header, "version"), keyLine(lines, header, "name"), header)},
		})
	}
	return r
}

// lockEntry is the part of a lock file's package table that all formats share.
type lockEntry struct {
	Name    string `toml:"name"`
	Version string `toml:"version"`
	// direct names a source that is not a package index ("git",
	// "directory"): its version is not the index release advisories name.
	direct string
}
