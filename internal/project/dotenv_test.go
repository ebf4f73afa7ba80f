package project

import (
	"strings"
	"testing"
)

func TestParseDotenv(t *testing.T) {
	src := "# comment\n\nexport A=1\nB = \"two\\nlines\"\nC='raw\\n'\nD=plain # note\nbroken line\nE=\n"
	got, errs := ParseDotenv([]byte(src))
	want := []EnvEntry{{"A", "1", 3}, {"B", "two\nlines", 4}, {"C", `raw\n`, 5}, {"D", "plain", 6}, {"E", "", 8}}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "line 7") {
		t.Errorf("errors: got %v, want one at line 7", errs)
	}
}
