package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/djsec/djsec/internal/report"
)

func TestParse(t *testing.T) {
	c, err := Parse(`
exclude = ["legacy/**"]
disable = ["DJT104"]
fail_on = "medium"

[severity]
DJT104 = "high"

[[ignore]]
rule = "DJS101"
path = "shop/settings/local.py"
reason = "local only"
until = 2027-03-01
`)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Severities["DJT104"], report.High; got != want {
		t.Errorf("severity: got %v, want %v", got, want)
	}
	if got, want := c.Ignore[0].Until.Format(time.DateOnly), "2027-03-01"; got != want {
		t.Errorf("until: got %s, want %s", got, want)
	}
	if len(c.Exclude) != 1 || len(c.Disable) != 1 || c.FailOn != "medium" {
		t.Errorf("got %+v", c)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"syntax", "exclude = [\"a\"\ndisable = 3", "2:"},
		{"unclosed string", "fail_on = \"high", "1:"},
		{"unknown key", "exclude = []\ndisabled = [\"X\"]", `2:1: unknown key "disabled"`},
		{"bad severity", "[severity]\nDJT101 = \"urgent\"", `2:1: severity of DJT101: unknown severity "urgent"`},
		{"bad fail_on", "fail_on = \"loud\"", "1:1: fail_on"},
		{"ignore without reason", "[[ignore]]\nrule = \"DJS101\"", "1:1: ignore entry 1 needs a reason"},
		{"wrong type", "exclude = 3", "1:1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.in)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %v, want prefix %q", err, tt.want)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	if c, err := Load(filepath.Join(dir, FileName), false); err != nil || c == nil {
		t.Errorf("optional missing config: got %v, %v", c, err)
	}
	if _, err := Load(filepath.Join(dir, FileName), true); err == nil {
		t.Error("required missing config: got nil error")
	}
	p := filepath.Join(dir, FileName)
	os.WriteFile(p, []byte("fail_on = \n"), 0o644)
	_, err := Load(p, false)
	if err == nil || !strings.HasPrefix(err.Error(), p+":1:") {
		t.Errorf("got %v, want error starting with %s:1:", err, p)
	}
}
