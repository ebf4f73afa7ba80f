package taint

import (
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
)

// Kind is a set of sink kinds.
type Kind uint16

// Sink kinds.
const (
	SQL Kind = 1 << iota
	XSS
	Redirect
	Command
	Code
	Template
	Path
	SSRF
	Deserialize
	XXE
	LDAP
	Log
	MassAssign
	// Lookup is a query's field names and lookups chosen by the request
	// (filter(**data), values(*fields)).
	Lookup

	All Kind = 1<<iota - 1
)

// BaseName is no sink's kind: it marks a strand read through .name, which
// for an upload (request.FILES) is a base name, since Django strips any
// folder from the client's file name and refuses "." and "..". Such a
// name cannot leave the folder it is joined to (Finding.BaseName).
const BaseName Kind = All + 1

// chain is a persistent list of flow steps, newest first, so that copying
// a value never copies its path.
type chain struct {
	step step
	prev *chain
	n    int
}

// step is one step of a flow as the engine records it: a position in a
// module, and the format and arguments of its message (%s and %% only,
// see stepf). Nearly every step recorded is on a path that never reaches a
// finding, so its location is decoded and its message written only when
// one does (chain.steps).
type step struct {
	m      *Module
	pos    python.Pos
	nargs  uint8 // beside pos, so that a chain link is 80 bytes, not 96
	format string
	args   [2]string
}

func newStep(m *Module, n python.Node, format string, args ...string) step {
	s := step{m: m, pos: n.Pos(), format: format, nargs: uint8(len(args))}
	if len(args) > len(s.args) {
		// no message has so many arguments; format it now
		s.format, s.args[0], s.nargs = "%s", stepf(format, args...), 1
		return s
	}
	copy(s.args[:], args)
	return s
}

func (s *step) report() report.Step {
	return report.Step{Location: s.m.locationAt(s.pos), Message: stepf(s.format, s.args[:s.nargs]...)}
}

func (c *chain) push(s step) *chain {
	if c != nil && c.n >= maxSteps {
		return c
	}
	n := 1
	if c != nil {
		n = c.n + 1
		if c.step == s {
			return c
		}
	}
	return &chain{step: s, prev: c, n: n}
}

const maxSteps = 24

func (c *chain) steps() []report.Step {
	if c == nil {
		return nil
	}
	out := make([]report.Step, c.n)
	for i := c.n - 1; c != nil; c = c.prev {
		out[i] = c.step.report()
		i--
	}
	return out
}

// appendChain returns c followed by the steps of d.
func appendChain(c, d *chain) *chain {
	var buf [maxSteps]*chain // d, oldest step last
	links := buf[:0]
	for ; d != nil; d = d.prev {
		links = append(links, d)
	}
	for i := len(links) - 1; i >= 0; i-- {
		c = c.push(links[i].step)
	}
	return c
}

// Origin is where one strand of taint comes from: a real source (Param < 0)
// or a parameter of the function being summarized.
type Origin struct {
	Param  int
	Source string // "request.GET['q']" for real sources
	path   *chain
	// srcMod and srcPos are where the strand starts, the identity of an
	// origin: compared, and written into signatures, but never decoded
	// into a line and column. Every step, sanitizer and merge copies an
	// origin, and a report.Location here made each copy 112 bytes where
	// it is 48.
	srcMod *Module
	srcPos python.Pos
	Clean  Kind // sink kinds a sanitizer made this strand safe for
	// rawPath marks request.path read in middleware, which is request data
	// for redirects only until a project function rewrites it.
	rawPath bool
}

// sameSource reports whether o and p are strands from the same place.
func (o *Origin) sameSource(p *Origin) bool {
	return o.Param == p.Param && o.srcPos == p.srcPos && o.srcMod == p.srcMod
}

// Value is the taint of an expression: nil when clean.
type Value []*Origin

const maxOrigins = 4

func (v Value) live(k Kind) bool {
	for _, o := range v {
		if o.Clean&k == 0 {
			return true
		}
	}
	return false
}

// fromSource reports a strand that starts at request data, not only at
// the function's parameters.
func (v Value) fromSource() bool {
	for _, o := range v {
		if o.Param < 0 {
			return true
		}
	}
	return false
}

func union(vs ...Value) Value {
	n, last := 0, 0
	for i, v := range vs {
		if len(v) > 0 {
			n, last = n+1, i
		}
	}
	switch n {
	case 0:
		return nil
	case 1:
		// Most unions have one tainted side, which is then the union:
		// values are never changed in place, so it is returned as it is.
		return vs[last]
	}
	var out Value
	for _, v := range vs {
		for _, o := range v {
			out = out.add(o)
		}
	}
	return out
}

func (v Value) add(o *Origin) Value {
	for i, e := range v {
		if e.sameSource(o) {
			if o.Clean&^e.Clean != 0 || e.Clean&^o.Clean != 0 {
				c := *e
				c.Clean &= o.Clean
				out := append(Value(nil), v...)
				out[i] = &c
				return out
			}
			return v
		}
	}
	if len(v) >= maxOrigins {
		return v
	}
	return append(v[:len(v):len(v)], o)
}

func (v Value) step(s step) Value {
	if v == nil {
		return nil
	}
	out := make(Value, len(v))
	for i, o := range v {
		c := *o
		c.path = c.path.push(s)
		out[i] = &c
	}
	return out
}

// afterStart is v placed after the start of a URL that the code chose (a
// scheme and host, a path): request.path read raw always begins with "/",
// so after any start it is a path of the same host, not a host of its own
// (//evil.example/), and no longer data for redirects.
func (v Value) afterStart() Value {
	var out Value
	for i, o := range v {
		if !o.rawPath || o.Clean&Redirect != 0 {
			if out != nil {
				out = append(out, o)
			}
			continue
		}
		if out == nil {
			out = append(make(Value, 0, len(v)), v[:i]...)
		}
		c := *o
		c.Clean |= Redirect
		out = append(out, &c)
	}
	if out == nil {
		return v
	}
	return out
}

func (v Value) clean(k Kind) Value {
	if v == nil {
		return nil
	}
	out := make(Value, len(v))
	for i, o := range v {
		c := *o
		c.Clean |= k
		out[i] = &c
	}
	return out
}
