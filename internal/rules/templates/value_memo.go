package templates

import (
	"math"

	"github.com/djsec/djsec/internal/python"
)

// A name used many times is judged many times: in
//
//	x0 = [x1, x1, x1, ...]
//	x1 = [x2, x2, x2, ...]
//
// every x1 judges every x2 again, and a few short lines of hundreds of
// items each would keep a scan busy for minutes. One judging of a value
// therefore remembers what each name and each function's returns were
// found to hold, at what depth. The depth is the budget spent so far: what
// is safe with budget left at one depth is safe with more, and what is
// unsafe at one depth is unsafe with less, so an answer is reused only
// where it is the one judging again would give, and the findings are
// those without the memo.

// valueKey names what is judged: a name as fn (nil at a module's top
// level) of mod sees it, or, with no name, what fn returns.
type valueKey struct {
	mod  *python.Module
	fn   *python.FunctionDef
	name string
}

// valueSeen holds the deepest depth at which a value was found safe and
// the shallowest at which it was found unsafe.
type valueSeen struct{ safeAt, unsafeAt int }

// valueMemo is what one judging remembers. It belongs to the pymod the
// judging starts from and to those it makes for other modules (in); one
// judging runs on one goroutine.
type valueMemo map[valueKey]valueSeen

// judged returns what judge says of k at depth, reusing an earlier answer
// that holds there.
func (mod *pymod) judged(k valueKey, depth int, judge func() bool) bool {
	if mod.seen == nil {
		mod.seen = valueMemo{}
	}
	s := mod.seenAt(k)
	switch {
	case depth <= s.safeAt:
		return true
	case depth >= s.unsafeAt:
		return false
	}
	safe := judge()
	s = mod.seenAt(k) // judge may have judged k again, deeper down
	if safe {
		s.safeAt = max(s.safeAt, depth)
	} else {
		s.unsafeAt = min(s.unsafeAt, depth)
	}
	mod.seen[k] = s
	return safe
}

// seenAt returns what the judging found of k so far.
func (mod *pymod) seenAt(k valueKey) valueSeen {
	if s, ok := mod.seen[k]; ok {
		return s
	}
	return valueSeen{safeAt: -1, unsafeAt: math.MaxInt}
}
