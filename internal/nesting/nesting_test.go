package nesting

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	deep := func(open, close string, n int) string {
		return "a = " + strings.Repeat(open, n) + "1" + strings.Repeat(close, n) + "\n"
	}
	tests := []struct {
		name, data string
		bad        bool
	}{
		{"inline tables", deep("{b=", "}", 20000), true},
		{"arrays", deep("[", "]", 101), true},
		{"json", strings.Repeat(`{"a":`, 5000) + "1" + strings.Repeat("}", 5000), true},
		{"just deep enough", deep("[", "]", 100), false},
		{"brackets in strings", "a = \"" + strings.Repeat("[", 500) + "\"\nb = '" + strings.Repeat("{", 500) + "'\n", false},
		{"brackets in comments", "# " + strings.Repeat("[", 500) + "\n[tool.x]\n", false},
		{"hash in a flow scalar", "a: [b#c, " + strings.Repeat("[", 500) + strings.Repeat("]", 500) + "]\n", true},
		{"escaped quote", `a = "\"[[[[" ` + "\n", false},
		{"many tables", strings.Repeat("[[package]]\nname = \"x\"\n", 10000), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check([]byte(tt.data))
			if (err != nil) != tt.bad {
				t.Errorf("got error %v, want error %v", err, tt.bad)
			}
		})
	}
}
