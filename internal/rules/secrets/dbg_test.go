package secrets

import (
	"regexp/syntax"
	"testing"
)

func TestProgSize(t *testing.T) {
	e, _ := compiled()
	for _, d := range e.dets {
		re, _ := syntax.Parse(d.Regex, syntax.Perl)
		p, _ := syntax.Compile(re.Simplify())
		pre, _ := p.Prefix()
		t.Logf("%-34s insts=%4d prefix=%q", d.ID, len(p.Inst), pre)
	}
}

func TestDFASize(t *testing.T) {
	e, _ := compiled()
	t.Logf("classes=%d entries=%d bytes=%d", e.kws.nc, len(e.kws.next), len(e.kws.next)*4)
}
