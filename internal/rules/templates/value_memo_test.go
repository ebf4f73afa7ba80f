package templates

import (
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/report"
)

// TestWideNameChainsEnd checks that names that each list the next one
// hundreds of times (x0 = [x1, x1, ...], x1 = [x2, x2, ...]), and functions
// that each return the next one's value as often, are judged once each:
// judged anew at every use, the lines below are 300**5 and 300**3
// judgings, which no scan would live to finish. Both hold only a literal
// at the end, so both values are safe; only the query string is reported.
func TestWideNameChainsEnd(t *testing.T) {
	const width, links, calls = 300, 5, 3
	var b strings.Builder
	b.WriteString("import json\n\nfrom django.shortcuts import render\n\n\n")
	for i := range calls {
		fmt.Fprintf(&b, "def f%d():\n    return [%s]\n\n\n", i, strings.Repeat(fmt.Sprintf("f%d(), ", i+1), width))
	}
	fmt.Fprintf(&b, "def f%d():\n    return 1\n\n\ndef page(request):\n", calls)
	for i := range links {
		fmt.Fprintf(&b, "    x%d = [%s]\n", i, strings.Repeat(fmt.Sprintf("x%d, ", i+1), width))
	}
	fmt.Fprintf(&b, "    x%d = 1\n", links)
	b.WriteString("    return render(request, \"p.html\", {\"names\": json.dumps(x0), \"calls\": json.dumps(f0()), \"raw\": request.GET[\"q\"]})\n")
	dir := siteTree(t, map[string]string{
		"app/__init__.py":      "",
		"app/views.py":         b.String(),
		"app/templates/p.html": "<script>var names = {{ names|safe }};\nvar calls = {{ calls|safe }};\nvar raw = {{ raw|safe }};</script>\n",
	})
	got := severities(t, dir)
	want := map[string]report.Severity{"p.html:3": report.Medium}
	if !maps.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestJudgedReusesOnlyWhatHolds checks the memo's two rules: an answer of
// safe holds with more budget left (a shallower depth), one of unsafe with
// less (a deeper one); elsewhere the value is judged again.
func TestJudgedReusesOnlyWhatHolds(t *testing.T) {
	mod := &pymod{}
	k := valueKey{name: "x"}
	calls := 0
	judge := func(answer bool) func() bool {
		return func() bool { calls++; return answer }
	}
	if !mod.judged(k, 5, judge(true)) || calls != 1 {
		t.Fatalf("first judging: calls %d", calls)
	}
	if !mod.judged(k, 3, judge(false)) || calls != 1 {
		t.Errorf("safe at depth 5 should hold at depth 3 without judging; calls %d", calls)
	}
	if mod.judged(k, 7, judge(false)) || calls != 2 {
		t.Errorf("safe at depth 5 says nothing of depth 7: judge again; calls %d", calls)
	}
	if mod.judged(k, 9, judge(true)) || calls != 2 {
		t.Errorf("unsafe at depth 7 should hold at depth 9 without judging; calls %d", calls)
	}
	if !mod.judged(k, 6, judge(true)) || calls != 3 {
		t.Errorf("between the two, judge again; calls %d", calls)
	}
}
