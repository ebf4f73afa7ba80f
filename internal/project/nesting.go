package project

import "fmt"

// MaxNesting is the deepest nesting of brackets and braces a data file
// (TOML, JSON, YAML flow collections) may have before it is handed to a
// decoder. Real configuration and lock files nest a handful of levels;
// decoders given thousands recurse deeply and some take gigabytes (a
// 40 kB pyproject.toml of nested inline tables did).
const MaxNesting = 100

// NestingError says where a data file nests too deep.
type NestingError struct{ Line int }

func (e *NestingError) Error() string {
	return fmt.Sprintf("brackets nested more than %d deep", MaxNesting)
}

// CheckNesting returns a *NestingError naming the line where data nests brackets
// or braces deeper than MaxNesting. Brackets inside quoted strings and #
// comments do not count; the scan is a cheap upper bound that never
// decodes anything.
func CheckNesting(data []byte) error {
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
			if depth > MaxNesting {
				return &NestingError{Line: line}
			}
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return nil
}
