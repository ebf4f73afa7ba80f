package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// CAAMissing finds public names without a CAA record.
var CAAMissing = &analysis.Rule{
	ID: "DJL125", Name: "dns-caa-record-missing",
	Severity: report.Low, Confidence: report.HighConfidence,
	CWE: []int{295}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "No CAA record says which CAs may issue certificates for the site",
		What: "For a public host name, djsec asks the system's resolver for CAA records of the name and, as RFC 8659 says, of each parent " +
			"domain until one has some. None at all is reported. A loopback or private host (localhost, 127.0.0.1, 10.x, a name resolving " +
			"only to such addresses) is not checked, and the report's notes say so: CAA concerns public names.",
		Why: "Without CAA, any of the hundreds of publicly trusted CAs may issue a certificate for the site; a CA fooled by a hijacked DNS " +
			"or mail validation hands an attacker a valid certificate. CAA makes the others refuse.",
		Bad:  "example.com.  IN  A  203.0.113.10   ; and no CAA record",
		Good: "example.com.  IN  CAA  0 issue \"letsencrypt.org\"\nexample.com.  IN  CAA  0 iodef \"mailto:security@example.com\"",
		Fix:  "Add a CAA record at the registered domain naming the CA that issues the site's certificates (0 issue \"letsencrypt.org\" for certbot).",
		References: []string{
			"https://datatracker.ietf.org/doc/html/rfc8659",
			"https://letsencrypt.org/docs/caa/",
		},
	},
	Run: runCAAMissing,
}

func runCAAMissing(p *analysis.Pass) {
	s, info := tlsPass(p)
	if info == nil {
		return
	}
	if ok, why := s.publicHost(); !ok {
		p.Note("CAA records were not checked: %s (they concern public names)", why)
		return
	}
	recs, _, err := lookupCAA(s.ctx, s.host)
	if err != nil {
		p.Note("CAA records were not checked: %v", err)
		return
	}
	if len(recs) > 0 {
		return
	}
	p.Report(analysis.Diagnostic{
		Location: s.tlsLocation(),
		Message:  "no CAA record for " + s.host + " or its parent domains: every public CA may issue certificates for it",
		Snippet:  "CAA",
	})
}

// publicHost is publicHost for the site's host, once per probe.
func (s *Site) publicHost() (bool, string) {
	type result struct {
		ok  bool
		why string
	}
	r := s.once("public host", func() any {
		ok, why := publicHost(s.ctx, s.host)
		return result{ok, why}
	}).(result)
	return r.ok, r.why
}
