package analysis

import (
	"path"
	"strings"

	"github.com/djsec/djsec/internal/project"
)

// TestPolicy says what a scan does with findings in code that never runs in
// production: tests, fixtures, examples, CI pipelines and dev containers.
// Their keys are made up, their settings run on a laptop, and a maintainer
// reading a report wants the findings of the deployed application first.
type TestPolicy uint8

const (
	// TestsAsIs reports them like any other finding (rule tests, and
	// drivers that scan a single file).
	TestsAsIs TestPolicy = iota
	// TestsLeftOut leaves them out and says how many once, in a note.
	TestsLeftOut
	// TestsLow reports them at low severity at most (--include-tests).
	TestsLow
)

// testDirs are folders whose files serve tests, examples or the developer's
// machine, never the deployed site. Words that also name Django apps
// (samples in a laboratory system, specs in a product catalogue) are not
// among them.
var testDirs = map[string]bool{
	"test": true, "tests": true, "testing": true, "testdata": true, "test_data": true, "testutils": true,
	// the project a reusable app's tests run (cms/test_utils/project/...)
	"test_utils": true, "test_project": true, "testproject": true,
	// the app a reusable app's tests install beside it, with models,
	// serializers and views written for the tests (ansible_base's
	// test_app/, tests/testapp/)
	"test_app": true, "testapp": true, "test_apps": true, "testapps": true,
	// throwaway services a developer starts to try an integration
	// (scripts/test-environments/authelia-oidc/compose.yml)
	"test-environments": true, "test_environments": true, "test-environment": true, "test_environment": true,
	"fixtures": true, "fixture": true, "__tests__": true,
	// end-to-end suites that drive a browser against a test deployment
	"e2e": true, "e2e_tests": true, "playwright": true, "cypress": true,
	"example": true, "examples": true,
	".github": true, ".gitlab": true, ".circleci": true, ".buildkite": true, ".devcontainer": true,
	// the local environment a developer starts: its compose file, .env,
	// settings and identity provider (development/dev.env,
	// dev-docker/docker-compose.yml)
	"development": true, "dev-docker": true, "dev_docker": true, "localdevelopment": true, "localdev": true,
}

// TestPath reports whether a path, relative to the scanned root, is test
// code, a fixture, an example, a CI pipeline or a dev container.
func TestPath(rel string) bool {
	name := strings.ToLower(path.Base(rel))
	switch {
	case name == "conftest.py", name == "tests.py", name == "tests.pyi", name == "test.py", name == "testing.py",
		// the test runners of reusable apps, which configure settings
		// (DEBUG, a made-up SECRET_KEY) for the tests alone
		name == "runtests.py", name == "runtest.py", name == "quicktest.py", name == "testserver.py",
		// a project's base classes and helpers for its tests
		name == "testcases.py", name == "testutils.py", name == "testhelpers.py",
		strings.HasPrefix(name, "test_") && strings.HasSuffix(name, ".py"),
		strings.HasSuffix(name, "_test.py"), strings.HasSuffix(name, "_tests.py"),
		name == ".gitlab-ci.yml", name == ".travis.yml", name == "azure-pipelines.yml",
		name == "bitbucket-pipelines.yml", name == "jenkinsfile", name == "appveyor.yml", name == ".appveyor.yml",
		name == ".drone.yml", name == ".woodpecker.yml",
		name == "devcontainer.json", name == ".devcontainer.json",
		strings.HasPrefix(name, "ci-"), strings.HasPrefix(name, "ci_"), strings.HasPrefix(name, "ci."),
		// a script that fills a development database (make_test_data.py)
		strings.Contains(name, "test_data"), strings.Contains(name, "testdata"), strings.Contains(name, "test-data"),
		devDotenv(name):
		return true
	}
	// dev/ at the top of the repository holds the developer's compose
	// stacks, keys and env files (dev/compose/..., dev/common/postgres.env);
	// deeper down, dev names apps too
	if first, _, nested := strings.Cut(rel, "/"); nested && strings.ToLower(first) == "dev" {
		return true
	}
	if behaveSuite(rel) {
		return true
	}
	for dir := path.Dir(rel); dir != "." && dir != "/" && dir != ""; dir = path.Dir(dir) {
		if d := strings.ToLower(path.Base(dir)); testDirs[d] || testPackage(d) || mockDir(d) || projectTemplate(d) {
			return true
		}
	}
	return false
}

// InProjectTemplate reports whether a path lies under a folder named by
// a project generator's placeholder (see projectTemplate): its files are
// in the generator's syntax until it runs, so what a parser cannot read
// there is no problem of the project.
func InProjectTemplate(rel string) bool {
	for dir := path.Dir(rel); dir != "." && dir != "/" && dir != ""; dir = path.Dir(dir) {
		if projectTemplate(path.Base(dir)) {
			return true
		}
	}
	return false
}

// projectTemplate reports a folder named by a placeholder of a project
// generator ({{cookiecutter.app_name}}, {{ project_slug }}): what is under
// it is a template that becomes code only once generated, often not even
// valid Python before, and is an example of what the generator writes.
func projectTemplate(d string) bool {
	open := strings.Index(d, "{{")
	return open >= 0 && strings.Contains(d[open:], "}}")
}

// mockDir reports a folder of test doubles: mocks, github_mock,
// mock-server (a fake of an outside service that tests or a development
// stack start instead of the real one).
func mockDir(dir string) bool {
	return project.HasNameWord(dir, "mock", "mocks")
}

// behaveSuite reports a file of a behave suite: features/steps/...,
// features/environment.py, features/fixtures.py. A folder named features
// alone may be an app (feature flags).
func behaveSuite(rel string) bool {
	dir, name := path.Split(strings.ToLower(rel))
	dir = strings.TrimSuffix(dir, "/")
	switch {
	case path.Base(dir) == "features" && (name == "environment.py" || name == "fixtures.py"):
		return true
	case path.Base(dir) == "steps" && path.Base(path.Dir(dir)) == "features":
		return true
	}
	return false
}

// testPackage reports a folder named as the test package of a project
// (shop_tests, tests_integration): a Python package holding only tests
// beside the one it tests. A singular "_test" is left alone: it names
// apps too (ab_test, split_test).
func testPackage(dir string) bool {
	switch dir {
	case "unittests", "unittest", "integrationtests", "functionaltests":
		return true // DefectDojo's unittests/scans/..., the reports its parsers are tested on
	}
	return strings.HasSuffix(dir, "_tests") || strings.HasSuffix(dir, "-tests") || strings.HasPrefix(dir, "tests_")
}

// devDotenv reports an environment file named for development, tests or
// CI: .env_dev, .env.test, dev.env, .env.ci. A .env.local is not: it
// often holds a developer's real keys to outside services.
func devDotenv(name string) bool {
	return project.DotenvName(name) && project.HasNameWord(name, "dev", "devel", "development", "test", "testing", "ci")
}
