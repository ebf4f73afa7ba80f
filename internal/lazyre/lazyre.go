// Package lazyre holds regular expressions compiled on their first use
// rather than when the program starts. Every djsec command links every
// package, so an expression compiled at package initialisation is paid for
// by `djsec version` as much as by the one command that runs it. It is a
// leaf, so that the parsers and extractors can use it too.
package lazyre

import (
	"regexp"
	"sync"
)

// Regexp returns its expression, compiled by the first call and shared by
// every later one, from any goroutine.
type Regexp func() *regexp.Regexp

// New returns expr as a Regexp. expr is checked when first used: an invalid
// one panics then, as regexp.MustCompile would have at start.
func New(expr string) Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
