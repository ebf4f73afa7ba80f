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
  stopwords = ["exampleonly"]

[[allowlists]]
  targetRules = ["generic-api-key"]
  regexes = ['''.*''']
`,
		"config/storage.yml": "aws_access_key_id: AKIAQX7T2Z5TDYPX3RJB\n" +
			"secret_key: \"Zx81Pq7Lm2Vn9Rt4Wk6Jb3Hc\"\n" +
			"api_token: \"ExampleOnly-9fQ2xL7vR4tN8wZ3kP6mJ1\"\n",
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
		note := strings.Contains(f.Message, "the repository's .gitleaks.toml allows it")
		line := strings.Split(files[f.Location.Path], "\n")[f.Location.Line-1]
		wantAllowed := strings.Contains(line, "AKIAQX7T") || strings.Contains(line, "ExampleOnly") || strings.HasPrefix(f.Location.Path, "fixtures/")
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
