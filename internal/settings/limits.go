package settings

import (
	"fmt"
	"math/big"
	"sync/atomic"
)

// Caps on the values evaluation builds. Settings are written by whoever
// writes the repository: `A = A + A` repeated sixty times, "x" * 65536 *
// 65536 or "{0}{0}{0}".format(A) would otherwise take gigabytes. Past a
// cap the value is Unknown with the reason, as for anything else djsec
// cannot know; real settings stay far below every cap.
const (
	maxStrLen  = 1 << 20 // bytes of one string
	maxElems   = 1 << 17 // items of one list, tuple, set or dict
	maxDictLit = 1 << 12 // keys of one dict display (each key costs a copy)
	maxIntBits = 1 << 14 // bits of one integer
	// maxItems bounds the items of a value counted as a tree (an item
	// shared twice counts twice: what a rule walking the value pays), and
	// maxNest its nesting: A = [A, A] or A = [A] repeated build values that
	// cost no memory but exponential or stack-deep walks.
	maxItems = 1 << 20
	maxNest  = 64
	// maxWork bounds the total size of the values one scan's settings
	// evaluation builds or reads, counted per evaluated expression in items
	// and string bytes: it bounds time and memory spent on modules that
	// build large values step by step (A = A + [x] repeated).
	maxWork = 1 << 25
	// maxCompItems bounds the items a list comprehension runs over, and
	// compItemWork is what evaluating its element once is charged to the
	// work budget: settings comprehensions strip a few host names.
	maxCompItems = 1 << 12
	compItemWork = 1 << 10
)

// measure walks v as a tree, without recursion, until it has seen more
// than maxItems items or a nesting deeper than maxNest. It returns the
// work it took and what it found.
func measure(v *Value) (work int64, tooMany, tooDeep bool) {
	type item struct {
		v *Value
		d int
	}
	stack := []item{{v, 1}}
	items := 0
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.v == nil {
			continue
		}
		items++
		work += 1 + int64(len(it.v.S)/8)
		if items > maxItems {
			return work, true, false
		}
		if it.d > maxNest {
			return work, false, true
		}
		for _, l := range [...][]*Value{it.v.Elems, it.v.Keys, it.v.Alts} {
			for _, c := range l {
				if c != nil && len(c.Elems)+len(c.Keys)+len(c.Alts) == 0 && c.Default == nil {
					// A leaf is counted here rather than pushed: a flat list
					// of a hundred thousand strings costs no stack.
					items++
					work += 1 + int64(len(c.S)/8)
					continue
				}
				stack = append(stack, item{c, it.d + 1})
			}
		}
		if it.v.Default != nil {
			stack = append(stack, item{it.v.Default, it.d + 1})
		}
	}
	return work, false, false
}

// bound charges v to the loader's work and returns it, or an Unknown value
// saying why when it is past a cap or the work budget is spent.
func (e *evaluator) bound(v *Value) *Value {
	var work int64
	var tooMany, tooDeep bool
	if e.l.work.used.Load() <= maxWork {
		work, tooMany, tooDeep = measure(v)
	}
	if !e.l.work.add(work) {
		e.l.note(fmt.Sprintf("%s: settings evaluation stopped: the settings build values larger than djsec evaluates; what they set after that is unknown", e.file.Path))
		return Unknownf(v.Origin, "settings evaluation stopped: the settings build values larger than djsec evaluates")
	}
	switch {
	case tooMany:
		return Unknownf(v.Origin, "a value of more than %d items in all, more than djsec evaluates", maxItems)
	case tooDeep:
		return Unknownf(v.Origin, "a value nested more than %d deep, more than djsec evaluates", maxNest)
	}
	return capValue(v)
}

// budget counts the work of one loader's evaluations.
type budget struct{ used atomic.Int64 }

// capValue returns v, or an Unknown value saying why when v is larger than
// djsec evaluates.
func capValue(v *Value) *Value {
	switch {
	case len(v.S) > maxStrLen:
		return Unknownf(v.Origin, "a string of %d bytes, longer than djsec evaluates (%d)", len(v.S), maxStrLen)
	case len(v.Elems) > maxElems:
		return Unknownf(v.Origin, "a container of %d items, more than djsec evaluates (%d)", len(v.Elems), maxElems)
	case v.I != nil && v.I.BitLen() > maxIntBits:
		return Unknownf(v.Origin, "an integer of %d bits, larger than djsec evaluates (%d)", v.I.BitLen(), maxIntBits)
	}
	return v
}

// add adds n to the loader's work; false means the budget is spent.
func (b *budget) add(n int64) bool {
	return b.used.Add(n) <= maxWork && n >= 0
}

// bigTooLarge reports whether the result of op on a and b could be larger
// than maxIntBits, before it is computed.
func bigTooLarge(op string, a, b *big.Int) bool {
	switch op {
	case "mul":
		return a.BitLen()+b.BitLen() > maxIntBits
	case "pow":
		return !b.IsInt64() || int64(a.BitLen())*b.Int64() > maxIntBits
	}
	return false
}
