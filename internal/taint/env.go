package taint

// vars maps the variables of one function (and attribute chains on them,
// "self.query") to what the interpreter knows of them: their taint (the
// environment), the call that built them, whether they hold the request.
//
// It is a slice searched in order rather than a Go map, because nearly
// every function has fewer than sixteen such names: a search of a few
// short strings costs less than hashing, and the environment is copied at
// every branch and loop, where a slice is one allocation and a memmove
// while a map is rebuilt key by key. Past indexFrom names a map index
// keeps the search from growing with the function (generated code).
//
// A copy shares the array of the original until either of them changes
// (copy on write): most branches of real code assign nothing the
// environment tracks (if not form.is_valid(): return ...), and then no
// copy is made at all.
type vars[V any] struct {
	list  []slot[V]
	index map[string]int32 // position in list by key, while len(list) > indexFrom
	// shared says list and index may belong to another vars too: they are
	// copied before the first change.
	shared bool
	// spare, when set, holds emptied arrays a copy may take (see
	// fnState.dropEnvs).
	spare *[][]slot[V]
}

type slot[V any] struct {
	key string
	val V
}

// indexFrom is the number of names beyond which vars keeps its index.
const indexFrom = 32

// find returns the position of k in list, or -1.
func (m *vars[V]) find(k string) int {
	if len(m.list) <= indexFrom {
		for i := range m.list {
			if m.list[i].key == k {
				return i
			}
		}
		return -1
	}
	m.buildIndex()
	if i, ok := m.index[k]; ok {
		return int(i)
	}
	return -1
}

func (m *vars[V]) buildIndex() {
	if m.index != nil {
		return
	}
	m.index = make(map[string]int32, len(m.list))
	for i, s := range m.list {
		m.index[s.key] = int32(i)
	}
}

// findBytes is find for a key held in a byte slice, which neither the
// comparisons nor the index lookup copy to the heap.
func (m *vars[V]) findBytes(k []byte) int {
	if m == nil {
		return -1
	}
	if len(m.list) <= indexFrom {
		for i := range m.list {
			if m.list[i].key == string(k) {
				return i
			}
		}
		return -1
	}
	m.buildIndex()
	if i, ok := m.index[string(k)]; ok {
		return int(i)
	}
	return -1
}

// lookup returns the value of k and whether k is set; a nil vars holds
// nothing.
func (m *vars[V]) lookup(k string) (V, bool) {
	if m != nil {
		if i := m.find(k); i >= 0 {
			return m.list[i].val, true
		}
	}
	var zero V
	return zero, false
}

// get returns the value of k, the zero value when k is not set.
func (m *vars[V]) get(k string) V {
	v, _ := m.lookup(k)
	return v
}

func (m *vars[V]) has(k string) bool {
	_, ok := m.lookup(k)
	return ok
}

// own gives m arrays of its own before a change.
func (m *vars[V]) own() {
	if m.shared {
		var l []slot[V]
		if m.spare != nil {
			// One too small is dropped, so that those left do not
			// pile up.
			if n := len(*m.spare); n > 0 {
				if cap((*m.spare)[n-1]) >= len(m.list)+2 {
					l = (*m.spare)[n-1]
				}
				(*m.spare)[n-1] = nil
				*m.spare = (*m.spare)[:n-1]
			}
		}
		if l == nil {
			l = make([]slot[V], 0, len(m.list)+2)
		}
		m.list = append(l[:0], m.list...)
		m.index = nil
		m.shared = false
	}
}

func (m *vars[V]) set(k string, v V) {
	i := m.find(k)
	m.own()
	if i >= 0 {
		m.list[i].val = v
		return
	}
	m.list = append(m.list, slot[V]{k, v})
	if m.index != nil {
		m.index[k] = int32(len(m.list) - 1)
	}
}

