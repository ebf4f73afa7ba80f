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

// TestErrorColumns: every error names the line and column a user's editor
// shows, including a syntax error at the very start of a line (where the
// TOML library's own column is one line off).
func TestErrorColumns(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"start of line", "exclude = [\"a\"\ndisable = 3", "2:1: "},
		{"mid line", "x = = 3", "1:5: "},
		{"after multibyte", "a = [1, \"é\", =]", "1:14: "},
		{"indented unknown key", "exclude = []\n  disabled = [\"X\"]", `2:3: unknown key "disabled"`},
		{"indented fail_on", "\n\n    fail_on = \"loud\"", "3:5: fail_on"},
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

func TestFailOnNever(t *testing.T) {
	c, err := Parse(`fail_on = "never"`)
	if err != nil || c.FailOn != "never" {
		t.Errorf("got %+v, %v; want fail_on never accepted", c, err)
	}
}

const pyproject = `[project]
name = "shop"
exclude = "not ours"

[tool.ruff]
exclude = ["migrations"]
disabled = true

[tool.djsec]
exclude = ["legacy/**"]
fail_on = "high"

[tool.djsec.severity]
DJT104 = "medium"

[[tool.djsec.ignore]]
rule = "DJS101"
reason = "local only"
until = 2020-01-01
`

func TestPyProject(t *testing.T) {
	c, found, err := ParsePyProject(pyproject)
	if err != nil || !found {
		t.Fatalf("got found=%v, %v", found, err)
	}
	if len(c.Exclude) != 1 || c.Exclude[0] != "legacy/**" || c.FailOn != "high" || c.Severities["DJT104"] != report.Medium {
		t.Errorf("got %+v", c)
	}
	if len(c.Ignore) != 1 || c.Ignore[0].Line != 16 || !c.Ignore[0].Expired(time.Now()) {
		t.Errorf("ignore: got %+v, want one expired entry on line 16", c.Ignore)
	}
	if _, found, err := ParsePyProject("[project]\nname = \"x\"\n"); found || err != nil {
		t.Errorf("no table: got found=%v, %v", found, err)
	}
	// An unknown key is blamed where it is in djsec's table, not where
	// another tool has a key of that name.
	bad := strings.Replace(pyproject, "fail_on = \"high\"", "fail_on = \"high\"\n  disabled = [\"X\"]", 1)
	if _, _, err := ParsePyProject(bad); err == nil || !strings.HasPrefix(err.Error(), `12:3: unknown key "disabled"`) {
		t.Errorf("got %v, want 12:3: unknown key", err)
	}
	bad = strings.Replace(pyproject, `DJT104 = "medium"`, `DJT104 = "urgent"`, 1)
	if _, _, err := ParsePyProject(bad); err == nil || !strings.HasPrefix(err.Error(), `14:1: severity of DJT104`) {
		t.Errorf("got %v, want 14:1: severity of DJT104", err)
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	if c, err := Find(dir); err != nil || c.Path != "" {
		t.Errorf("empty folder: got %+v, %v", c, err)
	}
	os.WriteFile(filepath.Join(dir, PyProject), []byte(pyproject), 0o644)
	if c, err := Find(dir); err != nil || c.Path != filepath.Join(dir, PyProject) || c.FailOn != "high" {
		t.Errorf("pyproject.toml: got %+v, %v", c, err)
	}
	os.WriteFile(filepath.Join(dir, FileName), []byte(`fail_on = "low"`), 0o644)
	if c, err := Find(dir); err != nil || c.Path != filepath.Join(dir, FileName) || c.FailOn != "low" {
		t.Errorf(".djsec.toml beside pyproject.toml: got %+v, %v; want .djsec.toml", c, err)
	}
	if _, err := Load(filepath.Join(dir, "sub", PyProject), true); err == nil {
		t.Error("required missing pyproject.toml: got nil error")
	}
	os.WriteFile(filepath.Join(dir, "other.toml"), []byte("[tool.djsec]\nfail_on = \"x\""), 0o644)
	os.MkdirAll(filepath.Join(dir, "p"), 0o755)
	os.WriteFile(filepath.Join(dir, "p", PyProject), []byte("[project]\n"), 0o644)
	if _, err := Load(filepath.Join(dir, "p", PyProject), true); err == nil || !strings.Contains(err.Error(), "no [tool.djsec] table") {
		t.Errorf("--config pyproject.toml without the table: got %v", err)
	}
}

// TestMalformedPyProjectOfOthers: a broken pyproject.toml without djsec in
// it does not stop a scan; one with [tool.djsec] does.
func TestMalformedPyProjectOfOthers(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, PyProject)
	os.WriteFile(p, []byte("[project\nname = \"x\"\n"), 0o644)
	if c, err := Find(dir); err != nil || c.Path != "" {
		t.Errorf("malformed pyproject.toml of another tool: got %+v, %v; want no configuration", c, err)
	}
	os.WriteFile(p, []byte("[tool.djsec]\nfail_on = \n"), 0o644)
	if _, err := Find(dir); err == nil || !strings.HasPrefix(err.Error(), p+":2:") {
		t.Errorf("malformed [tool.djsec]: got %v, want %s:2:...", err, p)
	}
}

func TestPyProjectLimits(t *testing.T) {
	if _, _, err := ParsePyProject("[tool.djsec]\nexclude = " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n"); err == nil || !strings.HasPrefix(err.Error(), "2:1: ") {
		t.Errorf("deeply nested pyproject.toml: got %v, want a positioned error", err)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, PyProject), []byte("# djsec\n"+strings.Repeat("x = 1\n", 200_000)), 0o644)
	if c, err := Find(dir); err != nil || c.Path != "" {
		t.Errorf("huge pyproject.toml: got %+v, %v; want no configuration", c, err)
	}
}
