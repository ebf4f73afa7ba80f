package secrets

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TestGitleaksAllowlist checks that secrets the project's .gitleaks.toml
// allows (by a regex of the value, a stop word or a path) are low with a
// note, that others keep their severity, and that allowlists limited to
// some of gitleaks' rules are not applied to djsec's.
func TestGitleaksAllowlist(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		".gitleaks.toml": `[allowlist]
  description = "bogus test keys"
  paths = ['''fixtures/keys/.*\.pem''']
  regexes = ['''AKIAQX7T2Z5TDYPX3RJB''']

[[allowlists]]
  stopwords = ["qatoken"]

[[allowlists]]
  targetRules = ["generic-api-key"]
  regexes = ['''.*''']
`,
		"config/storage.yml": "aws_access_key_id: AKIAQX7T2Z5TDYPX3RJB\n" +
			"secret_key: \"Zx81Pq7Lm2Vn9Rt4Wk6Jb3Hc\"\n" +
			"api_token: \"QaToken-9fQ2xL7vR4tN8wZ3kP6mJ1\"\n",
		"fixtures/keys/server.pem": "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx8mYq3yZ7R2n0Jx4o5kP9sT1vW6bC3dE8fG2hI4jK7lM0nO1pQ2\n-----END RSA PRIVATE KEY-----\n",
	}
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := analysis.Scan(analysis.Options{Root: dir, Rules: Rules(), Tests: analysis.TestsAsIs})
	if err != nil {
		t.Fatal(err)
	}
	allowed, kept := 0, 0
	for _, f := range res.Findings {
		if f.Rule == "DJK201" {
			continue
		}
		if f.Location.Path == ".gitleaks.toml" {
			// the allowlist quotes the value it allows: low, as a
			// scanner's list of reviewed values
			if f.Severity != report.Low {
				t.Errorf("%s:%d: %s at %v, want low in the scanner's own allowlist", f.Location.Path, f.Location.Line, f.Message, f.Severity)
			}
			continue
		}
		note := strings.Contains(f.Message, "the repository's .gitleaks.toml allows it")
		line := strings.Split(files[f.Location.Path], "\n")[f.Location.Line-1]
		wantAllowed := strings.Contains(line, "AKIAQX7T") || strings.Contains(line, "QaToken") || strings.HasPrefix(f.Location.Path, "fixtures/")
		switch {
		case wantAllowed && (!note || f.Severity != report.Low):
			t.Errorf("%s:%d: %s at %v, want low with the allowlist's note", f.Location.Path, f.Location.Line, f.Message, f.Severity)
		case !wantAllowed && note:
			t.Errorf("%s:%d: %s: allowed, but no allowlist for every rule matches it", f.Location.Path, f.Location.Line, f.Message)
		}
		if note {
			allowed++
		} else {
			kept++
		}
	}
	if allowed < 3 || kept == 0 {
		t.Errorf("%d allowed and %d kept, want 3 allowed (a regex, a stop word, a path) and the other secret kept", allowed, kept)
	}
}

// TestPrecommitSecretHookExclude checks that a private key in a file the
// project's .pre-commit-config.yaml excludes from detect-private-key is
// low with a note, that a key elsewhere keeps its severity, and that the
// exclude of a hook that is no secret scanner changes nothing.
func TestPrecommitSecretHookExclude(t *testing.T) {
	dir := t.TempDir()
	key := "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx8mYq3yZ7R2n0Jx4o5kP9sT1vW6bC3dE8fG2hI4jK7lM0nO1pQ2\n-----END RSA PRIVATE KEY-----\n"
	files := map[string]string{
		".pre-commit-config.yaml": `repos:
  - repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v5.0.0
    hooks:
      - id: detect-private-key
        exclude: '^docker/postgres/dev\.key$'
      - id: trailing-whitespace
        exclude: '^deploy/'
`,
		"docker/postgres/dev.key": key,
		"deploy/tls/site.key":     key,
	}
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := analysis.Scan(analysis.Options{Root: dir, Rules: []*analysis.Rule{PrivateKey}})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]report.Severity{}
	for _, f := range res.Findings {
		seen[f.Location.Path] = f.Severity
		if excluded := f.Location.Path == "docker/postgres/dev.key"; excluded != strings.Contains(f.Message, "excludes this file from its detect-private-key hook") {
			t.Errorf("%s: %s", f.Location.Path, f.Message)
		}
	}
	if seen["docker/postgres/dev.key"] != report.Low || seen["deploy/tls/site.key"] < report.Medium {
		t.Errorf("severities %v: want the excluded key low, the other one kept", seen)
	}
}
