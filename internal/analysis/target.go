package analysis

import "maps"

// Target is an input that a driver hands its rules besides the project
// and the file: the probe's live site, the guard's configuration. The
// package that owns the input's type declares its Target once; the driver
// sets the value for a run and rules read it from their Pass, typed, in the
// spirit of go/analysis's Pass.ResultOf:
//
//	var siteTarget = analysis.NewTarget[*Site]("site")
//
//	siteTarget.Set(run, site)   // the probe driver, before making passes
//	s := siteTarget.Of(pass)    // a live rule
type Target[T any] struct{ name string }

// NewTarget declares a target; name is for people reading a debugger.
func NewTarget[T any](name string) *Target[T] { return &Target[T]{name: name} }

// Set gives the run's passes v as this target. Set it before making the
// passes that read it.
func (t *Target[T]) Set(r *Run, v T) {
	r.mu.Lock()
	defer r.mu.Unlock()
	m := maps.Clone(r.targets) // passes already made keep their view
	m[t] = v
	r.targets = m
}

// Of returns the pass's value of this target, or the zero T when its
// driver set none (a live rule run by the scanner has no site).
func (t *Target[T]) Of(p *Pass) T {
	v, _ := p.targets[t].(T)
	return v
}
