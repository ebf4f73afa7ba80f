package deps

import (
	"github.com/djsec/djsec/internal/nesting"

	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"maps"
	"path"
	"slices"
	"strings"
)

// PipfileLock reads Pipfile.lock (pipenv), a JSON file whose "default" and
// "develop" sections pin every package, and whose _meta section names the
// Python version the environment was locked for.
type PipfileLock struct{}

// Name implements Extractor.
func (PipfileLock) Name() string { return "Pipfile.lock" }

// FileRequired implements Extractor.
func (PipfileLock) FileRequired(p string) bool { return path.Base(p) == "Pipfile.lock" }

type pipfileLock struct {
	Meta struct {
		Requires struct {
			PythonVersion     string `json:"python_version"`
			PythonFullVersion string `json:"python_full_version"`
		} `json:"requires"`
	} `json:"_meta"`
	Default map[string]pipfileEntry `json:"default"`
	Develop map[string]pipfileEntry `json:"develop"`
}

type pipfileEntry struct {
	Version string `json:"version"`
}

// Extract implements Extractor.
func (PipfileLock) Extract(p string, content []byte) Result {
	var r Result
	var lock pipfileLock
	if err := nesting.Check(content); err != nil {
		r.errorf(p, err.(*nesting.Error).Line, "not decoded: %v", err)
		return r
	}
	if err := json.Unmarshal(content, &lock); err != nil {
		r.errorf(p, jsonErrorLine(content, err), "invalid JSON: %v", err)
		return r
	}
	lines := jsonKeyLines(content)
	for _, section := range []string{"default", "develop"} {
		entries := lock.Default
		if section == "develop" {
			entries = lock.Develop
		}
		for _, name := range slices.Sorted(maps.Keys(entries)) {
			line := cmp.Or(lines[section+"\x00"+name+"\x00version"], lines[section+"\x00"+name])
			if strings.TrimSpace(name) == "" {
				r.errorf(p, line, "%s entry without a name", section)
				continue
			}
			r.Packages = append(r.Packages, Package{
				Name:     name,
				Version:  strings.TrimPrefix(strings.TrimSpace(entries[name].Version), "=="),
				Locked:   true,
				Format:   "Pipfile.lock",
				Location: Location{p, line},
			})
		}
	}
	req := lock.Meta.Requires
	if v := cmp.Or(req.PythonFullVersion, req.PythonVersion); v != "" {
		key := "_meta\x00requires\x00python_full_version"
		if req.PythonFullVersion == "" {
			key = "_meta\x00requires\x00python_version"
		}
		r.Pythons = append(r.Pythons, PythonVersion{Specifier: exactPython(v), Source: "Pipfile.lock", Location: Location{p, lines[key]}})
	}
	return r
}

// jsonKeyLines maps the path of every object key up to depth three
// ("default\x00django\x00version") to its 1-based line, since encoding/json
// gives values but not positions.
func jsonKeyLines(content []byte) map[string]int {
	out := map[string]int{}
	dec := json.NewDecoder(bytes.NewReader(content))
	type frame struct {
		object  bool
		key     string
		wantKey bool
	}
	var stack []frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		top := len(stack) - 1
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' || t == '[' {
				stack = append(stack, frame{object: t == '{', wantKey: t == '{'})
				continue
			}
			stack = stack[:top]
		default:
			if top >= 0 && stack[top].object && stack[top].wantKey {
				stack[top].key, _ = t.(string)
				stack[top].wantKey = false
				if len(stack) <= 3 {
					keys := make([]string, len(stack))
					for i, f := range stack {
						keys[i] = f.key
					}
					out[strings.Join(keys, "\x00")] = lineAt(content, dec.InputOffset())
				}
				continue
			}
		}
		if top := len(stack) - 1; top >= 0 && stack[top].object {
			stack[top].wantKey = true
		}
	}
}

// lineAt returns the 1-based line of a byte offset.
func lineAt(content []byte, off int64) int {
	if off > int64(len(content)) {
		off = int64(len(content))
	}
	return bytes.Count(content[:off], []byte("\n")) + 1
}

func jsonErrorLine(content []byte, err error) int {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return lineAt(content, se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return lineAt(content, te.Offset)
	}
	return 0
}
