package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/report"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// run calls the CLI in-process and returns its exit status and outputs.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

// example is the bundled example project, scanned by the README's first
// command.
const example = "../../examples/shopfront"

// TestGoldenScan pins the whole output of a scan of the example project in
// every format. Run `go test ./internal/cli -update` after a deliberate change
// and read the diff.
func TestGoldenScan(t *testing.T) {
	for _, format := range []string{"text", "json", "sarif", "html"} {
		t.Run(format, func(t *testing.T) {
			// --sarif-prefix .: the example's place in a git work tree
			// (examples/shopfront) must not depend on the checkout.
			_, out, stderr := run(t, "scan", example, "--format", format, "--fail-on", "critical", "--sarif-prefix", ".")
			if stderr != "" {
				t.Fatalf("stderr: %s", stderr)
			}
			golden := filepath.Join("testdata", "golden", "example."+format)
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/cli -update)", err)
			}
			if out != string(want) {
				t.Errorf("output differs from %s (run go test ./internal/cli -update and review the diff)\n%s", golden, firstDiff(out, string(want)))
			}
		})
	}
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return ""
}

func TestJSONContract(t *testing.T) {
	_, out, _ := run(t, "scan", example, "--format", "json")
	var r map[string]any
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r["schema"] != "djsec/report/v1" {
		t.Errorf("schema: got %v", r["schema"])
	}
	for _, k := range []string{"tool", "target", "findings", "summary"} {
		if _, ok := r[k]; !ok {
			t.Errorf("report has no %q", k)
		}
	}
	findings, _ := r["findings"].([]any)
	for _, f := range findings {
		m := f.(map[string]any)
		for _, k := range []string{"rule", "name", "severity", "confidence", "message", "location", "cwe", "checklist", "fix", "fingerprint"} {
			if v, ok := m[k]; !ok || v == "" || v == nil {
				t.Errorf("finding %v: empty %q", m["rule"], k)
			}
		}
		if len(m["cwe"].([]any)) == 0 || len(m["checklist"].([]any)) == 0 {
			t.Errorf("finding %v: no CWE or checklist section", m["rule"])
		}
	}
	sum := r["summary"].(map[string]any)
	if cl := sum["checklist"].(map[string]any); len(cl) != 20 {
		t.Errorf("summary.checklist: got %d sections, want 20", len(cl))
	}
}

func TestExitStatus(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.py"), []byte("x = 1  # djsec: ignore[DJX001]\n"), 0o644)
	badCfg := filepath.Join(dir, "bad.toml")
	os.WriteFile(badCfg, []byte("exclude = [\"a\"\nfail_on = 3\n"), 0o644)
	tests := []struct {
		name     string
		args     []string
		code     int
		inStderr string
	}{
		{"findings at fail-on", []string{"scan", dir}, 1, ""},
		{"findings below fail-on", []string{"scan", dir, "--fail-on", "high"}, 0, ""},
		{"missing path", []string{"scan", filepath.Join(dir, "nope")}, 2, "djsec: cannot scan"},
		{"unknown flag", []string{"scan", "--frobnicate"}, 2, "unknown flag --frobnicate (djsec scan --help lists the flags)"},
		{"unknown format", []string{"scan", dir, "--format", "xml"}, 2, `unknown format "xml"`},
		{"bad fail-on", []string{"scan", dir, "--fail-on", "urgent"}, 2, "--fail-on: unknown severity"},
		{"malformed config", []string{"scan", dir, "--config", badCfg}, 2, badCfg + ":2:"},
		{"missing config", []string{"scan", dir, "--config", filepath.Join(dir, "none.toml")}, 2, "reading config"},
		{"unknown rule", []string{"scan", dir, "--rule", "DJZ999"}, 2, `unknown rule "DJZ999"`},
		{"unknown command", []string{"scna"}, 2, `unknown command "scna"`},
		{"bad env", []string{"scan", dir, "--env", "NOVALUE"}, 2, `--env "NOVALUE": want KEY=VALUE`},
		{"missing db", []string{"scan", dir, "--db", filepath.Join(dir, "osv")}, 2, "--db " + filepath.Join(dir, "osv") + ": no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit: got %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.inStderr) {
				t.Errorf("stderr: got %q, want it to contain %q", stderr, tt.inStderr)
			}
			if strings.Count(stderr, "\n") > 1 || strings.Contains(stderr, "goroutine") {
				t.Errorf("stderr is not one line: %q", stderr)
			}
		})
	}
}

