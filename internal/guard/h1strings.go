package guard

import "unsafe"

// headStrings makes the strings a head is read into — the request's
// target, names and values, the application's answer's fields — without
// an allocation per head: each head's bytes are copied once to the end of
// a block that is only ever appended to, and the strings are views of the
// copy. Bytes a string covers are never written again (a full block is
// left to the garbage collector, which frees it when no string refers to
// it any more), so the strings are as immutable as any other and may be
// kept as long as anyone likes; one kept long pins its block, which is
// why the events copy theirs (emitReq).
//
// A head equal to the last one (a client or an application repeating
// itself, as load generators and health checks do) reuses its string
// outright.
type headStrings struct {
	block []byte
	last  string
}

// headBlock is the size of a block: some tens of common heads.
const headBlock = 8 << 10

func (a *headStrings) make(b []byte) string {
	if string(b) == a.last {
		return a.last
	}
	if len(b) == 0 {
		return ""
	}
	if len(b) > headBlock/4 {
		a.last = string(b)
		return a.last
	}
	if cap(a.block)-len(a.block) < len(b) {
		a.block = make([]byte, 0, headBlock)
	}
	n := len(a.block)
	a.block = append(a.block, b...)
	a.last = unsafe.String(&a.block[n], len(b))
	return a.last
}
