package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoldenRoutes pins `djsec routes` on the example project in every
// format. Run `go test ./internal/cli -update` after a deliberate change.
func TestGoldenRoutes(t *testing.T) {
	for _, format := range []string{"text", "json", "html"} {
		t.Run(format, func(t *testing.T) {
			code, out, stderr := run(t, "routes", example, "--format", format)
			if code != exitOK || stderr != "" {
				t.Fatalf("exit %d, stderr: %s", code, stderr)
			}
			golden := filepath.Join("testdata", "golden", "routes."+format)
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

func TestRoutesJSON(t *testing.T) {
	_, out, _ := run(t, "routes", example, "--format", "json")
	var doc struct {
		Schema string `json:"schema"`
		Routes []struct {
			Pattern        string `json:"pattern"`
			View           string `json:"view"`
			Authentication struct {
				Value string `json:"value"`
				Where string `json:"where"`
			} `json:"authentication"`
			CSRF struct {
				Value string `json:"value"`
			} `json:"csrf"`
		} `json:"routes"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Schema != "djsec/routes/v1" {
		t.Errorf("schema %q, want djsec/routes/v1", doc.Schema)
	}
	want := map[string][2]string{ // pattern -> authentication, where
		"/checkout/":        {"login", "shop/views.py:43"},
		"/cart/":            {"login", "shop/views.py:86"},
		"/search/":          {"none", ""},
		"/webhook/payment/": {"none", ""},
		"/admin/":           {"login", ""},
	}
	seen := 0
	for _, r := range doc.Routes {
		w, ok := want[r.Pattern]
		if !ok {
			continue
		}
		seen++
		if r.Authentication.Value != w[0] || r.Authentication.Where != w[1] {
			t.Errorf("%s: authentication %s at %q, want %s at %q", r.Pattern, r.Authentication.Value, r.Authentication.Where, w[0], w[1])
		}
		if r.Pattern == "/webhook/payment/" && r.CSRF.Value != "exempt" {
			t.Errorf("%s: csrf %s, want exempt", r.Pattern, r.CSRF.Value)
		}
	}
	if seen != len(want) {
		t.Errorf("saw %d of the %d routes checked", seen, len(want))
	}
}

func TestRoutesErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"routes", example, "--format", "sarif"}, `unknown format "sarif"`},
		{[]string{"routes", "/nonexistent/djsec"}, "cannot read /nonexistent/djsec"},
		{[]string{"routes", "a", "b"}, "routes takes one path"},
		{[]string{"routes", example + "/manage.py"}, "is not a directory"},
	} {
		code, _, stderr := run(t, tc.args...)
		if code != exitError || !strings.Contains(stderr, tc.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q, want 2 and one line with %q", tc.args, code, stderr, tc.want)
		}
	}
}

func TestRoutesOutputFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "routes.json")
	code, stdout, stderr := run(t, "routes", example, "--format", "json", "--output", out)
	if code != exitOK || stdout != "" || stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil || !json.Valid(data) {
		t.Fatalf("%s: %v, valid JSON %v", out, err, json.Valid(data))
	}
}
