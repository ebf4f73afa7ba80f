package settings

import (
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
	// maxWork bounds the total size of the values one scan's settings
	// evaluation builds, counted shallowly (string bytes, items, integer
	// bytes) per evaluated expression: it bounds time and memory spent on
	// modules that build large values step by step (A = A + [x] repeated).
	maxWork = 1 << 26
)

// budget counts the work of one loader's evaluations.
type budget struct{ used atomic.Int64 }

// size is the shallow size of v: what building it allocated.
func size(v *Value) int64 {
	n := int64(len(v.S) + len(v.Elems) + len(v.Keys) + len(v.Alts) + 1)
	if v.I != nil {
		n += int64(v.I.BitLen() / 8)
	}
	return n
}

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

// charge adds v's size to the loader's work; false means the budget is
// spent and v must not be used.
func (b *budget) charge(v *Value) bool {
	return b.used.Add(size(v)) <= maxWork
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
