package deps

import (
	"os"
	"testing"
)

// TestMain keeps the index of the vulnerability database that scans write in
// a temporary folder, never in the user's cache.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "djsec-cache")
	if err != nil {
		panic(err)
	}
	os.Setenv("DJSEC_CACHE_DIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
