package templates

import "testing"

func TestLiteralAssignment(t *testing.T) {
	for _, c := range []struct {
		after string // what follows the attribute's name
		want  bool   // assigned a literal
		set   bool   // assigned at all
	}{
		{` = "rows"` + "\n", true, true},
		{` = 'rows'  # how tables lay out` + "\n", true, true},
		{`: str = "rows"` + "\n", true, true},
		{`="rows", template_name="x.html")`, true, true},
		{` = 3`, true, true},
		{` = None`, true, true},
		{` = Nonesuch`, false, true},
		{` = f"{x}"`, false, true},
		{` = "a" + request.GET["b"]`, false, true},
		{` = request.GET.get("layout")`, false, true},
		{` = "a\"b"`, false, true},
		{` == "rows"`, false, false},
		{`: "x"}`, false, false},
		{`)`, false, false},
	} {
		rhs, set := assignedValue([]byte(c.after))
		if set != c.set {
			t.Errorf("%q: assigned %v, want %v", c.after, set, c.set)
			continue
		}
		if set && literalStart(rhs) != c.want {
			t.Errorf("%q: literal %v, want %v", c.after, !c.want, c.want)
		}
	}
}
