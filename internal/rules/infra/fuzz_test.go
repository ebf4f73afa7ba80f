package infra

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/analysis"
)

// FuzzRules runs every deployment rule over one fuzzed file given every
// deployment name in turn: no rule may panic (a panic becomes an "internal
// error" problem).
func FuzzRules(f *testing.F) {
	filepath.Walk("testdata", func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && info.Size() < 4<<10 {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
		return nil
	})
	names := []string{"nginx.conf", "docker-compose.yml", "Dockerfile", "main.tf", "stack.yaml", "redis.conf",
		"pg_hba.conf", "sshd_config", "jail.local", "gunicorn.conf.py", "uwsgi.ini", "vercel.json", "alertmanager.yml", "k8s.yaml"}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		for _, n := range names {
			os.WriteFile(filepath.Join(dir, n), data, 0o644)
		}
		res, err := analysis.Scan(analysis.Options{Root: dir, Rules: Rules(), Jobs: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range res.Problems {
			if strings.Contains(p.Message, "internal error") {
				t.Fatalf("%s: %s", p.Location, p.Message)
			}
		}
	})
}
