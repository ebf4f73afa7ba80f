package deps

import (
	"path"
	"strings"

	"github.com/djsec/djsec/internal/lazyre"
)

// These extractors find which Python runs the project, for the end-of-life
// check: runtime.txt (Heroku and others), .python-version (pyenv, uv) and
// the official python image in a Dockerfile.

var pythonRelease = lazyre.New(`^(\d+)\.(\d+)(\.\d+)?$`)

// exactPython turns a version as a runtime names it ("3.8", "3.8.10") into a
// specifier: a minor version stands for any of its patch releases.
func exactPython(v string) string {
	v = strings.TrimSpace(v)
	m := pythonRelease().FindStringSubmatch(v)
	switch {
	case m == nil:
		return "==" + v
	case m[3] == "":
		return "==" + v + ".*"
	}
	return "==" + v
}

// RuntimeTxt reads runtime.txt, one line such as "python-3.8.10", or
// "python-3.9.x" for the buildpacks that take any patch release.
type RuntimeTxt struct{}

// Name implements Extractor.
func (RuntimeTxt) Name() string { return "runtime.txt" }

// FileRequired implements Extractor.
func (RuntimeTxt) FileRequired(p string) bool { return path.Base(p) == "runtime.txt" }

var runtimeLine = lazyre.New(`^python-(\d+\.\d+(?:\.\d+)?)(?:\.x)?$`)

// Extract implements Extractor.
func (RuntimeTxt) Extract(p string, content []byte) Result {
	var r Result
	for i, l := range sourceLines(content) {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		m := runtimeLine().FindStringSubmatch(l)
		if m == nil {
			r.errorf(p, i+1, "unrecognized runtime %q, want python-X.Y or python-X.Y.Z", l)
			continue
		}
		r.Pythons = append(r.Pythons, PythonVersion{Specifier: exactPython(m[1]), Source: "runtime.txt", Location: Location{p, i + 1}})
	}
	return r
}

// PythonVersionFile reads .python-version, one version per line; names that
// are not CPython versions ("system", "pypy3.10-7.3.12", a virtualenv name)
// say nothing about CPython's support and are skipped.
type PythonVersionFile struct{}

// Name implements Extractor.
func (PythonVersionFile) Name() string { return ".python-version" }

// FileRequired implements Extractor.
func (PythonVersionFile) FileRequired(p string) bool { return path.Base(p) == ".python-version" }

var pyenvLine = lazyre.New(`^(?:cpython-)?(\d+\.\d+(?:\.\d+)?)(?:[abc]|rc|t|$|[+\s-])`)

// Extract implements Extractor.
func (PythonVersionFile) Extract(p string, content []byte) Result {
	var r Result
	for i, l := range sourceLines(content) {
		l = strings.TrimSpace(l)
		if m := pyenvLine().FindStringSubmatch(l); m != nil {
			r.Pythons = append(r.Pythons, PythonVersion{Specifier: exactPython(m[1]), Source: ".python-version", Location: Location{p, i + 1}})
		}
	}
	return r
}

// Dockerfile reads the FROM lines of Dockerfiles and Containerfiles that use
// the official python image, resolving ${ARG} tags from ARG defaults.
type Dockerfile struct{}

// Name implements Extractor.
func (Dockerfile) Name() string { return "Dockerfile" }

// FileRequired implements Extractor.
func (Dockerfile) FileRequired(p string) bool {
	base := strings.ToLower(path.Base(p))
	return base == "dockerfile" || base == "containerfile" ||
		strings.HasPrefix(base, "dockerfile.") || strings.HasSuffix(base, ".dockerfile")
}

var (
	dockerFrom  = lazyre.New(`(?i)^\s*FROM\s+(?:--\S+\s+)*(\S+)`)
	dockerArg   = lazyre.New(`(?i)^\s*ARG\s+([A-Za-z_][A-Za-z0-9_]*)=("?)([^"\s]*)("?)\s*$`)
	dockerVar   = lazyre.New(`\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))`)
	pythonImage = lazyre.New(`^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)/)?(?:library/)?python:(\d+\.\d+(?:\.\d+)?)(?:[-@].*)?$`)
)

// Extract implements Extractor.
func (Dockerfile) Extract(p string, content []byte) Result {
	var r Result
	args := map[string]string{}
	for _, ln := range logicalLines(string(content)) {
		if m := dockerArg().FindStringSubmatch(ln.text); m != nil {
			args[m[1]] = m[3]
			continue
		}
		m := dockerFrom().FindStringSubmatch(ln.text)
		if m == nil {
			continue
		}
		image := dockerVar().ReplaceAllStringFunc(m[1], func(v string) string {
			sm := dockerVar().FindStringSubmatch(v)
			if val, ok := args[sm[1]+sm[3]]; ok && val != "" {
				return val
			}
			return sm[2] // ${NAME:-default}
		})
		if im := pythonImage().FindStringSubmatch(image); im != nil {
			r.Pythons = append(r.Pythons, PythonVersion{Specifier: exactPython(im[1]), Source: "Dockerfile", Location: Location{p, ln.line}})
		}
	}
	return r
}
