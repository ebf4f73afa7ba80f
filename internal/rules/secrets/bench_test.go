package secrets

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkEngine measures the detector engine alone on the files of a
// tree made by bench/secretsgen (SECRETS_BENCH_DIR), or on this package's
// testdata.
func BenchmarkEngine(b *testing.B) {
	dir := os.Getenv("SECRETS_BENCH_DIR")
	if dir == "" {
		dir = "testdata"
	}
	var files [][]byte
	var names []string
	total := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || total > 256<<20 {
			return nil
		}
		data, err := os.ReadFile(p)
		if err == nil {
			files = append(files, data)
			names = append(names, p)
			total += len(data)
		}
		return nil
	})
	e, err := compiled()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	for range b.N {
		for i, data := range files {
			e.scan(names[i], data)
		}
	}
}

func BenchmarkKeywords(b *testing.B) {
	data, err := os.ReadFile(os.Getenv("SECRETS_BENCH_FILE"))
	if err != nil {
		b.Skip("SECRETS_BENCH_FILE not set")
	}
	e, _ := compiled()
	b.SetBytes(int64(len(data)))
	n := 0
	for range b.N {
		n += len(e.kws.find(data, nil))
	}
	b.ReportMetric(float64(n)/float64(b.N), "hits/op")
}
