package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/djsec/djsec/internal/report"
)

// insecureProject writes a settings module with findings of every severity
// from high down, in dir/sub (dir is a git work tree when git is true).
func insecureProject(t *testing.T, git bool) (root, project string) {
	t.Helper()
	root = t.TempDir()
	if git {
		os.Mkdir(filepath.Join(root, ".git"), 0o755)
	}
	project = filepath.Join(root, "backend")
	os.MkdirAll(project, 0o755)
	os.WriteFile(filepath.Join(project, "settings.py"), []byte("DEBUG = True\nALLOWED_HOSTS = [\"*\"]\n"), 0o644)
	return root, project
}

func decode(t *testing.T, out string) *report.Report {
	t.Helper()
	var r report.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not a JSON report: %v\n%s", err, out)
	}
	return &r
}

func TestFailOnNever(t *testing.T) {
	_, dir := insecureProject(t, false)
	if code, _, stderr := run(t, "scan", dir, "--fail-on", "never"); code != 0 || stderr != "" {
		t.Errorf("--fail-on never: got status %d, stderr %q; want 0", code, stderr)
	}
	os.WriteFile(filepath.Join(dir, ".djsec.toml"), []byte("fail_on = \"never\"\n"), 0o644)
	if code, _, _ := run(t, "scan", dir); code != 0 {
		t.Errorf("fail_on = \"never\": got status %d, want 0", code)
	}
	if code, _, _ := run(t, "scan", dir, "--fail-on", "high"); code != 1 {
		t.Errorf("--fail-on high over fail_on never: got status %d, want 1", code)
	}
}

func TestSeverityAndConfidenceFilters(t *testing.T) {
	_, dir := insecureProject(t, false)
	_, out, _ := run(t, "scan", dir, "-f", "json")
	all := decode(t, out)
	_, out, _ = run(t, "scan", dir, "--format", "json", "--severity", "high")
	high := decode(t, out)
	if len(high.Findings) == 0 || len(high.Findings) >= len(all.Findings) {
		t.Fatalf("--severity high: got %d of %d findings, want some but fewer", len(high.Findings), len(all.Findings))
	}
	for _, f := range high.Findings {
		if f.Severity < report.High {
			t.Errorf("--severity high shows %s %s", f.Severity, f.Rule)
		}
	}
	if n := high.Summary.BySeverity["medium"]; n != 0 {
		t.Errorf("summary counts %d hidden medium findings", n)
	}
	if !strings.Contains(strings.Join(high.Notes, "\n"), "below --severity high and not shown") {
		t.Errorf("no note on the hidden findings: %v", high.Notes)
	}
	_, out, _ = run(t, "scan", dir, "--format", "json", "--confidence", "HIGH")
	for _, f := range decode(t, out).Findings {
		if f.Confidence < report.HighConfidence {
			t.Errorf("--confidence high shows %s confidence %s", f.Confidence, f.Rule)
		}
	}
	if code, _, _ := run(t, "scan", dir, "--severity", "critical"); code != 0 {
		t.Errorf("nothing shown at --severity critical: got status %d, want 0", code)
	}
	for _, args := range [][]string{{"--severity", "urgent"}, {"--confidence", "sure"}} {
		code, _, stderr := run(t, append([]string{"scan", dir}, args...)...)
		if code != 2 || !strings.Contains(stderr, args[0]+":") {
			t.Errorf("%v: got status %d, stderr %q; want 2 naming the flag", args, code, stderr)
		}
	}
}

