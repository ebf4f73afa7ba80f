// Package config reads .djsec.toml, the per-project configuration.
//
//	exclude = ["legacy/**", "*.min.js"]   # gitignore-style patterns
//	disable = ["DJT104"]                  # rules not to run
//	fail_on = "medium"                    # default for --fail-on
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
// Unknown keys are errors: a misspelt "disabled" silently doing nothing is
// worse than a clear stop.
package config

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// FileName is the configuration file looked for at the scanned root.
const FileName = ".djsec.toml"

// maxConfigSize bounds the configuration file read.
const maxConfigSize = 1 << 20

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
}

// Load reads the configuration at path. A missing file is not an error when
// required is false (the default .djsec.toml is optional; --config is not).
func Load(path string, required bool) (*Config, error) {
	// A FIFO or device named .djsec.toml must not hang the scan, and a
	// configuration is a few kilobytes.
	data, err := project.ReadRegular(path, maxConfigSize)
	if err != nil {
		if !required && errors.Is(err, os.ErrNotExist) {
			return &Config{}, nil
		}
		return nil, fmt.Errorf("reading config: %w", err)
	}
	c, err := Parse(string(data))
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	c.Path = path
	return c, nil
}

// Parse reads configuration text. Errors start with "LINE:COLUMN: " so that
// Load can prefix the file name.
func Parse(data string) (*Config, error) {
	if err := project.CheckNesting([]byte(data)); err != nil {
		return nil, fmt.Errorf("%d:1: %v", err.(*project.NestingError).Line, err)
	}
	var c Config
	md, err := toml.Decode(data, &c)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%d:%d: %s", pe.Position.Line, pe.Position.Col, pe.Message)
		}
		return nil, fmt.Errorf("%d:%d: %s", 1, 1, strings.TrimPrefix(err.Error(), "toml: "))
	}
	if und := md.Undecoded(); len(und) > 0 {
		k := und[0].String()
		line := keyLine(data, und[0][len(und[0])-1])
		return nil, fmt.Errorf("%d:1: unknown key %q (known: exclude, disable, fail_on, severity, ignore, settings, db, env)", line, k)
	}
	if err := c.check(data); err != nil {
		return nil, err
	}
	return &c, nil
}

func (c *Config) check(data string) error {
	c.Severities = map[string]report.Severity{}
	for id, s := range c.Severity {
		sev, err := report.ParseSeverity(s)
		if err != nil {
			return fmt.Errorf("%d:1: severity of %s: %v", keyLine(data, id), id, err)
		}
		c.Severities[id] = sev
	}
	if c.FailOn != "" {
		if _, err := report.ParseSeverity(c.FailOn); err != nil {
			return fmt.Errorf("%d:1: fail_on: %v", keyLine(data, "fail_on"), err)
		}
	}
	for i, ig := range c.Ignore {
		if ig.Rule == "" && ig.Path == "" {
			return fmt.Errorf("%d:1: ignore entry %d needs a rule, a path or both", entryLine(data, i), i+1)
		}
		if strings.TrimSpace(ig.Reason) == "" {
			return fmt.Errorf("%d:1: ignore entry %d needs a reason", entryLine(data, i), i+1)
		}
	}
	return nil
}

// keyLine finds the line where key is set, for error messages; the TOML
// library keeps key positions private.
func keyLine(data, key string) int {
	re := regexp.MustCompile(`^\s*(?:\[+\s*)?"?` + regexp.QuoteMeta(key) + `"?\s*(?:=|\])`)
	for i, l := range strings.Split(data, "\n") {
		if re.MatchString(l) {
			return i + 1
		}
	}
	return 1
}

// entryLine finds the line of the n-th [[ignore]] header.
func entryLine(data string, n int) int {
	seen := -1
	for i, l := range strings.Split(data, "\n") {
		if strings.TrimSpace(l) == "[[ignore]]" {
			seen++
			if seen == n {
				return i + 1
			}
		}
	}
	return 1
}
