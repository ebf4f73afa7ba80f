package project

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	for _, want := range []string{"", "x", "line\n", strings.Repeat("abc\n", 100000)} {
		p := filepath.Join(dir, "f")
		if err := os.WriteFile(p, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want || cap(got) != len(want) {
			t.Errorf("readFile of %d bytes: got %d bytes (cap %d), want %d", len(want), len(got), cap(got), len(want))
		}
	}
}
