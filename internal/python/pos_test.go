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

// TestPositionEveryOffset checks the strided line table against a count
// of line breaks, at every offset of texts with short, long and empty
// lines, with and without \r.
func TestPositionEveryOffset(t *testing.T) {
	var long strings.Builder
	for i := range 100 {
		long.WriteString(strings.Repeat("x", i%7))
		long.WriteByte('\n')
	}
	texts := []string{"", "\n", "a", "a\n", "\n\n\n", "ab\ncd\n\nef", long.String(), long.String() + "tail",
		"a\r\nb\rc\n\r\n", strings.Repeat("a\r\n", 40)}
	for _, src := range texts {
		f := newFile("f.py", src)
		line, start := 1, 0
		for off := 0; off <= len(src)+2; off++ {
			got := f.Position(Pos(off + 1))
			if got.Line != line || got.Col != off-start {
				t.Fatalf("%q at %d: got %d:%d, want %d:%d", src, off, got.Line, got.Col, line, off-start)
			}
			if off < len(src) {
				switch {
				case src[off] == '\n', src[off] == '\r' && (off+1 == len(src) || src[off+1] != '\n'):
					line, start = line+1, off+1
				}
			}
		}
		if got, want := f.LineCount(), line; got != want {
			t.Errorf("%q: got %d lines, want %d", src, got, want)
		}
	}
}
