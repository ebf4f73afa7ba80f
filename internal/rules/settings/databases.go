package settings

import (
	"strings"

	st "github.com/djsec/djsec/internal/settings"
)

// database is one entry of DATABASES whose value djsec knows.
type database struct {
	alias string
	c     st.Case   // the entry, with the variables it depends on
	v     *st.Value // the entry's dict
}

// databases returns the entries of DATABASES that are known dicts.
func databases(e *st.Entry) []database {
	dbs, ok := st.Check(e.Value("DATABASES"), func(v *st.Value) bool { return v.Kind == st.Dict })
	if !ok {
		return nil
	}
	var out []database
	for i, k := range dbs.V.Keys {
		if k.Kind != st.Str {
			continue
		}
		c, ok := st.Check(dbs.V.Elems[i], func(v *st.Value) bool { return v.Kind == st.Dict })
		if !ok {
			continue
		}
		c.Vars = append(c.Vars, dbs.Vars...)
		out = append(out, database{k.S, c, c.V})
	}
	return out
}

// field resolves a string field of a database entry.
func (d database) field(name string) (st.Case, bool) {
	c, ok := st.Check(d.v.Get(name), func(v *st.Value) bool { return v.Kind == st.Str })
	if ok {
		c.Vars = append(c.Vars, d.c.Vars...)
	}
	return c, ok
}

// sqlite reports whether the entry is SQLite, which has no users or network.
func (d database) sqlite() bool {
	c, ok := d.field("ENGINE")
	return ok && strings.Contains(c.V.S, "sqlite")
}

// localHost reports whether a database host is this machine (or a socket).
func localHost(h string) bool {
	h = strings.ToLower(strings.Trim(h, "[]"))
	return h == "" || h == "localhost" || h == "127.0.0.1" || h == "::1" || strings.HasPrefix(h, "/")
}
