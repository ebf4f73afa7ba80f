// Package nesting bounds how deep a data file nests its brackets before a
// decoder sees it. TOML, JSON and YAML decoders recurse once per level, and
// some take gigabytes on a few kilobytes of nested inline tables; every
// reader of a file written by whoever wrote the repository (the
// configuration, lock files, deployment files) checks first. It is a leaf,
// so that the parsers, which import no djsec package, can use it too.
package nesting

import "fmt"

// Max is the deepest nesting of brackets and braces a data file
// (TOML, JSON, YAML flow collections) may have before it is handed to a
// decoder. Real configuration and lock files nest a handful of levels;
// decoders given thousands recurse deeply and some take gigabytes (a
// 40 kB pyproject.toml of nested inline tables did).
const Max = 100

// Error says where a data file nests too deep.
type Error struct{ Line int }

func (e *Error) Error() string {
	return fmt.Sprintf("brackets nested more than %d deep", Max)
}

// Check returns a *Error naming the line where data nests brackets
// or braces deeper than Max. Brackets inside quoted strings and #
// comments do not count; the scan is a cheap upper bound that never
// decodes anything.
func Check(data []byte) error {
	depth, line := 0, 1
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '\n':
			line++
		case '#':
			// A comment starts a line or follows a blank, as in YAML: in a
			// flow collection "a#b" is a scalar, and what follows on the line
			// still nests. (TOML also ends a line at "x=1#c"; counting such a
			// comment's brackets can only stop a decode, never let one in.)
			if i > 0 && data[i-1] != ' ' && data[i-1] != '\t' && data[i-1] != '\n' {
				continue
			}
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			// A string ends at its quote or, unterminated, at the line's end;
			// double-quoted strings have backslash escapes.
			for i+1 < len(data) && data[i+1] != c && data[i+1] != '\n' {
				i++
				if c == '"' && data[i] == '\\' && i+1 < len(data) && data[i+1] != '\n' {
					i++
				}
			}
			if i+1 < len(data) && data[i+1] == c {
				i++
			}
		case '[', '{':
			depth++
			if depth > Max {
				return &Error{Line: line}
			}
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return nil
}