// del removes k; the last name takes its place, since the order of names
// means nothing.
func (m *vars[V]) del(k string) {
	i := m.find(k)
	if i < 0 {
		return
	}
	m.own()
	last := len(m.list) - 1
	if m.index != nil {
		delete(m.index, k)
		if i != last {
			m.index[m.list[last].key] = int32(i)
		}
	}
	m.list[i] = m.list[last]
	m.list[last] = slot[V]{}
	m.list = m.list[:last]
}

// clearValue empties every value of m equal to v, keeping the keys.
func clearValue(m *vars[string], v string) {
	for i := range m.list {
		if m.list[i].val == v {
			m.own()
			m.list[i].val = ""
		}
	}
}

func (m *vars[V]) len() int {
	if m == nil {
		return 0
	}
	return len(m.list)
}

// clone returns a copy that changes independently of m. Both share their
// arrays until one of them changes.
func (m *vars[V]) clone() vars[V] {
	if m == nil || len(m.list) == 0 {
		return vars[V]{spare: m.spareOf()}
	}
	m.shared = true
	return vars[V]{list: m.list, index: m.index, shared: true, spare: m.spare}
}

func (m *vars[V]) spareOf() *[][]slot[V] {
	if m == nil {
		return nil
	}
	return m.spare
}

// emptied returns m without its names, keeping its array for reuse. The
// array may be shared only with vars no longer used: those of a function
// whose interpretation is over.
func (m *vars[V]) emptied() vars[V] {
	clear(m.list)
	return vars[V]{list: m.list[:0]}
}

// env is the taint of a function's variables at one point of its code.
// Like a map, it is shared by assignment: forks are made by copyEnv.
type env = vars[Value]

// copyEnv returns a fork of e. Its struct comes from the envs of
// functions interpreted before, which hold no environment once done: a
// fork at every branch and loop was a tenth of what the engine allocated,
// all of it garbage by the end of its function.
func (s *fnState) copyEnv(e *env) *env {
	var c *env
	if n := len(s.spare); n > 0 {
		c = s.spare[n-1]
		s.spare = s.spare[:n-1]
	} else {
		c = new(env)
	}
	*c = e.clone()
	s.envs = append(s.envs, c)
	return c
}

// sameValue reports whether a and b are the same slice of origins.
func sameValue(a, b Value) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// mergeEnv returns a new environment holding, for every name of a or b,
// the union of its taint in both.
func (s *fnState) mergeEnv(a, b *env) *env {
	if a == nil {
		return s.copyEnv(b)
	}
	if b == nil {
		return s.copyEnv(a)
	}
	out := s.copyEnv(a)
	for _, sl := range b.list {
		v, ok := out.lookup(sl.key)
		if ok && sameValue(v, sl.val) {
			// both sides hold what the environment before the branch
			// held: the union is that value, and out need not change
			continue
		}
		out.set(sl.key, union(v, sl.val))
	}
	return out
}

// maxLists is the most emptied arrays an interpreter keeps.
const maxLists = 64

// dropEnvs empties the forks made for the function interpreted, and the
// arrays they changed, for the next one to reuse: none is read once its
// function is done. The arrays forks share are kept once, and the base
// environment's not at all: the first slot of an array kept is marked
// while the forks are gone through.
func (s *fnState) dropEnvs() {
	const mark = "\x00kept"
	first := len(s.lists)
	if b := s.base.list[:cap(s.base.list)]; len(b) > 0 {
		b[0].key = mark
	}
	for _, e := range s.envs {
		if l := e.list[:cap(e.list)]; len(l) > 0 && l[0].key != mark && len(s.lists) < maxLists {
			clear(l)
			l[0].key = mark
			s.lists = append(s.lists, l[:0])
		}
		*e = env{}
	}
	for _, l := range s.lists[first:] {
		l[:1][0].key = ""
	}
	if b := s.base.list[:cap(s.base.list)]; len(b) > 0 {
		b[0].key = ""
	}
	s.spare = append(s.spare, s.envs...)
	clear(s.envs)
	s.envs = s.envs[:0]
}
