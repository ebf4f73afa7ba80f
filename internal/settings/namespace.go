package settings

// Namespace is a module's names after evaluation. Opaque is set when a star
// import djsec could not follow ran after some names were bound: any name may
// then have been set by it, so an absent name is not known to be absent.
//
// The branches of an if or try write to overlays of the namespace (under),
// so that a branch costs what it changes, not the size of the module.
type Namespace struct {
	vars   map[string]*Value // a nil value marks a name deleted in an overlay
	under  *Namespace        // the namespace this overlay reads through
	parent *Namespace        // functions: the module namespace
	Opaque string            // why names may be missing from vars
	// Override says where the module runs a settings file the server may
	// have and the tree does not (exec of a local_settings.py): any value
	// may be changed there.
	Override string
	// Local is the last optional import of a settings module the tree
	// does not hold (try: from .local_settings import * / except
	// ImportError: pass), or nil.
	Local *LocalImport
}

// LocalImport is an optional star import of a local settings module that
// is not in the tree: the servers that have the file run it, and what it
// sets stands unless the settings set it again after it.
type LocalImport struct {
	Module string // as the import names it: .local_settings
	At     string // path:line of the import
	// before holds the values of the settings the rules ask about
	// (localNames) as they were at the import
	before map[string]*Value
}

// localNames are the settings whose values LocalImport remembers: DEBUG,
// the one a module of developers' defaults turns on and the local file
// of each server turns off.
var localNames = []string{"DEBUG"}

func newLocalImport(ns *Namespace, module, at string) *LocalImport {
	l := &LocalImport{Module: module, At: at, before: map[string]*Value{}}
	for _, name := range localNames {
		if v, ok := ns.lookup(name); ok {
			l.before[name] = v
		}
	}
	return l
}

func newNamespace() *Namespace { return &Namespace{vars: map[string]*Value{}} }

// overlay returns an empty namespace that reads through ns.
func (ns *Namespace) overlay() *Namespace {
	return &Namespace{vars: map[string]*Value{}, under: ns, parent: ns.parent, Opaque: ns.Opaque, Override: ns.Override, Local: ns.Local}
}

// depth is the number of namespaces a lookup in ns may read.
func (ns *Namespace) depth() int {
	d := 0
	for o := ns; o != nil; o = o.under {
		d++
	}
	return d
}

// lookup finds a name in ns and the namespaces it overlays.
func (ns *Namespace) lookup(name string) (*Value, bool) {
	for o := ns; o != nil; o = o.under {
		if v, ok := o.vars[name]; ok {
			return v, v != nil
		}
	}
	return nil, false
}

func (ns *Namespace) get(name string) (*Value, bool) {
	for n := ns; n != nil; n = n.parent {
		if v, ok := n.lookup(name); ok {
			return v, true
		}
	}
	return nil, false
}

func (ns *Namespace) set(name string, v *Value) { ns.vars[name] = v }

func (ns *Namespace) del(name string) {
	if ns.under == nil {
		delete(ns.vars, name)
		return
	}
	ns.vars[name] = nil
}

// apply writes the changes of overlay o into ns.
func (ns *Namespace) apply(o *Namespace) {
	if o == ns {
		return
	}
	for k, v := range o.vars {
		if v == nil {
			ns.del(k)
		} else {
			ns.vars[k] = v
		}
	}
	if o.Opaque != "" {
		ns.Opaque = o.Opaque
	}
	if o.Override != "" {
		ns.Override = o.Override
	}
	if o.Local != nil {
		ns.Local = o.Local
	}
}

// Names returns the names bound in the namespace (not its parent).
func (ns *Namespace) Names() []string {
	seen := map[string]bool{}
	var out []string
	for o := ns; o != nil; o = o.under {
		for k, v := range o.vars {
			if !seen[k] {
				seen[k] = true
				if v != nil {
					out = append(out, k)
				}
			}
		}
	}
	return out
}