func TestQuietAndShortFlags(t *testing.T) {
	_, dir := insecureProject(t, false)
	_, out, _ := run(t, "scan", dir, "-q")
	if !strings.Contains(out, "DJS101") || strings.Contains(out, "Summary") || strings.Contains(out, "Checklist") || strings.Contains(out, "note:") {
		t.Errorf("-q: got\n%s\nwant the findings only", out)
	}
	_, out, _ = run(t, "scan", dir)
	if strings.Count(out, "Checklist sections:") != 1 || strings.Count(out, "Left to a person") != 1 || !strings.HasSuffix(strings.TrimSpace(out), "") {
		t.Errorf("text: want the checklist and what is left to a person once:\n%s", out)
	}
	if i, j := strings.Index(out, "Summary:"), strings.Index(out, "Left to a person"); i < 0 || j < i {
		t.Errorf("text: the summary, checklist and what is left to a person end the report:\n%s", out)
	}
	if !strings.Contains(out, "(high confidence, CWE-489") {
		t.Errorf("text: findings show confidence and CWE:\n%s", out)
	}
	file := filepath.Join(t.TempDir(), "r.json")
	if code, _, stderr := run(t, "scan", dir, "-f", "json", "-o", file); code != 1 || stderr != "" {
		t.Fatalf("-f json -o FILE: status %d, stderr %q", code, stderr)
	}
	data, _ := os.ReadFile(file)
	decode(t, string(data))
	for _, v := range []string{"-V", "--version", "version"} {
		if code, out, _ := run(t, v); code != 0 || !strings.HasPrefix(out, "djsec "+Version) {
			t.Errorf("%s: got %d %q", v, code, out)
		}
	}
}

func TestOneFinding(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.py"), []byte("x = 1  # djsec: ignore[DJX001] old\n"), 0o644)
	_, out, _ := run(t, "scan", dir)
	if !strings.Contains(out, "Summary: 1 finding (1 low) in 1 file") {
		t.Errorf("want \"1 finding ... in 1 file\":\n%s", out)
	}
}

func TestPyProjectConfig(t *testing.T) {
	_, dir := insecureProject(t, false)
	os.WriteFile(filepath.Join(dir, "pyproject.toml"), []byte("[project]\nname = \"shop\"\n\n[tool.djsec]\ndisable = [\"DJS101\"]\n"), 0o644)
	_, out, _ := run(t, "scan", dir, "--format", "json")
	for _, f := range decode(t, out).Findings {
		if f.Rule == "DJS101" {
			t.Errorf("[tool.djsec] disable = [\"DJS101\"] not applied: %s", f.Message)
		}
	}
	os.WriteFile(filepath.Join(dir, "pyproject.toml"), []byte("[tool.djsec]\n  fail_on = \"loud\"\n"), 0o644)
	code, _, stderr := run(t, "scan", dir)
	if code != 2 || !strings.Contains(stderr, "pyproject.toml:2:3: fail_on") {
		t.Errorf("bad [tool.djsec]: got %d %q; want the file, line and column", code, stderr)
	}
}

func TestBaselineCommand(t *testing.T) {
	_, dir := insecureProject(t, false)
	file := filepath.Join(t.TempDir(), "baseline.json")
	code, out, stderr := run(t, "baseline", file, dir)
	if code != 0 || stderr != "" || !strings.Contains(out, "recorded ") || !strings.Contains(out, "djsec scan --baseline "+file) {
		t.Fatalf("baseline: got %d, %q, %q", code, out, stderr)
	}
	code, out, _ = run(t, "scan", dir, "--baseline", file, "--format", "json")
	if r := decode(t, out); code != 0 || len(r.Findings) != 0 || r.Summary.Suppressed == 0 {
		t.Errorf("scan against its own baseline: status %d, %d findings, %d suppressed; want 0, 0 and some", code, len(r.Findings), r.Summary.Suppressed)
	}
	for _, args := range [][]string{{"baseline"}, {"baseline", file, dir, "extra"}, {"baseline", file, dir, "--format", "sarif"}} {
		if code, _, stderr := run(t, args...); code != 2 || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: got %d %q, want a one-line usage error", args, code, stderr)
		}
	}
}

