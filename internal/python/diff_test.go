package python

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/djsec/djsec/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite golden dumps in testdata/py312")

// python3 returns the path of python3 or skips the test.
func python3(t *testing.T) string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		testenv.Missing(t, "python3 (CPython 3.11, for the differential test)", "apt-get install python3")
	}
	// Dump prints CPython 3.11's format; 3.12 added fields (type_params)
	// and changed f-string positions, so other versions cannot agree.
	out, err := exec.Command(py, "-c", "import sys; print('%d.%d' % sys.version_info[:2])").Output()
	if err != nil {
		t.Skipf("running python3: %v", err)
	}
	if v := strings.TrimSpace(string(out)); v != "3.11" {
		testenv.Missing(t, "CPython 3.11 (python3 is "+v+")", "put a python3.11 first on PATH as python3 (Debian 12's python3)")
	}
	return py
}

func stdlibDir(t *testing.T, py string) string {
	t.Helper()
	out, err := exec.Command(py, "-c", `import sysconfig;print(sysconfig.get_paths()["stdlib"])`).Output()
	if err != nil {
		t.Fatalf("asking python3 for its stdlib: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// stdlibFiles lists the standard library's .py files, without third-party
// site-packages. Parsing all of them twice takes a minute on two cores, so
// only DJSEC_LONG=1 (CI) gets them all; otherwise, and with -short, every
// 10th file.
func stdlibFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable parts of the tree are not our subject
		}
		if d.IsDir() && d.Name() == "site-packages" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".py") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walking %s: %v", dir, err)
	}
	sort.Strings(files)
	if testing.Short() || !testenv.Long() {
		var sample []string
		for i := 0; i < len(files); i += 10 {
			sample = append(sample, files[i])
		}
		files = sample
	}
	return files
}

// cpythonDumps runs one python3 process over all files and returns
// path -> ast.dump output or "ERROR".
func cpythonDumps(t *testing.T, py string, files []string) map[string]string {
	t.Helper()
	cmd := exec.Command(py, filepath.Join("testdata", "astdump.py"))
	cmd.Stdin = strings.NewReader(strings.Join(files, "\n") + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("running astdump.py: %v\n%s", err, stderr.String())
	}
	dumps := make(map[string]string, len(files))
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<30)
	var cur string
	for sc.Scan() {
		line := sc.Text()
		if name, ok := strings.CutPrefix(line, "== "); ok {
			cur = name
			continue
		}
		dumps[cur] = line
	}
	return dumps
}

// goDumps parses files on all cores and returns path -> Dump or "ERROR".
func goDumps(t *testing.T, files []string) map[string]string {
	t.Helper()
	return parallelDumps(t, files, dumpFile)
}

// parallelDumps applies dump to every file on all cores.
func parallelDumps(t *testing.T, files []string, dump func(*testing.T, string) string) map[string]string {
	t.Helper()
	dumps := make(map[string]string, len(files))
	var mu sync.Mutex
	work := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for path := range work {
				d := dump(t, path)
				mu.Lock()
				dumps[path] = d
				mu.Unlock()
			}
		}()
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
	return dumps
}

func dumpFile(t *testing.T, path string) string {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("reading %s: %v", path, err)
		return "ERROR"
	}
	m, err := ParseFile(path, src)
	if err != nil {
		return "ERROR"
	}
	return Dump(m)
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-60)
	return "\n  got  ..." + b[lo:min(len(b), i+60)] + "\n  want ..." + a[lo:min(len(a), i+60)]
}

// snippetFiles writes each chunk of testdata/snippets.txt (chunks are
// separated by "----" lines; valid and invalid code mixed) to its own file.
func snippetFiles(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "snippets.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var files []string
	for i, chunk := range strings.Split(string(data), "----\n") {
		name := filepath.Join(dir, fmt.Sprintf("snippet%03d.py", i))
		if err := os.WriteFile(name, []byte(chunk), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	return files
}

func globTestdata(t *testing.T, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestCPythonAgreement compares Dump with CPython's ast.dump on the
// standard library and on the grammar corner files in testdata/grammar
// and testdata/invalid. Files CPython rejects must be rejected too.
func TestCPythonAgreement(t *testing.T) {
	py := python3(t)
	stdlib := stdlibFiles(t, stdlibDir(t, py))
	corners := append(globTestdata(t, "grammar/*.py"), globTestdata(t, "invalid/*.py")...)
	corners = append(corners, snippetFiles(t)...)
	files := append(append([]string{}, stdlib...), corners...)
	want := cpythonDumps(t, py, files)
	got := goDumps(t, files)

	for _, f := range corners {
		if got[f] != want[f] {
			src, _ := os.ReadFile(f)
			t.Errorf("%s: dump differs from CPython:%s\nsource:\n%s", f, firstDiff(want[f], got[f]), src)
		}
		if strings.Contains(f, "invalid") && want[f] != "ERROR" {
			t.Errorf("%s: CPython accepts a file meant to be invalid", f)
		}
	}
	same, rejected, rejectedSame := 0, 0, 0
	var bad []string
	for _, f := range stdlib {
		if want[f] == "ERROR" {
			rejected++
			if got[f] == "ERROR" {
				rejectedSame++
			}
		}
		if got[f] == want[f] {
			same++
		} else {
			bad = append(bad, f)
		}
	}
	for i, f := range bad {
		if i == 20 {
			t.Logf("... and %d more", len(bad)-20)
			break
		}
		t.Logf("%s: differs from CPython:%s", f, firstDiff(want[f], got[f]))
	}
	pct := 100 * float64(same) / float64(max(1, len(stdlib)))
	t.Logf("stdlib: %d/%d files identical (%.2f%%); rejected by CPython %d, by us too %d", same, len(stdlib), pct, rejected, rejectedSame)
	if pct < 99.5 {
		t.Errorf("stdlib agreement %.2f%%, want at least 99.5%%", pct)
	}
	if rejectedSame != rejected {
		t.Errorf("rejected files: got %d agreeing, want %d", rejectedSame, rejected)
	}
}

// TestNewerSyntax checks files CPython 3.11 cannot parse (PEP 695 type
// parameters, PEP 701 f-strings, 3.13 type parameter defaults) against
// golden dumps written by hand, in CPython 3.13's format restricted as Dump
// documents. Run with -update to rewrite them after checking by eye.
func TestNewerSyntax(t *testing.T) {
	for _, f := range globTestdata(t, "py312/*.py") {
		t.Run(filepath.Base(f), func(t *testing.T) {
			got := dumpFile(t, f)
			golden := strings.TrimSuffix(f, ".py") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("reading golden: %v", err)
			}
			if got != strings.TrimSpace(string(want)) {
				t.Errorf("dump differs from golden:%s", firstDiff(strings.TrimSpace(string(want)), got))
			}
		})
	}
}
