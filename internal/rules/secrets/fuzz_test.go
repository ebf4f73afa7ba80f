package secrets

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzScan checks that no input makes the engine panic or report a secret
// at a position outside the file.
func FuzzScan(f *testing.F) {
	filepath.Walk("testdata", func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && info.Size() < 8<<10 {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(filepath.Base(p), data)
			}
		}
		return nil
	})
	e, err := compiled()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		lines := strings.Count(string(data), "\n") + 1
		for _, h := range e.scan(name, data) {
			if h.line < 1 || h.line > lines || h.col < 1 {
				t.Errorf("hit at %d:%d outside the input", h.line, h.col)
			}
		}
	})
}
