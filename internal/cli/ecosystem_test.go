package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The files other tools read (pre-commit, GitHub Actions, Docker) run
// djsec commands; these tests run the same commands, so that a renamed flag
// cannot break them unnoticed.

const repoRoot = "../.."

func TestPreCommitHooks(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID, Name, Entry, Language string
		PassFilenames             *bool `yaml:"pass_filenames"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) == 0 {
		t.Fatal("no hooks")
	}
	for _, h := range hooks {
		args := strings.Fields(h.Entry)
		if h.ID == "" || h.Name == "" || h.Language != "golang" || len(args) < 2 || args[0] != "djsec" || h.PassFilenames == nil || *h.PassFilenames {
			t.Errorf("hook %+v: want an id, a name, language golang, an entry running djsec and pass_filenames: false", h)
			continue
		}
		code, _, stderr := run(t, append(args[1:], example)...)
		if (code != 0 && code != 1) || stderr != "" {
			t.Errorf("hook %s: djsec %s: status %d, stderr %q", h.ID, strings.Join(args[1:], " "), code, stderr)
		}
	}
}

func TestGitHubAction(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Name   string
		Inputs map[string]struct{ Description, Default string }
		Runs   struct {
			Using string
			Steps []struct {
				Name, Run, Uses string
				Env             map[string]string
			}
		}
	}
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatal(err)
	}
	if action.Runs.Using != "composite" || len(action.Runs.Steps) == 0 {
		t.Fatalf("runs: got %+v", action.Runs)
	}
	for _, ref := range regexp.MustCompile(`inputs\.([\w-]+)`).FindAllStringSubmatch(string(data), -1) {
		if _, ok := action.Inputs[ref[1]]; !ok {
			t.Errorf("action.yml uses inputs.%s, which it does not declare", ref[1])
		}
	}
	sarif := filepath.Join(t.TempDir(), "djsec.sarif")
	values := map[string]string{"path": example, "sarif-file": sarif, "fail-on": action.Inputs["fail-on"].Default, "args": "--exclude legacy"}
	ran := 0
	for _, st := range action.Runs.Steps {
		for _, line := range strings.Split(st.Run, "\n") {
			line = strings.TrimSpace(line)
			if !strings.HasPrefix(line, `"$RUNNER_TEMP/djsec"`) {
				continue
			}
			// Put the inputs' test values where the step's environment
			// would put them.
			for k, v := range st.Env {
				m := regexp.MustCompile(`^\$\{\{ inputs\.([\w-]+) \}\}$`).FindStringSubmatch(v)
				if m == nil {
					t.Fatalf("step %q: env %s=%s is not an input", st.Name, k, v)
				}
				line = strings.ReplaceAll(line, `"$`+k+`"`, values[m[1]])
				line = strings.ReplaceAll(line, `$`+k, values[m[1]])
			}
			args := strings.Fields(strings.TrimPrefix(line, `"$RUNNER_TEMP/djsec"`))
			code, _, stderr := run(t, args...)
			if (code != 0 && code != 1) || stderr != "" {
				t.Errorf("step %q: djsec %s: status %d, stderr %q", st.Name, strings.Join(args, " "), code, stderr)
			}
			if strings.Contains(line, "--fail-on never") && code != 0 {
				t.Errorf("step %q: the SARIF step must not fail the job before the upload", st.Name)
			}
			ran++
		}
	}
	if ran < 2 {
		t.Errorf("got %d djsec commands in action.yml, want the SARIF scan and the gate", ran)
	}
	if _, err := os.Stat(sarif); err != nil {
		t.Errorf("the SARIF step wrote no log: %v", err)
	}
}

func TestDockerfileAndLicense(t *testing.T) {
	df, err := os.ReadFile(filepath.Join(repoRoot, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"CGO_ENABLED=0 go build", "./cmd/djsec", "FROM gcr.io/distroless/static", `ENTRYPOINT ["/usr/local/bin/djsec"]`, "COPY --from=build /out/djsec /usr/local/bin/djsec", "USER nonroot"} {
		if !strings.Contains(string(df), want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	lic, err := os.ReadFile(filepath.Join(repoRoot, "LICENSE"))
	if err != nil || !strings.Contains(string(lic), "Apache License") || !strings.Contains(string(lic), "Version 2.0, January 2004") {
		t.Errorf("LICENSE: want the Apache License 2.0 (%v)", err)
	}
}
