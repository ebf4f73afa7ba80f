package python

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestPositionsAgainstCPython compares positions (lineno, col_offset,
// end_lineno, end_col_offset) with ast.dump(include_attributes=True) on
// the grammar testdata and a sample of the standard library.
func TestPositionsAgainstCPython(t *testing.T) {
	py := python3(t)
	files := globTestdata(t, "grammar/*.py")
	stdlib := stdlibFiles(t, stdlibDir(t, py))
	step := 1
	if testing.Short() {
		step = 5
	}
	for i := 0; i < len(stdlib); i += step {
		files = append(files, stdlib[i])
	}
	cmd := exec.Command(py, "-c", posDumpScript)
	cmd.Stdin = strings.NewReader(strings.Join(files, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running python3: %v", err)
	}
	want := map[string]string{}
	var cur string
	for _, line := range strings.Split(string(out), "\n") {
		if name, ok := strings.CutPrefix(line, "== "); ok {
			cur = name
		} else if cur != "" {
			want[cur] = line
			cur = ""
		}
	}
	got := parallelDumps(t, files, func(t *testing.T, f string) string {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Error(err)
			return "ERROR"
		}
		m, err := ParseFile(f, src)
		if err != nil {
			return "ERROR"
		}
		return DumpPositions(m)
	})
	bad := 0
	for _, f := range files {
		if got[f] != want[f] {
			bad++
			if bad <= 10 {
				t.Errorf("%s: positions differ from CPython:%s", f, firstDiff(want[f], got[f]))
			}
		}
	}
	t.Logf("%d/%d files with identical positions", len(files)-bad, len(files))
}

const posDumpScript = `
import ast, sys
for line in sys.stdin:
    path = line.strip()
    if not path:
        continue
    print("== " + path)
    try:
        print(ast.dump(ast.parse(open(path, "rb").read()), include_attributes=True))
    except Exception:
        print("ERROR")
`
