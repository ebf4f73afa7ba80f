package code

import (
	"testing"

	"github.com/djsec/djsec/internal/python"
)

func TestTruthOfDefaults(t *testing.T) {
	env := map[string]*python.Constant{
		"form":   {Value: python.None{}},
		"notify": {Value: false},
		"mode":   {Value: "list"},
		"limit":  {Value: int64(1)},
	}
	for _, tc := range []struct {
		test string
		want tri
	}{
		{"form", no},
		{"not form", yes},
		{"form is None", yes},
		{"form is not None and form.is_valid()", no},
		{"form.is_valid() and form is not None", no},
		{"form or notify", no},
		{"form or other", unknown},
		{"other or not notify", yes},
		{"mode == 'list'", yes},
		{"mode != 'list'", no},
		{"mode == 'grid'", no},
		{"limit == True", unknown}, // 1 == True, but 1 is not True
		{"limit", yes},
		{"other", unknown},
		{"form.is_valid()", unknown},
		{"form < 3", unknown},
	} {
		e, err := python.ParseExpr(tc.test)
		if err != nil {
			t.Fatal(err)
		}
		if got := truth(e, env); got != tc.want {
			t.Errorf("truth(%s) = %v, want %v", tc.test, got, tc.want)
		}
	}
}
