package secrets

import (
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/djsec/djsec/internal/project"
)

// allowlist is what a project's .gitleaks.toml tells gitleaks to let be,
// in every rule: files by a regular expression of their path, secrets by
// a regular expression or a stop word they contain. Both tools use Go's
// regular expressions, so an expression means the same in djsec. A
// team that wrote a value there reviewed it as a test key or an example.
type allowlist struct {
	paths, regexes []*regexp.Regexp
	stopwords      []string
}

// gitleaksConfig is the part of gitleaks' configuration djsec reads: the
// global [allowlist] of gitleaks 8 before 8.25, and [[allowlists]] after.
// An allowlist that names its rules (targetRules), that needs all its
// conditions (condition = "AND") or whose regexes are for the whole match
// or line (regexTarget) is left out: djsec's detectors are not gitleaks'.
type gitleaksConfig struct {
	Allowlist  gitleaksAllow   `toml:"allowlist"`
	Allowlists []gitleaksAllow `toml:"allowlists"`
}

type gitleaksAllow struct {
	Paths       []string `toml:"paths"`
	Regexes     []string `toml:"regexes"`
	Stopwords   []string `toml:"stopwords"`
	RegexTarget string   `toml:"regexTarget"`
	Condition   string   `toml:"condition"`
	TargetRules []string `toml:"targetRules"`
}

// gitleaksAllowlist reads the .gitleaks.toml at the root of the project,
// once per scan. A file that does not decode, and expressions that do not
// compile, allow nothing.
func gitleaksAllowlist(p *project.Project) *allowlist {
	return p.Memo("secrets.gitleakstoml", func() any {
		out := &allowlist{}
		f := p.File(".gitleaks.toml")
		if f == nil {
			return out
		}
		data, err := f.Content()
		if err != nil {
			return out
		}
		var cfg gitleaksConfig
		if _, err := toml.Decode(string(data), &cfg); err != nil {
			return out
		}
		for _, a := range append([]gitleaksAllow{cfg.Allowlist}, cfg.Allowlists...) {
			if len(a.TargetRules) > 0 || strings.EqualFold(a.Condition, "and") || a.RegexTarget != "" && a.RegexTarget != "secret" {
				continue
			}
			out.paths = append(out.paths, compileAll(a.Paths)...)
			out.regexes = append(out.regexes, compileAll(a.Regexes)...)
			for _, w := range a.Stopwords {
				if w != "" {
					out.stopwords = append(out.stopwords, strings.ToLower(w))
				}
			}
		}
		return out
	}).(*allowlist)
}

func compileAll(exprs []string) []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, e := range exprs {
		if re, err := regexp.Compile(e); err == nil && e != "" {
			out = append(out, re)
		}
	}
	return out
}

// allows says why the allowlist lets a secret found in the file at path
// be ("its path matches ...", "it matches ..."), or "".
func (a *allowlist) allows(path, secret string) string {
	for _, re := range a.paths {
		if re.MatchString(path) {
			return "the path matches " + re.String()
		}
	}
	for _, re := range a.regexes {
		if re.MatchString(secret) {
			return "one of its regexes matches the value"
		}
	}
	lower := strings.ToLower(secret)
	for _, w := range a.stopwords {
		if strings.Contains(lower, w) {
			return "the value holds the stop word " + w
		}
	}
	return ""
}