func TestOutputFileAndBaseline(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	os.MkdirAll(src, 0o755)
	os.WriteFile(filepath.Join(src, "a.py"), []byte("x = 1  # djsec: ignore[DJX001] old\n"), 0o644)
	base := filepath.Join(dir, "base.json")
	if code, _, stderr := run(t, "scan", src, "--format", "json", "--output", base); code != 1 || stderr != "" {
		t.Fatalf("first scan: exit %d, stderr %q", code, stderr)
	}
	os.WriteFile(filepath.Join(src, "a.py"), []byte("import os\n\nx = 1  # djsec: ignore[DJX001] old\ny = 2  # djsec: ignore[DJX001] new\n"), 0o644)
	code, out, _ := run(t, "scan", src, "--format", "json", "--baseline", base)
	var r report.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if code != 1 || len(r.Findings) != 1 || r.Findings[0].Location.Line != 4 || r.Summary.Suppressed != 1 {
		t.Errorf("got exit %d, findings %+v, suppressed %d; want only the new line 4", code, r.Findings, r.Summary.Suppressed)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestRulesCommand(t *testing.T) {
	code, out, _ := run(t, "rules", "--format", "json")
	var doc struct {
		Rules []struct {
			ID  string `json:"id"`
			Doc struct {
				Title, What, Why, Bad, Good, Fix string
			} `json:"doc"`
		} `json:"rules"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 0 || len(doc.Rules) == 0 {
		t.Fatalf("rules --format json: exit %d, err %v", code, err)
	}
	code, out, _ = run(t, "rules", "explain", doc.Rules[0].ID)
	if code != 0 || !strings.Contains(out, "## Why it matters") || !strings.Contains(out, "## How to fix") {
		t.Errorf("rules explain: exit %d, output %q", code, out)
	}
	if code, _, stderr := run(t, "rules", "explain", "NOPE"); code != 2 || !strings.Contains(stderr, `unknown rule "NOPE"`) {
		t.Errorf("explain unknown: exit %d, stderr %q", code, stderr)
	}
	if code, out, _ := run(t, "version"); code != 0 || !strings.HasPrefix(out, "djsec "+Version) {
		t.Errorf("version: exit %d, %q", code, out)
	}
}

// TestScanHostileTree scans binary files, a file over the size limit, a
// symlink back to the root and a link out of the tree: the scan completes
// and reports each once.
func TestScanHostileTree(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "views.py"), []byte("x = 1  # djsec: ignore[DJX001] fixture\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "photo.jpg"), []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), 0o644)
	big, _ := os.Create(filepath.Join(dir, "huge.sql"))
	big.Truncate(50 << 20)
	big.Close()
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	os.Symlink("..", filepath.Join(dir, "sub", "loop"))
	os.Symlink("/proc/self/mem", filepath.Join(dir, "broken.txt"))
	code, out, stderr := run(t, "scan", dir, "--format", "json")
	if code != 1 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var r report.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	// The link back to the root is no loop: the root is scanned once. The
	// link out of the tree is not followed, and a note says so.
	if len(r.Problems) != 1 || r.Problems[0].Location.Path != "huge.sql" {
		t.Errorf("got problems %+v, want one about huge.sql", r.Problems)
	}
	if n := strings.Join(r.Notes, "\n"); !strings.Contains(n, "broken.txt: symbolic link leads out of the scanned tree") {
		t.Errorf("got notes %q, want one about broken.txt", r.Notes)
	}
	if len(r.Findings) != 1 || r.Findings[0].Location.Path != "views.py" {
		t.Errorf("the rest of the tree was not scanned: %+v", r.Findings)
	}
}

// TestOutputToDevice checks that --output /dev/null writes through the
// device instead of renaming a file over it.
func TestOutputToDevice(t *testing.T) {
	before, err := os.Stat(os.DevNull)
	if err != nil || before.Mode().IsRegular() {
		t.Skip("no device at", os.DevNull)
	}
	run(t, "scan", t.TempDir(), "--output", os.DevNull)
	after, err := os.Stat(os.DevNull)
	if err != nil || after.Mode().IsRegular() {
		t.Fatalf("%s was replaced by a regular file", os.DevNull)
	}
}

// TestIncludeTests checks that a finding in test code is left out with a
// note by default, and reported at low severity with --include-tests.
func TestIncludeTests(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "shop", "tests"), 0o755)
	key := "AKIA" + "NGSUU4STUZUR7HXH" // an AWS key id in the provider's format, split so this file holds none
	os.WriteFile(filepath.Join(dir, "shop", "tests", "credentials.ini"), []byte("[default]\naws_access_key_id = "+key+"\n"), 0o644)
	for _, tc := range []struct {
		args     []string
		findings int
		note     bool
	}{
		{nil, 0, true},
		{[]string{"--include-tests"}, 1, false},
	} {
		_, out, stderr := run(t, append([]string{"scan", dir, "--format", "json", "--rule", "DJK101"}, tc.args...)...)
		var r report.Report
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("%v: %v (stderr %q)", tc.args, err, stderr)
		}
		note := false
		for _, n := range r.Notes {
			note = note || strings.Contains(n, "--include-tests")
		}
		if len(r.Findings) != tc.findings || note != tc.note {
			t.Errorf("%v: got %d findings and note %v (%q), want %d and %v", tc.args, len(r.Findings), note, r.Notes, tc.findings, tc.note)
		}
		for _, f := range r.Findings {
			if f.Severity != report.Low {
				t.Errorf("%v: got severity %s in test code, want low", tc.args, f.Severity)
			}
		}
	}
}
