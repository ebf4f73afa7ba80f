package bytesearch

import (
	"bytes"
	"strings"
	"testing"
)

func TestIndex(t *testing.T) {
	datas := []string{"", "a", "request.user", "xx request.use request.user", "def f():\n  return request.COOKIES\n",
		"qqqq", "from axes import x", strings.Repeat("ab", 100) + "abc", "é request.user é", "csrf_exemptcsrf_exempt"}
	needles := []string{"", "a", "request.user", "request.COOKIES", "q", "from axes", "abc", "é", "csrf_exempt", "zzz", "ab"}
	for _, d := range datas {
		for _, s := range needles {
			if got, want := Index([]byte(d), s), bytes.Index([]byte(d), []byte(s)); got != want {
				t.Errorf("Index(%q, %q): got %d, want %d", d, s, got, want)
			}
		}
	}
}
