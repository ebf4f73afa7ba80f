package guard

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/report"
)

var wantRE = regexp.MustCompile(`# want "((?:[^"\\]|\\.)*)"`)

// TestConfigRules runs the configuration rules over testdata/rules: each
// `# want "regexp"` must be matched by a finding on its line, and every
// finding must be wanted (files without a want are the safe look-alikes).
func TestConfigRules(t *testing.T) {
	files, _ := filepath.Glob("testdata/rules/*.toml")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, _ := os.ReadFile(path)
			cfg, err := ParseConfig(path, data)
			if err != nil {
				t.Fatal(err)
			}
			wants := map[int][]*regexp.Regexp{}
			for i, l := range strings.Split(string(data), "\n") {
				for _, m := range wantRE.FindAllStringSubmatch(l, -1) {
					wants[i+1] = append(wants[i+1], regexp.MustCompile(strings.ReplaceAll(m[1], `\"`, `"`)))
				}
			}
			for _, f := range CheckConfig(cfg).Findings {
				ok := false
				for i, re := range wants[f.Location.Line] {
					if re != nil && re.MatchString(f.Message) {
						wants[f.Location.Line][i] = nil
						ok = true
						break
					}
				}
				if !ok {
					t.Errorf("%s: unexpected %s: %s", f.Location, f.Rule, f.Message)
				}
			}
			for line, res := range wants {
				for _, re := range res {
					if re != nil {
						t.Errorf("%s:%d: no finding matched %q", path, line, re)
					}
				}
			}
		})
	}
}

func TestRulesValid(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if err := r.Validate(); err != nil {
			t.Error(err)
		}
		if !strings.HasPrefix(r.ID, "DJG") || seen[r.ID] {
			t.Errorf("rule id %s: not DJG or twice", r.ID)
		}
		seen[r.ID] = true
	}
}

// TestReportFromTraffic: events become findings through the rules, one per
// rule, route and client, with the counts.
func TestReportFromTraffic(t *testing.T) {
	g := startGuard(t, `
[metrics]
listen = "127.0.0.1:0"
[bans]
maxretry = 2
blocked_paths = true
[[route]]
name = "login"
path = "/other-login/"
login = true
[[route]]
name = "sign in"
path = "/accounts/login/"
login = true
`)
	for range 3 {
		get(t, g.url+"/.env")
	}
	// The scanner was banned; let it in again to fail logins.
	req, _ := http.NewRequest("DELETE", g.admin+"/bans/127.0.0.1", nil)
	do(t, req)
	postLogin(t, g.url, "wrong")
	postLogin(t, g.url, "wrong")
	_, body := get(t, g.admin+"/report")
	var r report.Report
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatalf("GET /report: %v: %s", err, body)
	}
	got := map[string]report.Finding{}
	for _, f := range r.Findings {
		got[f.Rule] = f
	}
	if f, ok := got["DJG102"]; !ok || !strings.Contains(f.Message, "127.0.0.1 asked 3 time(s)") || f.Fingerprint == "" {
		t.Errorf("DJG102: %+v (findings %v)", f, r.Findings)
	}
	if f, ok := got["DJG101"]; !ok || !strings.Contains(f.Message, "127.0.0.1 was banned 1 time(s)") {
		t.Errorf("DJG101: %+v", f)
	}
	if r.Schema != report.Schema || len(r.Notes) == 0 {
		t.Errorf("report: schema %q notes %v", r.Schema, r.Notes)
	}
}
