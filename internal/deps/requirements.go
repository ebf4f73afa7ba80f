package deps

import (
	"path"
	"strings"

	"github.com/djsec/djsec/internal/lazyre"
)

// Requirements reads pip requirements and constraints files:
// requirements*.txt, requirements/*.txt, constraints*.txt (or .pip, as some
// projects name pip-compile's output) and the files they
// name with -r and -c, in the syntax pip documents (comments, line
// continuations, per-requirement options such as --hash).
type Requirements struct{}

// Name implements Extractor.
func (Requirements) Name() string { return "requirements" }

// FileRequired implements Extractor.
func (Requirements) FileRequired(p string) bool {
	base := path.Base(p)
	dir := path.Base(path.Dir(p))
	switch {
	case path.Ext(base) != ".txt" && path.Ext(base) != ".pip":
		// .pip: pip-compile output some projects name so
		// (requirements/base.pip)
		return false
	case strings.HasPrefix(base, "requirements"), strings.HasPrefix(base, "constraints"):
		return true
	case dir == "requirements" || dir == "requirements.d":
		return true
	}
	return false
}

var (
	// pip's comment rule: "#" at the start of a line or after whitespace.
	reqComment = lazyre.New(`(^|\s+)#.*$`)
	// A per-requirement option starts the tail of a requirement line.
	reqOptionTail = lazyre.New(`\s+--?[A-Za-z]`)
	eggFragment   = lazyre.New(`[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)`)
)

// Extract implements Extractor.
func (Requirements) Extract(p string, content []byte) Result {
	var r Result
	for _, ln := range logicalLines(string(content)) {
		line := strings.TrimSpace(reqComment().ReplaceAllString(ln.text, ""))
		if line == "" {
			continue
		}
		loc := Location{p, ln.line}
		if strings.HasPrefix(line, "-") {
			requirementOption(&r, p, line, loc)
			continue
		}
		requirementLine(&r, line, loc, false)
	}
	if isConstraintsName(p) {
		for i := range r.Packages {
			r.Packages[i].Constraint = true
		}
	}
	return r
}

func isConstraintsName(p string) bool { return strings.HasPrefix(path.Base(p), "constraints") }

type logicalLine struct {
	text string
	line int // where it starts
}

// logicalLines joins lines ending in a backslash with the next, as pip does,
// keeping the number of the first physical line.
func logicalLines(s string) []logicalLine {
	var out []logicalLine
	var cur strings.Builder
	start := 0
	for i, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if cur.Len() == 0 {
			start = i + 1
		}
		// A comment line never continues, even when it ends in a backslash.
		if strings.HasSuffix(l, `\`) && !strings.HasPrefix(strings.TrimSpace(l), "#") {
			cur.WriteString(strings.TrimSuffix(l, `\`) + " ")
			continue
		}
		cur.WriteString(l)
		out = append(out, logicalLine{cur.String(), start})
		cur.Reset()
	}
	if cur.Len() > 0 {
		out = append(out, logicalLine{cur.String(), start})
	}
	return out
}

// requirementOption handles a line that starts with an option. Only -r, -c and
// -e matter to an audit; index and build options are ignored.
func requirementOption(r *Result, p, line string, loc Location) {
	name, value := splitOption(line)
	switch name {
	case "-r", "--requirement", "-c", "--constraint":
		if value == "" {
			r.errorf(loc.Path, loc.Line, "%s needs a file name", name)
			return
		}
		if strings.Contains(value, "://") {
			return // a remote file is not part of the tree
		}
		value = strings.ReplaceAll(value, `\`, "/") // written on Windows
		r.Includes = append(r.Includes, Include{
			Path:       path.Clean(path.Join(path.Dir(p), value)),
			Constraint: name == "-c" || name == "--constraint",
			Location:   loc,
		})
	case "-e", "--editable":
		if value == "" {
			r.errorf(loc.Path, loc.Line, "%s needs a path or URL", name)
			return
		}
		requirementLine(r, value, loc, true)
	}
}

// splitOption splits "-r file", "-rfile", "--requirement=file" and
// "--requirement file" into the option and its value.
func splitOption(line string) (string, string) {
	if strings.HasPrefix(line, "--") {
		if i := strings.IndexAny(line, "= \t"); i >= 0 {
			return line[:i], strings.TrimSpace(strings.TrimLeft(line[i:], "= \t"))
		}
		return line, ""
	}
	if len(line) > 2 {
		return line[:2], strings.TrimSpace(line[2:])
	}
	return line, ""
}

// requirementLine parses a requirement: a PEP 508 string, or a URL or path
// with an optional #egg= name.
func requirementLine(r *Result, line string, loc Location, editable bool) {
	if m := reqOptionTail().FindStringIndex(line); m != nil {
		line = strings.TrimSpace(line[:m[0]])
	}
	if looksLikeURLOrPath(line) {
		if pkg, ok := packageFromURL(line); ok {
			pkg.Format, pkg.Location = "requirements", loc
			r.Packages = append(r.Packages, pkg)
		}
		// Without a name a local path or archive cannot be audited.
		return
	}
	req, err := ParseRequirement(line)
	if err != nil {
		r.errorf(loc.Path, loc.Line, "%v", err)
		return
	}
	if editable {
		req.URL = line
	}
	r.Packages = append(r.Packages, packageFromRequirement(req, "requirements", loc))
}

func looksLikeURLOrPath(s string) bool {
	if strings.Contains(s, "://") || strings.HasPrefix(s, "file:") {
		// "name @ https://..." is a PEP 508 direct reference, with a name.
		return !strings.Contains(s[:strings.Index(s, ":")], "@")
	}
	return strings.HasPrefix(s, ".") || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "~") ||
		strings.HasSuffix(s, ".whl") || strings.HasSuffix(s, ".tar.gz") || strings.HasSuffix(s, ".zip")
}

// wheelName matches a wheel file name: {name}-{version}(-{build})?-{tags}.whl.
var wheelName = lazyre.New(`([A-Za-z0-9][A-Za-z0-9._]*)-([0-9][^-]*)-(?:[0-9][^-]*-)?[^-]+-[^-]+-[^-]+\.whl$`)

// packageFromURL names the package a URL or path installs, from an #egg=
// fragment or a wheel file name, which also gives the exact version.
func packageFromURL(s string) (Package, bool) {
	if m := eggFragment().FindStringSubmatch(s); m != nil {
		return Package{Name: eggName(m[1]), URL: s}, true
	}
	if m := wheelName().FindStringSubmatch(s); m != nil {
		return Package{Name: m[1], Version: m[2], URL: s}, true
	}
	return Package{}, false
}

// eggName drops the version some write in the fragment ("pkg-1.0").
func eggName(s string) string {
	if i := strings.Index(s, "-"); i > 0 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
		return s[:i]
	}
	return s
}
