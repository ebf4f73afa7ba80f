package secrets

import (
	"regexp"

	"go.yaml.in/yaml/v3"

	"github.com/djsec/djsec/internal/project"
)

// secretHooks are the pre-commit hooks that look for secrets, and the
// rule each covers ("" for all of djsec's secrets rules): a file the
// project excludes from one of them is a file the team reviewed and
// committed on purpose (a development stack's self-signed key).
var secretHooks = map[string]string{
	"detect-private-key": "DJK104",
	"detect-secrets":     "", "gitleaks": "", "gitleaks-docker": "", "gitleaks-system": "",
	"trufflehog": "", "ggshield": "", "detect-aws-credentials": "DJK101",
}

// hookExclude is a secret hook's exclude pattern and the rule it covers.
type hookExclude struct {
	hook, rule string
	re         *regexp.Regexp
}

// precommitExcludes reads the .pre-commit-config.yaml at the root of the
// project, once per scan: the exclude of each secret hook. Python's and
// Go's regular expressions agree on what such patterns use (anchors,
// alternation, classes, escapes); one that Go cannot compile is left out.
func precommitExcludes(p *project.Project) []hookExclude {
	return p.Memo("secrets.precommit", func() any {
		var out []hookExclude
		f := p.File(".pre-commit-config.yaml")
		if f == nil {
			return out
		}
		data, err := f.Content()
		if err != nil {
			return out
		}
		var cfg struct {
			Repos []struct {
				Hooks []struct {
					ID      string `yaml:"id"`
					Exclude string `yaml:"exclude"`
				} `yaml:"hooks"`
			} `yaml:"repos"`
		}
		if yaml.Unmarshal(data, &cfg) != nil {
			return out
		}
		for _, r := range cfg.Repos {
			for _, h := range r.Hooks {
				rule, ok := secretHooks[h.ID]
				if !ok || h.Exclude == "" {
					continue
				}
				if re, err := regexp.Compile(h.Exclude); err == nil {
					out = append(out, hookExclude{hook: h.ID, rule: rule, re: re})
				}
			}
		}
		return out
	}).([]hookExclude)
}

// excludedHook returns the secret hook whose exclude covers a finding of
// rule in the file at path, or "".
func excludedHook(p *project.Project, rule, path string) string {
	for _, x := range precommitExcludes(p) {
		if (x.rule == "" || x.rule == rule) && x.re.MatchString(path) {
			return x.hook
		}
	}
	return ""
}
