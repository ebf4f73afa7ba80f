package settings

import (
	st "github.com/djsec/djsec/internal/settings"
)

// drfSettings returns REST_FRAMEWORK when rest_framework is installed and the
// dict is known. absent is true when the setting is not there at all.
func drfSettings(e *st.Entry) (c st.Case, absent, ok bool) {
	if installed(e, "rest_framework") != 1 {
		return c, false, false
	}
	v, absent := setting(e, "REST_FRAMEWORK")
	if absent {
		return c, true, true
	}
	c, ok = st.Check(v, func(v *st.Value) bool { return v.Kind == st.Dict && !v.HasUnknownKeys() })
	return c, false, ok
}

// drfKey resolves one key of REST_FRAMEWORK; present is false when the key
// is not in the dict (DRF's default applies).
func drfKey(c st.Case, key string) (k st.Case, present, ok bool) {
	v := c.V.Get(key)
	if v == nil {
		return k, false, true
	}
	k, ok = st.Resolve(v)
	k.Vars = append(k.Vars, c.Vars...)
	return k, true, ok
}

// drfUnsafeDefault checks a key of REST_FRAMEWORK whose DRF default is
// unsafe: it reports notSet at INSTALLED_APPS when REST_FRAMEWORK is not set,
// noKey at REST_FRAMEWORK when the key is missing (both messages get the
// environment condition appended), and passes a key that is set to set.
func drfUnsafeDefault(e *st.Entry, r *reporter, key, notSet, noKey string, set func(k st.Case)) {
	c, absent, ok := drfSettings(e)
	switch {
	case !ok:
		return
	case absent:
		// The condition is the one under which DRF is installed, not
		// the one under which INSTALLED_APPS has exactly its default.
		apps, _ := st.Holds(e.Value("INSTALLED_APPS"), func(v *st.Value) bool {
			ss, _, all := strList(v)
			return all && hasApp(ss, "rest_framework")
		})
		r.at(apps, notSet+apps.When())
		return
	}
	k, present, ok := drfKey(c, key)
	switch {
	case !ok:
	case !present:
		r.at(c, noKey+c.When())
	default:
		set(k)
	}
}
