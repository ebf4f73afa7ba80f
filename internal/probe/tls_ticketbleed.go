package probe

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
)

// TLSTicketbleed finds servers that pad a session ID sent with a session
// ticket with their memory (Ticketbleed, CVE-2016-9244).
var TLSTicketbleed = &analysis.Rule{
	ID: "DJL147", Name: "tls-ticketbleed",
	Severity: report.High, Confidence: report.HighConfidence,
	CWE: []int{200}, Checklist: []int{2},
	Scope: analysis.Live,
	Doc: analysis.Doc{
		Title: "The server leaks its memory in the session ID of a resumed session (Ticketbleed, CVE-2016-9244)",
		What: "djsec completes one handshake to get a session ticket, then offers that ticket three times, on three connections, with a " +
			"session ID of 6 bytes (testssl.sh's method). A fixed server echoes the 6 bytes or chooses an ID of its own; the TLS stack of F5 " +
			"BIG-IP with session tickets on echoes 32 bytes: the 6 sent, then 26 bytes of its memory, different each time. djsec keeps only " +
			"whether they differ. A server without session tickets is not vulnerable.",
		Why:  "Each connection leaks 26 bytes of the appliance's memory to anyone: pieces of other users' sessions, session keys, cookies.",
		Bad:  "an F5 BIG-IP virtual server with a Client SSL profile that has session tickets enabled, on firmware before the fix of K05121675",
		Good: "an F5 BIG-IP on fixed firmware, or with session tickets disabled in its Client SSL profile; nginx and OpenSSL are not affected",
		Fix: "Update the F5 BIG-IP firmware to a version fixed for CVE-2016-9244 (F5 article K05121675). Until then, disable Session Ticket in " +
			"the Client SSL profile of the virtual server in front of Django. Then assume session cookies leaked: log every user out (delete " +
			"the django_session rows or rotate SECRET_KEY).",
		References: []string{
			"https://filippo.io/Ticketbleed/",
			"https://nvd.nist.gov/vuln/detail/CVE-2016-9244",
			"https://my.f5.com/manage/s/article/K05121675",
		},
	},
	Run: runTLSTicketbleed,
}

func runTLSTicketbleed(p *analysis.Pass) {
	s, r, bad := vulnPass(p, "ticketbleed")
	if bad {
		reportVuln(p, s, r, "ticketbleed", "the server leaks its memory in resumed session IDs (Ticketbleed, CVE-2016-9244): "+r.Detail, 0)
	}
}
