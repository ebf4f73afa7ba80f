package deps

import (
	"fmt"
	"strings"

	"github.com/djsec/djsec/internal/lazyre"
)

// Location is where something was declared: a slash-separated path relative to
// the scanned root and a 1-based line (0 when the format has no lines, or the
// line could not be found).
type Location struct {
	Path string
	Line int
}

func (l Location) String() string {
	if l.Line > 0 {
		return fmt.Sprintf("%s:%d", l.Path, l.Line)
	}
	return l.Path
}

// Package is one dependency as one file declares it.
type Package struct {
	Name string // as written; compare with Key
	// Version is the exact version that gets installed, when the file says
	// it: a lock entry or a "==" pin. Empty otherwise.
	Version string
	// Specifier is the version clause as written in a manifest (">=4.2,<5"),
	// empty for lock entries.
	Specifier string
	Extras    []string
	Marker    string // PEP 508 environment marker, as written
	URL       string // direct reference ("pkg @ URL", VCS, path), if any
	Locked    bool   // from a lock file, which pins everything it lists
	// Constraint is set for entries of a constraints file, which limit the
	// versions of packages required elsewhere but install nothing.
	Constraint bool
	Format     string // the extractor that found it: "requirements", "poetry.lock", ...
	Location   Location
}

// Key is the PEP 503 normalized name, the identity of a package.
func (p Package) Key() string { return NormalizeName(p.Name) }

// Pinned reports whether the exact version is known.
func (p Package) Pinned() bool { return p.Version != "" }

// PythonVersion is a statement of which Python runs the project: an exact
// version or a specifier, from runtime.txt, .python-version, a Dockerfile,
// requires-python or a lock file's metadata.
type PythonVersion struct {
	// Specifier is a PEP 440 specifier set; an exact statement such as
	// "python-3.8.10" in runtime.txt becomes "==3.8.10", and "3.8" in
	// .python-version becomes "==3.8.*".
	Specifier string
	Source    string // "runtime.txt", ".python-version", "Dockerfile", "requires-python", ...
	Location  Location
}

// Include is a "-r" or "-c" line of a requirements file.
type Include struct {
	Path       string // slash path relative to the scanned root
	Constraint bool   // "-c": the file limits versions only
	Location   Location
}

// Result is what an extractor found in one file.
type Result struct {
	Packages []Package
	Pythons  []PythonVersion
	Includes []Include
	Errors   []*ParseError
}

// ParseError is a malformed entry, reported with its place so that the scan
// can go on with the rest of the file.
type ParseError struct {
	Location Location
	Err      error
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s: %v", e.Location, e.Err) }
func (e *ParseError) Unwrap() error { return e.Err }

func (r *Result) errorf(path string, line int, format string, args ...any) {
	r.Errors = append(r.Errors, &ParseError{Location{path, line}, fmt.Errorf(format, args...)})
}

// Extractor reads one kind of dependency file, in the manner of osv-scalibr:
// FileRequired chooses by path alone, so that a scan opens only the files some
// extractor wants; Extract never fails as a whole, it returns what it could
// read with the errors it met.
type Extractor interface {
	Name() string
	FileRequired(path string) bool
	Extract(path string, content []byte) Result
}

// Requirement is a parsed PEP 508 dependency specification.
type Requirement struct {
	Name      string
	Extras    []string
	Specifier string // normalized clauses, "" when none
	URL       string
	Marker    string
}

var (
	reqName   = lazyre.New(`^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*`)
	reqExtras = lazyre.New(`^\[([^\]]*)\]\s*`)
)

// ParseRequirement parses a PEP 508 string such as
// `django[argon2]>=4.2,<5; python_version >= "3.10"`.
func ParseRequirement(s string) (Requirement, error) {
	var r Requirement
	rest := s
	if i := markerIndex(rest); i >= 0 {
		r.Marker = strings.TrimSpace(rest[i+1:])
		rest = rest[:i]
	}
	m := reqName().FindStringSubmatch(rest)
	if m == nil {
		return r, fmt.Errorf("invalid requirement %q: no project name", strings.TrimSpace(s))
	}
	r.Name = m[1]
	rest = rest[len(m[0]):]
	if m := reqExtras().FindStringSubmatch(rest); m != nil {
		for _, e := range strings.Split(m[1], ",") {
			if e = strings.TrimSpace(e); e != "" {
				r.Extras = append(r.Extras, e)
			}
		}
		rest = rest[len(m[0]):]
	}
	rest = strings.TrimSpace(rest)
	if strings.HasPrefix(rest, "@") {
		r.URL = strings.TrimSpace(rest[1:])
		if r.URL == "" {
			return r, fmt.Errorf("invalid requirement %q: empty URL", strings.TrimSpace(s))
		}
		return r, nil
	}
	rest = strings.TrimSuffix(strings.TrimPrefix(rest, "("), ")")
	if strings.TrimSpace(rest) == "" {
		return r, nil
	}
	set, err := ParseSpecifierSet(rest)
	if err != nil {
		return r, fmt.Errorf("invalid requirement %q: %w", strings.TrimSpace(s), err)
	}
	r.Specifier = set.String()
	return r, nil
}

// markerIndex finds the ";" that starts the marker. In a URL requirement the
// marker must follow a space, because ";" may appear inside URLs.
func markerIndex(s string) int {
	if !strings.Contains(s, "@") {
		return strings.IndexByte(s, ';')
	}
	for i := 1; i < len(s); i++ {
		if s[i] == ';' && (s[i-1] == ' ' || s[i-1] == '\t') {
			return i
		}
	}
	return -1
}

// packageFromRequirement turns a manifest entry into a Package; a "==" or
// "===" pin becomes the exact Version.
func packageFromRequirement(r Requirement, format string, loc Location) Package {
	p := Package{
		Name:      r.Name,
		Specifier: r.Specifier,
		Extras:    r.Extras,
		Marker:    r.Marker,
		URL:       r.URL,
		Format:    format,
		Location:  loc,
	}
	if set, err := ParseSpecifierSet(r.Specifier); err == nil {
		p.Version, _ = set.Pinned()
	}
	return p
}
