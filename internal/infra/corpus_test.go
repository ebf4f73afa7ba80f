package infra

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCorpusParses parses every nginx, compose, Dockerfile, Terraform and
// CloudFormation file under $DJSEC_CORPUS (a folder of real projects) and
// fails on any syntax error, so that real files keep parsing as the
// parsers change.
func TestCorpusParses(t *testing.T) {
	root := os.Getenv("DJSEC_CORPUS")
	if root == "" {
		t.Skip("DJSEC_CORPUS is not set (a folder of real projects to parse)")
	}
	n := 0
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			if d != nil && d.IsDir() && (d.Name() == "node_modules" || d.Name() == ".git") {
				return filepath.SkipDir
			}
			return nil
		}
		name := strings.ToLower(d.Name())
		data, err := os.ReadFile(p)
		if err != nil || strings.Contains(string(data), "{{") || strings.Contains(string(data), "{%") {
			return nil
		}
		var errs []Error
		switch {
		case strings.HasSuffix(name, ".conf") && strings.Contains(p, "nginx"), name == "nginx.conf":
			errs = ParseNginx(data).Errors
		case strings.Contains(name, "compose") && (strings.HasSuffix(name, ".yml") || strings.HasSuffix(name, ".yaml")):
			errs = ParseCompose(data, nil).Errors
		case name == "dockerfile" || strings.HasPrefix(name, "dockerfile.") || strings.HasSuffix(name, ".dockerfile"):
			errs = ParseDockerfile(data).Errors
		case strings.HasSuffix(name, ".tf"):
			errs = ParseTerraform(data, p).Errors
		case (strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml") || strings.HasSuffix(name, ".json")) && IsCloudFormation(data):
			errs = ParseCloudFormation(data).Errors
		default:
			return nil
		}
		n++
		t.Logf("%s: %d errors", p, len(errs))
		for _, e := range errs {
			t.Errorf("%s:%d:%d: %s", p, e.Pos.Line, e.Pos.Col, e.Msg)
		}
		return nil
	})
	t.Logf("%d files parsed", n)
}
