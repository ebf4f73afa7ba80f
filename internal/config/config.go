// Package config reads .djsec.toml, the per-project configuration.
//
//	exclude = ["legacy/**", "*.min.js"]   # gitignore-style patterns
//	disable = ["DJT104"]                  # rules not to run
//	fail_on = "medium"                    # default for --fail-on ("never": always exit 0)
//
//	[severity]                            # per-rule severity overrides
//	DJT104 = "medium"
//
//	[[ignore]]                            # hide findings, with a reason
//	rule = "DJS101"
//	path = "shop/settings/local.py"
//	reason = "local development only"
//	until = 2027-03-01                    # expired ignores stop hiding
//
// The same keys may sit in a [tool.djsec] table of pyproject.toml, read when
// there is no .djsec.toml.
//
// Unknown keys are errors: a misspelt "disabled" silently doing nothing is
// worse than a clear stop.
package config

import (
	"errors"
	"fmt"
	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/nesting"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// FileName is the configuration file looked for at the scanned root.
const FileName = ".djsec.toml"

// maxConfigSize bounds the configuration file read.
const maxConfigSize = 1 << 20

// PyProject is read for a [tool.djsec] table when the root has no
// .djsec.toml: the same keys, in the file Python projects already keep.
const PyProject = "pyproject.toml"

// Config is the content of a .djsec.toml.
type Config struct {
	Exclude  []string          `toml:"exclude"`
	Disable  []string          `toml:"disable"`
	FailOn   string            `toml:"fail_on"`
	Severity map[string]string `toml:"severity"`
	Ignore   []Ignore          `toml:"ignore"`
	// Inputs for the settings and dependency analyses.
	Settings string            `toml:"settings"`
	DB       string            `toml:"db"`
	Env      map[string]string `toml:"env"`

	// Parsed forms, filled by Load.
	Severities map[string]report.Severity `toml:"-"`
	Path       string                     `toml:"-"`
}

// Ignore is one [[ignore]] entry.
type Ignore struct {
	Rule   string    `toml:"rule"`
	Path   string    `toml:"path"`
	Reason string    `toml:"reason"`
	Until  time.Time `toml:"until"`
	// Line is where the entry starts in its file, for messages.
	Line int `toml:"-"`
}

// Expired reports whether the entry has an until date before now: it hides
// nothing any more, and the user should hear so.
func (ig Ignore) Expired(now time.Time) bool {
	return !ig.Until.IsZero() && now.After(ig.Until)
}

// Find reads the configuration of the project at root: .djsec.toml, else
// the [tool.djsec] table of pyproject.toml, else none (the defaults).
func Find(root string) (*Config, error) {
	c, err := Load(filepath.Join(root, FileName), false)
	if err != nil || c.Path != "" {
		return c, err
	}
	return Load(filepath.Join(root, PyProject), false)
}

// Load reads the configuration at path: a .djsec.toml, or the [tool.djsec]
// table of a file named pyproject.toml. A missing file (or a pyproject.toml
// without the table) is not an error when required is false (the default
// files are optional; --config is not).
func Load(path string, required bool) (*Config, error) {
	// A FIFO or device named .djsec.toml must not hang the scan, and a
	// configuration is a few kilobytes.
	data, err := project.ReadRegular(path, maxConfigSize)
	if err != nil {
		if !required && errors.Is(err, os.ErrNotExist) {
			return &Config{}, nil
		}
		if !required && filepath.Base(path) == PyProject && !errors.Is(err, project.ErrNotRegular) {
			// A pyproject.toml too large to be read as configuration is
			// someone else's file; the scan goes on with the defaults.
			return &Config{}, nil
		}
		return nil, fmt.Errorf("reading config: %w", err)
	}
	var c *Config
	if filepath.Base(path) == PyProject {
		if !required && !strings.Contains(string(data), "djsec") {
			// Another tool's file: even a malformed one is not ours to
			// reject (the dependency rules report it).
			return &Config{}, nil
		}
		var found bool
		c, found, err = ParsePyProject(string(data))
		if err == nil && !found {
			if required {
				return nil, fmt.Errorf("%s: no [tool.djsec] table", path)
			}
			return &Config{}, nil
		}
	} else {
		c, err = Parse(string(data))
	}
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	c.Path = path
	return c, nil
}

// Parse reads configuration text. Errors start with "LINE:COLUMN: " so that
// Load can prefix the file name.
func Parse(data string) (*Config, error) {
	if err := nesting.Check([]byte(data)); err != nil {
		return nil, fmt.Errorf("%d:1: %v", err.(*nesting.Error).Line, err)
	}
	var c Config
	md, err := toml.Decode(data, &c)
	if err != nil {
		return nil, decodeError(data, err)
	}
	return finish(&c, md, newLocator(data, ""))
}

// ParsePyProject reads the [tool.djsec] table of a pyproject.toml; found is
// false when there is none. Errors are positioned in the whole file.
func ParsePyProject(data string) (c *Config, found bool, err error) {
	var doc struct {
		Tool struct {
			Djsec *Config `toml:"djsec"`
		} `toml:"tool"`
	}
	if !strings.Contains(data, "djsec") {
		// Most pyproject.toml files are not about djsec: they are not
		// decoded at all, so a malformed one is not djsec's to reject.
		return nil, false, nil
	}
	if err := nesting.Check([]byte(data)); err != nil {
		return nil, false, fmt.Errorf("%d:1: %v", err.(*nesting.Error).Line, err)
	}
	md, err := toml.Decode(data, &doc)
	if err != nil {
		return nil, false, decodeError(data, err)
	}
	if doc.Tool.Djsec == nil {
		return nil, false, nil
	}
	c, err = finish(doc.Tool.Djsec, md, newLocator(data, "tool.djsec"))
	return c, true, err
}

func decodeError(data string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		line, col := pe.Position.Line, column(data, pe.Position.Line, pe.Position.Start)
		return fmt.Errorf("%d:%d: %s", line, col, pe.Message)
	}
	return fmt.Errorf("%d:%d: %s", 1, 1, strings.TrimPrefix(err.Error(), "toml: "))
}

