package deps

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/analysis/analysistest"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/testenv"
)

func TestRules(t *testing.T) {
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			dir := "testdata/" + r.ID
			analysistest.RequireCases(t, dir)
			analysistest.Run(t, dir, r)
		})
	}
}

// TestProject is the acceptance test of the dependency checks: a project with
// every lock format, a vulnerable Django and end-of-life Pythons gets one
// finding per problem, each with the upgrade that fixes it; the same project
// on current releases gets none. It runs on the small test database and, when
// present, on the real PyPA snapshot named by DJSEC_ADVISORY_DB.
func TestProject(t *testing.T) {
	dbs := map[string]string{"small": "testdata/DJD101/osv", "pypa": ""}
	if dir, ok := testenv.AdvisoryDB(); ok {
		dbs["pypa"] = dir
	}
	for name, db := range dbs {
		for _, dir := range []string{"vulnerable", "current"} {
			t.Run(name+"/"+dir, func(t *testing.T) {
				if db == "" {
					testenv.NeedAdvisoryDB(t)
				}
				opts := analysis.Options{Inputs: project.Inputs{DB: db}}
				findings := analysistest.RunWith(t, opts, "testdata/project/"+dir, Rules()...)
				if dir == "current" && len(findings) != 0 {
					t.Errorf("got %d findings on current releases, want none", len(findings))
				}
			})
		}
	}
}

// TestMalformedFiles: a broken lock file is reported once, with its file and
// line, and the other files are still checked.
func TestMalformedFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"poetry.lock":      "[[package]]\nname = \"django\"\nversion = 3.2.0\n",
		"Pipfile.lock":     "{\n  \"default\": {\n    \"django\": {\"version\": \"==3.2.0\",}\n  }\n}\n",
		"requirements.txt": "django==3.2.0\nrequests>=>2\n-r missing.txt\n",
		// a project generator's template: not TOML until it is rendered,
		// and not a problem of this project
		"{{ cookiecutter.slug }}/pyproject.toml": "[project]\nname = \"{{ cookiecutter.slug }}\"\n{% if api %}dependencies = [\"djangorestframework\"]{% endif %}\n",
	}
	for name, body := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := analysis.Scan(analysis.Options{Root: dir, Rules: Rules(), Now: analysistest.Now,
		Inputs: project.Inputs{DB: "testdata/DJD101/osv"}})
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	for _, p := range res.Problems {
		problems = append(problems, p.Location.String()+" "+p.Message)
	}
	want := []string{
		"Pipfile.lock:3:1 invalid JSON",
		"poetry.lock:3:1 invalid TOML",
		"requirements.txt:2:1 invalid requirement \"requests>=>2\"",
		"requirements.txt:3:1 reading missing.txt",
	}
	if len(problems) != len(want) {
		t.Fatalf("got problems\n\t%s\nwant %d", strings.Join(problems, "\n\t"), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(problems[i], want[i]) {
			t.Errorf("problem %d: got %q, want it to start with %q", i, problems[i], want[i])
		}
	}
	var rules []string
	for _, f := range res.Findings {
		rules = append(rules, f.Location.String()+" "+f.Rule)
	}
	if got := strings.Join(rules, ", "); got != "requirements.txt:1:1 DJD101, requirements.txt:1:1 DJD201" {
		t.Errorf("got findings %s, want DJD101 and DJD201 on requirements.txt:1", got)
	}
}
