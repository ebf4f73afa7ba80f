// Package lazyre holds regular expressions compiled on their first use
// rather than when the program starts. Every djsec command links every
// package, so an expression compiled at package initialisation is paid for
// by `djsec version` as much as by the one command that runs it. It is a
// leaf, so that the parsers and extractors can use it too.
package lazyre

import (
	"errors"
	"regexp"
	"sync"
)

// made holds every expression given to New, for Check.
var made struct {
	sync.Mutex
	exprs []string
}

// Regexp returns its expression, compiled by the first call and shared by
// every later one, from any goroutine.
type Regexp func() *regexp.Regexp

// New returns expr as a Regexp. expr is checked when first used: an invalid
// one panics then, as regexp.MustCompile would have at start.
func New(expr string) Regexp {
	made.Lock()
	made.exprs = append(made.exprs, expr)
	made.Unlock()
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// Check compiles every expression given to New so far and returns their
// errors: a test of a program that links all its packages finds an invalid
// expression that only a rare path would have reached.
func Check() error {
	made.Lock()
	defer made.Unlock()
	var errs []error
	for _, expr := range made.exprs {
		if _, err := regexp.Compile(expr); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
