package secrets

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAheadNeverHidesAMatch checks that no detector's Ahead test says no
// where its regex matches, at every position of every line of the
// testdata and of a few hand-made lines.
func TestAheadNeverHidesAMatch(t *testing.T) {
	e, err := compiled()
	if err != nil {
		t.Fatal(err)
	}
	lines := []string{
		`PASSWORD = os.getenv("DB_PASSWORD", "hunter2hunter2")`,
		`key = env.str( 'STRIPE_API_KEY' ,default='sk_abcdefgh12345678')`,
		`x = config("MY_\u212aEY_TOKEN", "abcdefgh12345678")`,
		`x = config("paſſword", "abcdefgh12345678")`,
		`x = os.environ.get("é_TOKEN", "abcdefgh12345678")`,
		`DATABASE_URL = "postgres://user:s3cr3t-Pa55@db.example.com:5432/app"`,
		`redis://:pässwörd@cache:6379/0`,
		`amqp://guest:guest@localhost//`,
		`https://example.com/a:b@c`,
	}
	filepath.WalkDir("testdata", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			lines = append(lines, strings.Split(string(data), "\n")...)
		}
		return nil
	})
	checked := 0
	for _, d := range e.dets {
		if d.Ahead == nil {
			continue
		}
		for _, line := range lines {
			for c := range len(line) + 1 {
				if d.anchored.MatchString(line[c:]) {
					checked++
					if !d.Ahead(line[c:]) {
						t.Errorf("%s: Ahead(%q) = false, but the regex matches", d.ID, line[c:])
					}
				}
			}
		}
	}
	if checked < 10 {
		t.Errorf("got %d matches checked, want at least 10", checked)
	}
}
