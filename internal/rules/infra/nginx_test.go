package infra

import "testing"

func TestUntemplate(t *testing.T) {
	in := "server_name {{ domain }};\n{% if x %}\ngzip on;\n{% endif %}{# note\nacross #}\nlisten 80;"
	want := "server_name ____________;\n          \ngzip on;\n                  \n         \nlisten 80;"
	got := string(untemplate([]byte(in)))
	if got != want || len(got) != len(in) {
		t.Errorf("got %q, want %q (of the input's length)", got, want)
	}
	if got := string(untemplate([]byte("a {{ unclosed"))); got != "a {{ unclosed" {
		t.Errorf("got %q for an unclosed expression", got)
	}
}

func TestMaxAge(t *testing.T) {
	for v, want := range map[string]int64{"max-age=63072000; includeSubDomains": 63072000, `max-age="300"`: 300, "includeSubDomains; max-age=0": 0} {
		if got, ok := maxAge(v); !ok || got != want {
			t.Errorf("maxAge(%q): got %d %v, want %d", v, got, ok, want)
		}
	}
	if _, ok := maxAge("includeSubDomains"); ok {
		t.Error("maxAge without max-age: got ok")
	}
}
