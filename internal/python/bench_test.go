package python

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkParseStdlib parses every 10th file of python3's standard
// library per iteration and reports throughput.
func BenchmarkParseStdlib(b *testing.B) {
	out, err := exec.Command("python3", "-c", `import sysconfig;print(sysconfig.get_paths()["stdlib"])`).Output()
	if err != nil {
		b.Skip("python3 not found")
	}
	dir := strings.TrimSpace(string(out))
	var srcs [][]byte
	var size int64
	i := 0
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == "site-packages" {
			return filepath.SkipDir
		}
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".py") {
			if i%10 == 0 {
				if src, err := os.ReadFile(path); err == nil {
					srcs = append(srcs, src)
					size += int64(len(src))
				}
			}
			i++
		}
		return nil
	})
	b.SetBytes(size)
	b.ResetTimer()
	for range b.N {
		for _, src := range srcs {
			ParseFile("f.py", src)
		}
	}
}

// BenchmarkParseGenerated parses 1 MB of generated code per iteration.
func BenchmarkParseGenerated(b *testing.B) {
	src := generatedSource(1 << 20)
	b.SetBytes(int64(len(src)))
	for range b.N {
		ParseFile("gen.py", src)
	}
}
