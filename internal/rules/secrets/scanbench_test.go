package secrets

import (
	"os"
	"testing"

	"github.com/djsec/djsec/internal/analysis"
)

// BenchmarkScan measures a whole secrets scan, framework included, of the
// tree in SECRETS_BENCH_DIR (made by bench/secretsgen).
func BenchmarkScan(b *testing.B) {
	dir := os.Getenv("SECRETS_BENCH_DIR")
	if dir == "" {
		b.Skip("SECRETS_BENCH_DIR not set")
	}
	for range b.N {
		if _, err := analysis.Scan(analysis.Options{Root: dir, Rules: Rules(), Jobs: 2}); err != nil {
			b.Fatal(err)
		}
	}
}
