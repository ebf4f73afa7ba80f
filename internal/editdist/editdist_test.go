package editdist

import "testing"

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"permission_classes", "permission_classes", 0},
		{"permissions_classes", "permission_classes", 1},
		{"permission_class", "permission_classes", 2},
		{"permissions_class", "permission_classes", 3},
		{"shop.settings", "shop.setings", 1},
		{"", "abc", 3},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