// column turns the byte offset of an error on line (1-based) into a 1-based
// column in characters. The TOML library's own column is one line off when
// the error is the first byte of a line.
func column(data string, line, offset int) int {
	start := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(data[start:], '\n')
		if i < 0 {
			break
		}
		start += i + 1
	}
	if offset < start || offset > len(data) {
		return 1
	}
	return utf8.RuneCountInString(data[start:offset]) + 1
}

func finish(c *Config, md toml.MetaData, loc *locator) (*Config, error) {
	for _, key := range md.Undecoded() {
		if len(key) <= len(loc.table) || !slices.Equal(key[:len(loc.table)], loc.table) {
			continue // another tool's table in pyproject.toml
		}
		rel := key[len(loc.table):]
		line, col := loc.key(rel[len(rel)-1])
		return nil, fmt.Errorf("%d:%d: unknown key %q (known: exclude, disable, fail_on, severity, ignore, settings, db, env)", line, col, rel.String())
	}
	for i := range c.Ignore {
		c.Ignore[i].Line = loc.entry(i)
	}
	if err := c.check(loc); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Config) check(loc *locator) error {
	c.Severities = map[string]report.Severity{}
	for id, s := range c.Severity {
		sev, err := report.ParseSeverity(s)
		if err != nil {
			line, col := loc.key(id)
			return fmt.Errorf("%d:%d: severity of %s: %v", line, col, id, err)
		}
		c.Severities[id] = sev
	}
	if c.FailOn != "" && !strings.EqualFold(c.FailOn, "never") {
		if _, err := report.ParseSeverity(c.FailOn); err != nil {
			line, col := loc.key("fail_on")
			return fmt.Errorf("%d:%d: fail_on: %v, or never", line, col, err)
		}
	}
	for i, ig := range c.Ignore {
		if ig.Rule == "" && ig.Path == "" {
			return fmt.Errorf("%d:1: ignore entry %d needs a rule, a path or both", ig.Line, i+1)
		}
		if strings.TrimSpace(ig.Reason) == "" {
			return fmt.Errorf("%d:1: ignore entry %d needs a reason", ig.Line, i+1)
		}
	}
	return nil
}

// locator finds where keys and [[ignore]] entries are, for messages: the
// TOML library keeps key positions private. In a pyproject.toml only the
// lines of tables under tool.djsec count, so that another tool's "exclude"
// is never blamed.
type locator struct {
	lines []string
	table toml.Key // nil for .djsec.toml, tool.djsec for pyproject.toml
	in    []bool   // in[i]: line i+1 belongs to djsec's tables
}

var headerRe = lazyre.New(`^\s*\[\[?\s*([^\]]*?)\s*\]\]?\s*(?:#.*)?$`)

func newLocator(data, table string) *locator {
	loc := &locator{lines: strings.Split(data, "\n")}
	if table != "" {
		loc.table = strings.Split(table, ".")
	}
	cur := ""
	for _, l := range loc.lines {
		if m := headerRe().FindStringSubmatch(l); m != nil {
			cur = strings.ReplaceAll(strings.ReplaceAll(m[1], " ", ""), `"`, "")
		}
		loc.in = append(loc.in, table == "" || cur == table || strings.HasPrefix(cur, table+"."))
	}
	return loc
}

// key returns the line and column where key is set (or its table opens).
func (loc *locator) key(key string) (line, col int) {
	re := regexp.MustCompile(`^(\s*)(?:\[+\s*(?:[\w.-]+\.)?)?"?` + regexp.QuoteMeta(key) + `"?\s*(?:=|\])`)
	for i, l := range loc.lines {
		if m := re.FindStringSubmatch(l); m != nil && loc.in[i] {
			return i + 1, len(m[1]) + 1
		}
	}
	return 1, 1
}

// entry returns the line of the n-th (0-based) [[ignore]] header.
func (loc *locator) entry(n int) int {
	want := strings.Join(append(slices.Clone(loc.table), "ignore"), ".")
	seen := -1
	for i, l := range loc.lines {
		if m := headerRe().FindStringSubmatch(l); m != nil && strings.HasPrefix(strings.TrimSpace(l), "[[") &&
			strings.ReplaceAll(m[1], " ", "") == want {
			seen++
			if seen == n {
				return i + 1
			}
		}
	}
	return 1
}
