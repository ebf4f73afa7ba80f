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

func TestIndexAttrs(t *testing.T) {
	src := `class Table(View):
    orientation = "rows"
    layout: str = 'grid'
    width = compute()
    def title(self):
        return "x"
    label = "a"

make(label=request.GET["label"], mode="dark")
other = "shown"; setattr(view, "hidden", 1)
flag = "on"; setattr(view, "flag", True)
if size == 3 or (n := compute()) or count <= 2:
    pass
count: int = 0
`
	facts := map[string]attrFacts{}
	indexAttrs([]byte(src), facts)
	for name, want := range map[string]attrFacts{
		"orientation": {literal: true},
		"layout":      {literal: true},
		"width":       {other: true},
		"title":       {other: true},
		"label":       {literal: true, other: true},
		"mode":        {literal: true},
		"hidden":      {other: true},
		"shown":       {}, // quoted, but before no setattr(
		"other":       {literal: true},
		"flag":        {literal: true, other: true},
		"size":        {},
		"n":           {other: true},
		"count":       {literal: true},
	} {
		if got := facts[name]; got != want {
			t.Errorf("%s: %+v, want %+v", name, got, want)
		}
	}
}

// A line of many quoted names after a setattr( is read once, not once
// per name.
func TestIndexAttrsLongLine(t *testing.T) {
	line := []byte("setattr(o, ")
	for i := 0; i < 200000; i++ {
		line = append(line, `"a", `...)
	}
	facts := map[string]attrFacts{}
	indexAttrs(line, facts)
	if !facts["a"].other {
		t.Fatal("a quoted name after setattr( was not noted")
	}
}
