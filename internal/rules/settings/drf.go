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
