package settings

import (
	"bufio"
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/djsec/djsec/internal/project"
)

// dotenvName is the namespace entry that records the .env values a settings
// module loaded into the process environment (django-environ's read_env,
// python-dotenv's load_dotenv). It is not an identifier, so no Python code
// can touch it, and star imports carry it like the process environment.
const dotenvName = "·dotenv"

// readDotenv parses a committed .env file: KEY=VALUE lines, with optional
// export and quotes. Each value keeps its line.
func readDotenv(f *project.File) *Value {
	d := &Value{Kind: Dict, Origin: Origin{Path: f.Path, Line: 1, Col: 1}, Literal: true}
	data, err := f.Content()
	if err != nil {
		return d
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			v = v[1 : len(v)-1]
		} else if i := strings.Index(v, " #"); i >= 0 {
			v = strings.TrimSpace(v[:i])
		}
		o := Origin{Path: f.Path, Line: n, Col: 1}
		d = setItem(d, strVal(k, o), strVal(v, o), o)
	}
	return d
}

// loadDotenv records the .env file a call reads (its first argument, or the
// .env next to the settings module) in the namespace. A file that is not in
// the scanned tree (not committed, or left out) changes nothing djsec knows.
func (e *evaluator) loadDotenv(args []*Value, o Origin) {
	rel := path.Join(dirOf(e.file.Path), ".env")
	if len(args) > 0 {
		a := args[0]
		if !a.IsString() {
			e.l.note(fmt.Sprintf("settings read an environment file djsec cannot locate at %s; pass it with --env-file", o))
			return
		}
		rel = strings.TrimPrefix(path.Clean(a.S), "/")
	}
	f := e.l.proj.File(rel)
	if f == nil {
		return
	}
	e.ns.set(dotenvName, readDotenv(f))
	e.l.note(fmt.Sprintf("settings read %s, committed to the tree: its values count as the environment's when a variable is not set", rel))
}

// decoupleDotenv finds the file python-decouple reads: the first
// settings.ini or .env in the settings module's folder or above it.
func (e *evaluator) decoupleDotenv() *Value {
	if v, ok := e.ns.get(dotenvName); ok {
		return v
	}
	for dir := dirOf(e.file.Path); ; dir = dirOf(dir) {
		if f := e.l.proj.File(strings.TrimPrefix(dir+"/settings.ini", "/")); f != nil {
			return readIni(f)
		}
		if f := e.l.proj.File(strings.TrimPrefix(dir+"/.env", "/")); f != nil {
			return readDotenv(f)
		}
		if dir == "" {
			return nil
		}
	}
}

// readIni parses the [settings] section of a decouple settings.ini file.
func readIni(f *project.File) *Value {
	d := &Value{Kind: Dict, Origin: Origin{Path: f.Path, Line: 1, Col: 1}, Literal: true}
	data, err := f.Content()
	if err != nil {
		return d
	}
	in := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";"):
			continue
		case strings.HasPrefix(line, "["):
			in = strings.EqualFold(strings.Trim(line, "[] "), "settings")
			continue
		case !in:
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			k, v, ok = strings.Cut(line, ":")
		}
		if !ok {
			continue
		}
		o := Origin{Path: f.Path, Line: n, Col: 1}
		d = setItem(d, strVal(strings.TrimSpace(k), o), strVal(strings.TrimSpace(v), o), o)
	}
	return d
}

// fromDotenv returns the value a .env file gives key, or nil.
func fromDotenv(d *Value, key string) *Value {
	if d == nil {
		return nil
	}
	return d.Get(key)
}
