package analysis

import (
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/testenv"
)

func TestTestPath(t *testing.T) {
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"shop/tests/test_views.py", true},
		{"unittests/scans/zap/report.json", true}, // the reports a parser is tested on
		{"shop/integration-tests/users.json", true},
		{"shop/unittesting/views.py", false},
		{"shop/test_views.py", true},
		{"src/.cookiecutter/{{cookiecutter.app_name}}/admin.py", true}, // a generator's template
		{"template/{{ project_slug }}/config/settings.py", true},
		{"shop/templates/shop/{name}.html", false},
		{"e2e/utils.py", true},
		{"localdevelopment/handler/settings.py", true},
		{"features/steps/login_steps.py", true},
		{"features/fixtures.py", true},
		{"shop/features/views.py", false}, // an app of feature flags
		{"shop/steps/views.py", false},
		{"conftest.py", true},
		{"runtests.py", true},                         // a reusable app's test runner, which configures settings for the tests
		{"src/shop/commons/utils/testcases.py", true}, // the project's base classes for its tests
		{"src/shop/commons/utils/cases.py", false},
		{"quicktest.py", true},
		{"testserver.py", true},
		{"shop/server.py", false},
		{"tests/runtests.py", true},
		{"shop/runtest_report.py", false},
		{"readthedocs/settings/test.py", true},
		{"shop/plugins/oidc/tests/conftest.py", true},
		{"shop/fixtures/users.json", true},
		{"examples/demo/settings.py", true},
		{".github/workflows/ci.yml", true},
		{".devcontainer/backend.env", true},
		{"development/dev.env", true},
		{"dev-docker/docker-compose.yml", true},
		{"shop/developments/models.py", false}, // a real-estate app
		{"dev/common/postgres.env", true},      // the developer's stack at the top of the repository
		{".env_dev", true},
		{"deploy/.env.test", true},
		{"dev.env", true},
		{".env_local", false}, // may hold a developer's real keys
		{".env.production", false},
		{"devices.env", false},
		{"dev/compose/signing/keys/signing.key", true},
		{"hub/dev/views.py", false}, // deeper down, dev may be an app
		{"dev.py", false},
		{"profiles/community/github_mock/flaskapp.py", true}, // a fake of an outside service
		{"shop/mocks/payments.py", true},
		{"shop/mockingbird/views.py", false},
		{"profiles/dab/make_test_data.py", true},
		{"shop/management/commands/load_testdata.py", true},
		{".gitlab-ci.yml", true},
		{"appveyor.yml", true},
		{".drone.yml", true},
		{"scripts/ci-python", true},
		{"scripts/cinema.py", false},
		{"shop/views.py", false},
		{"shop_tests/xtheme/utils.py", true}, // a project's test package beside it
		{"tests_integration/api.py", true},
		{"latest/views.py", false},
		{"contests/views.py", false},
		{"ab_test/views.py", false}, // an A/B testing app
		{"shop/settings.py", false},
		{"shop/testimonials/views.py", false}, // a word that starts like "test"
		{"shop/latest.py", false},
		{"contest/models.py", false},
		{"lab/samples/views.py", false},                                // an app named samples
		{"cms/test_utils/project/templates/plugins/widget.html", true}, // the project a reusable app's tests run
		{"test_project/settings.py", true},
		{"test_app/serializers.py", true},
		{"tests/testapp/views.py", true},
		{"testapps/blog/models.py", true},
		{"latest_app/views.py", false},
		{"contest_app/views.py", false},
		{"scripts/test-environments/oidc/authelia/configuration.yml", true},
		{"deploy/environments/production/compose.yml", false},
		{"shop/utils/test_helpers_doc.md", false},
	} {
		if got := TestPath(tc.path); got != tc.want {
			t.Errorf("TestPath(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

// dupRule reports BAD twice on every line that has it, as a rule reaching a
// line by two routes would.
var dupRule = &Rule{
	ID: "DJX901", Name: "bad-word-twice", Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{1}, Checklist: []int{4}, Scope: PerFile, Files: badRule.Files,
	Doc: badRule.Doc,
	Run: func(p *Pass) {
		data, _ := p.File.Content()
		for n, line := range strings.Split(string(data), "\n") {
			if i := strings.Index(line, "BAD"); i >= 0 {
				p.Reportf(p.At(n+1, i+1), "BAD here")
				p.Report(Diagnostic{Location: p.At(n+1, i+1), Message: "BAD here", Severity: report.High})
				p.Reportf(p.At(n+1, i+1), "BAD here, and something else")
			}
		}
	},
}

func TestDuplicatesDropped(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{"app.py": "x = 1\ny = BAD\n"})
	res := scanDir(t, Options{Root: dir, Rules: []*Rule{dupRule}})
	if len(res.Findings) != 2 {
		t.Fatalf("got %d findings, want 2 (one per message): %+v", len(res.Findings), res.Findings)
	}
	for _, f := range res.Findings {
		if f.Message == "BAD here" && f.Severity != report.High {
			t.Errorf("got severity %s for the duplicate kept, want the higher one (high)", f.Severity)
		}
	}
}

func TestTestPolicy(t *testing.T) {
	dir := testenv.Tree(t, map[string]string{
		"shop/views.py":            "BAD\n",
		"shop/tests/test_views.py": "BAD\n",
		".devcontainer/app.env":    "BAD\n",
	})
	for _, tc := range []struct {
		policy   TestPolicy
		findings int
		low      int
		note     bool
	}{
		{TestsAsIs, 3, 0, false},
		{TestsLeftOut, 1, 0, true},
		{TestsLow, 3, 2, false},
	} {
		res := scanDir(t, Options{Root: dir, Rules: []*Rule{badRule}, Tests: tc.policy})
		low := 0
		for _, f := range res.Findings {
			if f.Severity == report.Low {
				low++
			}
		}
		note := len(res.Notes) == 1 && strings.HasPrefix(res.Notes[0], "2 findings in tests")
		if len(res.Findings) != tc.findings || low != tc.low || note != tc.note {
			t.Errorf("policy %d: got %d findings (%d low), note %v (%q); want %d (%d low), note %v",
				tc.policy, len(res.Findings), low, note, res.Notes, tc.findings, tc.low, tc.note)
		}
	}
}