func TestSARIFPaths(t *testing.T) {
	root, dir := insecureProject(t, true)
	uris := func(args ...string) []string {
		_, out, _ := run(t, append([]string{"scan", dir, "--format", "sarif"}, args...)...)
		var log struct {
			Runs []struct {
				Results []struct {
					Locations []struct {
						Physical struct {
							Artifact struct {
								URI string `json:"uri"`
							} `json:"artifactLocation"`
						} `json:"physicalLocation"`
					} `json:"locations"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal([]byte(out), &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
			t.Fatalf("sarif: %v\n%s", err, out)
		}
		var u []string
		for _, r := range log.Runs[0].Results {
			u = append(u, r.Locations[0].Physical.Artifact.URI)
		}
		return u
	}
	if got := uris()[0]; got != "backend/settings.py" {
		t.Errorf("sub-folder of a git work tree: got %q, want backend/settings.py", got)
	}
	if got := uris("--sarif-prefix", "services/api")[0]; got != "services/api/settings.py" {
		t.Errorf("--sarif-prefix services/api: got %q", got)
	}
	if got := uris("--sarif-prefix", ".")[0]; got != "settings.py" {
		t.Errorf("--sarif-prefix .: got %q", got)
	}
	os.Remove(filepath.Join(root, ".git"))
	if got := uris()[0]; got != "settings.py" {
		t.Errorf("outside a git work tree: got %q, want settings.py", got)
	}
	if code, _, stderr := run(t, "scan", dir, "--format", "sarif", "--sarif-prefix", "../x"); code != 2 || !strings.Contains(stderr, "--sarif-prefix") {
		t.Errorf("--sarif-prefix ../x: got %d %q", code, stderr)
	}
}

func TestExpiredIgnoreNoted(t *testing.T) {
	_, dir := insecureProject(t, false)
	os.WriteFile(filepath.Join(dir, ".djsec.toml"), []byte("[[ignore]]\nrule = \"DJS101\"\nreason = \"until the release\"\nuntil = 2020-01-02\n"), 0o644)
	_, out, _ := run(t, "scan", dir)
	if !strings.Contains(out, ".djsec.toml:1: the [[ignore]] of DJS101 expired on 2020-01-02") || !strings.Contains(out, "DJS101 debug-enabled") {
		t.Errorf("expired ignore: want a note and the finding back:\n%s", out)
	}
}

func TestUsageConventions(t *testing.T) {
	_, dir := insecureProject(t, false)
	tests := []struct {
		name     string
		args     []string
		inStderr string
	}{
		{"jobs 0", []string{"scan", dir, "--jobs", "0"}, "--jobs 0: want at least 1"},
		{"settings typo", []string{"scan", dir, "--settings", "setings"}, "--settings setings: no such module in " + dir + " (did you mean settings?)"},
		{"bad flag value", []string{"scan", dir, "--jobs", "many"}, `invalid value "many" for flag --jobs`},
		{"flag without value", []string{"scan", dir, "--format"}, "flag needs an argument: --format"},
		{"flag before command", []string{"--format", "json"}, "--format before a command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, tt.args...)
			if code != 2 || !strings.Contains(stderr, tt.inStderr) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("got status %d, stderr %q; want 2 and one line with %q", code, stderr, tt.inStderr)
			}
		})
	}
	if code, _, stderr := run(t, "scan", dir, "--settings", "settings", "--jobs", "1"); code != 1 || stderr != "" {
		t.Errorf("an existing --settings module: got %d %q", code, stderr)
	}
	for _, id := range []string{"djs101", "DJS101", "Debug-Enabled"} {
		if code, out, _ := run(t, "rules", "explain", id); code != 0 || !strings.Contains(out, "DJS101") {
			t.Errorf("rules explain %s: got %d", id, code)
		}
	}
}

// TestHelp: every command answers --help with a usage line, its arguments,
// its flags with double dashes and examples, on stdout, with status 0.
func TestHelp(t *testing.T) {
	for name := range commands {
		for _, h := range []string{"--help", "-h"} {
			code, out, stderr := run(t, name, h)
			if code != 0 || stderr != "" {
				t.Errorf("%s %s: status %d, stderr %q", name, h, code, stderr)
			}
			for _, want := range []string{"Usage: djsec " + name, "Examples:\n  "} {
				if !strings.Contains(out, want) {
					t.Errorf("%s %s lacks %q:\n%s", name, h, want, out)
				}
			}
			if strings.Contains(out, "\n  -format") || strings.Contains(out, " -fail-on") {
				t.Errorf("%s %s: single-dash long flags:\n%s", name, h, out)
			}
		}
	}
	_, out, _ := run(t, "scan", "--help")
	for _, want := range []string{"Arguments:\n  PATH", "-f, --format FORMAT", "-o, --output FILE", "-q, --quiet", "--fail-on SEVERITY", "--severity SEVERITY", "--sarif-prefix DIR"} {
		if !strings.Contains(out, want) {
			t.Errorf("scan --help lacks %q:\n%s", want, out)
		}
	}
	for _, sub := range []string{"update", "status"} {
		if code, out, _ := run(t, "db", sub, "--help"); code != 0 || !strings.Contains(out, "Usage: djsec db "+sub) {
			t.Errorf("db %s --help: %d\n%s", sub, code, out)
		}
	}
	if code, out, _ := run(t, "help", "probe"); code != 0 || !strings.Contains(out, "Usage: djsec probe") {
		t.Errorf("help probe: %d\n%s", code, out)
	}
	if code, out, _ := run(t, "--help"); code != 0 || !strings.Contains(out, "-V, --version") || !strings.Contains(out, "\n  completion  ") {
		t.Errorf("--help: %d\n%s", code, out)
	}
}

func TestCompletion(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish"} {
		code, out, _ := run(t, "completion", sh)
		if code != 0 || !strings.Contains(out, "scan") || !strings.Contains(out, "fail-on") {
			t.Errorf("completion %s: status %d\n%s", sh, code, out)
		}
	}
	if code, _, _ := run(t, "completion", "tcsh"); code != 2 {
		t.Errorf("completion tcsh: got %d, want 2", code)
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Log("bash not found: the bash script's behaviour is not tested")
		return
	}
	_, script, _ := run(t, "completion", "bash")
	f := filepath.Join(t.TempDir(), "djsec.bash")
	os.WriteFile(f, []byte(script), 0o644)
	probe := `source "$1"
t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMPREPLY=(); _djsec; echo "${COMPREPLY[*]}"; }
t djsec sc; t djsec scan --fail; t djsec scan -f s; t djsec db st; t djsec probe --act`
	out, err := exec.Command(bash, "-c", probe, "bash", f).CombinedOutput()
	if want := "scan\n--fail-on\nsarif\nstatus\n--active\n"; err != nil || string(out) != want {
		t.Errorf("bash completion: got %q (%v), want %q", out, err, want)
	}
}

// TestProgress: a progress line appears on a terminal after the delay, is
// erased when the work ends, and never appears elsewhere or with --quiet.
func TestProgress(t *testing.T) {
	t.Setenv("CI", "")
	defer func(d time.Duration) { progressDelay = d }(progressDelay)
	progressDelay = 0
	for _, tt := range []struct {
		terminal, quiet bool
		want            bool
	}{{true, false, true}, {false, false, false}, {true, true, false}} {
		var errb bytes.Buffer
		e := &env{stderr: &errb, errTerminal: tt.terminal}
		var hook func(string, int, int)
		stop := e.progress(tt.quiet, func(p progressState) string { return "scanning: " + p.stage }, &hook)
		if hook != nil {
			hook("files", 1, 2)
		}
		time.Sleep(500 * time.Millisecond)
		stop()
		got := errb.String()
		if shown := strings.Contains(got, "scanning: files"); shown != tt.want {
			t.Errorf("terminal=%v quiet=%v: got %q", tt.terminal, tt.quiet, got)
		}
		if tt.want && !strings.HasSuffix(got, "\r\x1b[K") {
			t.Errorf("the progress line is not erased: %q", got)
		}
	}
}
