package settings

// Namespace is a module's names after evaluation. Opaque is set when a star
// import djsec could not follow ran after some names were bound: any name may
// then have been set by it, so an absent name is not known to be absent.
type Namespace struct {
	vars   map[string]*Value
	parent *Namespace // functions: the module namespace
	Opaque string     // why names may be missing from vars
}

func newNamespace() *Namespace { return &Namespace{vars: map[string]*Value{}} }

func (ns *Namespace) clone() *Namespace {
	c := &Namespace{vars: make(map[string]*Value, len(ns.vars)), parent: ns.parent, Opaque: ns.Opaque}
	for k, v := range ns.vars {
		c.vars[k] = v
	}
	return c
}

func (ns *Namespace) get(name string) (*Value, bool) {
	for n := ns; n != nil; n = n.parent {
		if v, ok := n.vars[name]; ok {
			return v, true
		}
	}
	return nil, false
}

func (ns *Namespace) set(name string, v *Value) { ns.vars[name] = v }

// Names returns the names bound in the namespace (not its parent).
func (ns *Namespace) Names() []string {
	out := make([]string, 0, len(ns.vars))
	for k := range ns.vars {
		out = append(out, k)
	}
	return out
}
