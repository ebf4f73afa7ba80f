package report

import "testing"

func TestPrintable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"shop/views.py", "shop/views.py"},
		{"café/naïve.py", "café/naïve.py"},
		{"a\nb.html", `a\nb.html`},
		{"\x1b[31mRED\x1b[0m", `\x1b[31mRED\x1b[0m`},
		{"\x1b]0;title\x07", `\x1b]0;title\x07`},
		{"tab\there\r", `tab\there\r`},
		{"del\x7f c1\u0085", `del\x7f c1\x85`},
		{"user\u202egnp.py", `user\u202egnp.py`},
		{"latin \xe9 byte", `latin \xe9 byte`},
		{"", ""},
	} {
		if got := Printable(tc.in); got != tc.want {
			t.Errorf("Printable(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
