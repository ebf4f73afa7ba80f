package tlsraw

import (
	_ "embed"
	"math/big"
	"strings"
	"sync"
)

//go:embed primes.txt
var primesTxt string

var (
	primesOnce sync.Once
	primes     map[string]string // canonical hex of p -> name
)

// CommonPrime returns the name of a widely shared DH prime under 2048
// bits, or "" when p is not one of them.
func CommonPrime(p []byte) string {
	primesOnce.Do(func() {
		primes = map[string]string{}
		for _, line := range strings.Split(primesTxt, "\n") {
			hex, name, ok := strings.Cut(line, "\t")
			if !ok || strings.HasPrefix(line, "#") {
				continue
			}
			if n, ok := new(big.Int).SetString(hex, 16); ok {
				primes[n.Text(16)] = name
			}
		}
	})
	return primes[new(big.Int).SetBytes(p).Text(16)]
}
