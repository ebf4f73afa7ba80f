package probe

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"strings"

	"github.com/djsec/djsec/internal/report"
)

// tlsGrade follows SSL Labs' SSL Server Rating Guide (version 2009r, as
// testssl.sh 3.2 implements it): a score from protocol support (30%), key
// exchange (30%) and cipher strength (40%) gives a letter (A from 80, B
// from 65, C from 50, D from 35, E from 20); then each weakness caps it,
// M (name mismatch) and T (untrusted, expired, SHA-1) replace it, and a
// warning turns an A into an A-. A+ needs no cap, no warning and HSTS of
// six months or more. Every cap and warning is a reason, so the user sees
// which one applied.
func tlsGrade(s *Site, findings []report.Finding) report.Grade {
	g := report.Grade{Name: "tls", Method: "SSL Labs SSL Server Rating Guide 2009r: protocol support 30%, key exchange 30%, cipher strength 40%; " +
		"then caps (M: certificate name mismatch, T: untrusted certificate), warnings make an A an A-, A+ needs HSTS"}
	if !s.HTTPS() {
		g.Grade, g.Reasons = "F", []string{"F: the site is not served over HTTPS"}
		return g
	}
	info := s.TLS()
	if info == nil || info.Err != nil {
		g.Grade, g.Reasons = "-", []string{"not graded: no TLS handshake succeeded"}
		return g
	}
	order := map[string]int{"A": 0, "B": 1, "C": 2, "D": 3, "E": 4, "F": 5}
	grade, capped := "", ""
	var caps, warnings []string
	capAt := func(l, why string) {
		caps = append(caps, fmt.Sprintf("capped at %s: %s", l, why))
		if capped == "" || order[l] > order[capped] {
			capped = l
		}
	}
	warn := func(why string) { warnings = append(warnings, "warning (an A becomes A-): "+why) }

	// Protocol support: the best and the worst version, averaged.
	v10, v11, v12, v13 := info.Versions[tls.VersionTLS10], info.Versions[tls.VersionTLS11], info.Versions[tls.VersionTLS12], info.Versions[tls.VersionTLS13]
	best, worst := 0, 100
	switch {
	case v12 || v13:
		best = 100
	case v11:
		best = 95
	case v10:
		best = 90
	}
	switch {
	case v10:
		worst = 90
	case v11:
		worst = 95
	}
	proto := (best + worst) / 2
	if v10 {
		capAt("B", "TLS 1.0 accepted")
	}
	if v11 {
		capAt("B", "TLS 1.1 accepted")
	}
	if !v12 && !v13 {
		capAt("C", "neither TLS 1.2 nor TLS 1.3 accepted")
	}
	if !v13 {
		warn("TLS 1.3 not accepted")
	}

	// Key exchange: the weakest of the certificate's key and the DHE
	// group (ECDHE curves are judged by their own finding).
	kx := 100
	kxWhy := ""
	lower := func(n int, why string) {
		if n < kx {
			kx, kxWhy = n, why
		}
	}
	if len(info.Chain) > 0 {
		kind, bits := keyBits(info.Chain[0])
		if kind == "ECDSA" || kind == "Ed25519" {
			lower(ecScore(bits), fmt.Sprintf("%d-bit %s certificate key", bits, kind))
		} else {
			lower(rsaScore(bits), fmt.Sprintf("%d-bit %s certificate key", bits, kind))
		}
	}
	if info.Groups.DHBits > 0 {
		lower(rsaScore(info.Groups.DHBits), fmt.Sprintf("%d-bit DHE group", info.Groups.DHBits))
	}
	switch {
	case kx <= 40:
		capAt("F", "insecure key exchange ("+kxWhy+")")
	case kx <= 80:
		capAt("B", "weak key exchange ("+kxWhy+")")
	}

	// Cipher strength: the strongest and the weakest suite accepted.
	cbest, cworst := 0, 1<<30
	var rc4, rc4Modern, des64Modern, aead, fs bool
	note := func(id uint16, v uint16) {
		n := tls.CipherSuiteName(id)
		b := cipherBits(n)
		cbest, cworst = max(cbest, b), min(cworst, b)
		if strings.Contains(n, "RC4") {
			rc4 = true
			rc4Modern = rc4Modern || v >= tls.VersionTLS11
		}
		if strings.Contains(n, "3DES") && v >= tls.VersionTLS11 {
			des64Modern = true
		}
		aead = aead || strings.Contains(n, "GCM") || strings.Contains(n, "CHACHA20")
		fs = fs || forwardSecret(id)
	}
	for v, ids := range info.Accepted {
		for _, id := range ids {
			note(id, v)
		}
	}
	if v13 {
		for _, id := range info.TLS13Suites {
			note(id, tls.VersionTLS13)
		}
		if len(info.TLS13Suites) == 0 && info.TLS13Suite != 0 {
			note(info.TLS13Suite, tls.VersionTLS13)
		}
	}
	if info.Groups.DHSuite != 0 {
		fs = true
	}
	cipher := (cipherScore(cbest) + cipherScore(cworst)) / 2
	if cworst < 112 {
		capAt("F", fmt.Sprintf("a suite under 112 bits of strength (%d)", cworst))
	}
	if rc4Modern {
		capAt("C", "RC4 accepted with TLS 1.1 or newer")
	} else if rc4 {
		capAt("B", "RC4 accepted")
	}
	if des64Modern {
		capAt("C", "3DES, a 64-bit block cipher, accepted with TLS 1.1 or newer (SWEET32)")
	}
	pn := tls.CipherSuiteName(info.Preferred)
	switch {
	case !aead:
		capAt("B", "no AEAD suite (GCM, ChaCha20-Poly1305) accepted")
	case info.Preferred != 0 && !strings.Contains(pn, "GCM") && !strings.Contains(pn, "CHACHA20"):
		capAt("B", "no AEAD with clients that support it: offered everything at TLS 1.2, the server picks "+pn)
	}
	if !fs {
		capAt("B", "no forward secrecy: no ECDHE or DHE suite accepted")
	} else if info.Preferred != 0 && !forwardSecret(info.Preferred) {
		capAt("B", "no forward secrecy with clients that support it: offered everything at TLS 1.2, the server picks "+pn)
	}

	// Vulnerabilities found by other rules, by name: those tests may run
	// or not, the caps follow what was found.
	for _, f := range findings {
		for _, vc := range vulnCaps {
			if strings.Contains(f.Name, vc.name) {
				if vc.grade == "" {
					warn(vc.why)
				} else {
					capAt(vc.grade, vc.why+" ("+f.Rule+")")
				}
			}
		}
	}

	score := 0
	if proto > 0 && kx > 0 && cipher > 0 {
		score = proto*30/100 + kx*30/100 + cipher*40/100
	}
	switch {
	case score >= 80:
		grade = "A"
	case score >= 65:
		grade = "B"
	case score >= 50:
		grade = "C"
	case score >= 35:
		grade = "D"
	case score >= 20:
		grade = "E"
	default:
		grade = "F"
	}
	g.Reasons = append(g.Reasons, fmt.Sprintf("score %d (%s): protocol support %d (x0.3), key exchange %d (x0.3), cipher strength %d (x0.4)", score, grade, proto, kx, cipher))
	g.Reasons = append(g.Reasons, caps...)
	g.Reasons = append(g.Reasons, warnings...)
	if capped != "" && order[capped] > order[grade] {
		grade = capped
	}
	if grade == "A" && len(warnings) > 0 {
		grade = "A-"
	}
	if grade == "A" {
		h := parseHSTS(s.memoHomeHeader())
		if h.valid && h.maxAge >= year/2 {
			grade = "A+"
			g.Reasons = append(g.Reasons, "A+: no cap, no warning, and HSTS with a max-age of six months or more")
		} else {
			g.Reasons = append(g.Reasons, "A, not A+: HSTS with a max-age of six months or more is missing")
		}
	}

	// Certificate: T (trust) and M (mismatch) replace the letter.
	trust, mismatch := "", ""
	for _, f := range findings {
		switch f.Rule {
		case TLSCertUntrusted.ID, TLSWeakSignature.ID:
			trust = f.Message
		case TLSCertExpiry.ID:
			if f.Severity >= report.High {
				trust = f.Message
			}
		case TLSCertHostname.ID:
			mismatch = f.Message
		}
	}
	if len(info.Chain) > 0 && info.Chain[0].SignatureAlgorithm == x509.MD5WithRSA {
		g.Reasons = append(g.Reasons, "capped at F: the certificate is signed with MD5")
		grade = "F"
	}
	switch {
	case trust != "":
		g.Reasons = append(g.Reasons, fmt.Sprintf("T: %s (the grade would be %s if the certificate were trusted)", trust, grade))
		grade = "T"
	case mismatch != "":
		g.Reasons = append(g.Reasons, fmt.Sprintf("M: %s (the grade would be %s if the certificate named the host)", mismatch, grade))
		grade = "M"
	}
	g.Reasons = append(g.Reasons, "seen: "+handshakeSummary(info))
	g.Reasons = append(g.Reasons, "seen: "+tlsSummary(info))
	g.Score = &score
	g.Grade = grade
	return g
}

// vulnCaps are the SSL Labs caps of the vulnerability tests, matched on the
// name of the rule that found one; an empty grade is a warning. Weak DH
// (LOGJAM) and 3DES (SWEET32) are graded from what the handshakes saw, and
// BEAST and client-initiated renegotiation cap nothing in the guide. NULL
// and anonymous suites score 0 in the guide (cipher strength, key
// exchange), which is an F; Go's handshakes never see them.
var vulnCaps = []struct{ name, grade, why string }{
	{"heartbleed", "F", "vulnerable to Heartbleed"},
	{"ccs-injection", "F", "vulnerable to CCS injection (CVE-2014-0224)"},
	{"ticketbleed", "F", "vulnerable to Ticketbleed"},
	{"robot", "F", "vulnerable to ROBOT"},
	{"drown", "F", "vulnerable to DROWN"},
	{"freak", "F", "export suites accepted (FREAK)"},
	{"null-cipher", "F", "NULL suites accepted (no encryption)"},
	{"anonymous-cipher", "F", "anonymous suites accepted (no authentication)"},
	{"sslv2", "F", "SSLv2 accepted"},
	{"poodle", "C", "vulnerable to POODLE (SSLv3)"},
	{"crime", "C", "vulnerable to CRIME (TLS compression)"},
	{"insecure-renegotiation", "", "secure renegotiation (RFC 5746) not supported"},
}

func rsaScore(bits int) int {
	switch {
	case bits < 512:
		return 20
	case bits < 1024:
		return 40
	case bits < 2048:
		return 80
	case bits < 4096:
		return 90
	}
	return 100
}

func ecScore(bits int) int {
	switch {
	case bits < 110:
		return 20
	case bits < 123:
		return 40
	case bits < 163:
		return 80
	case bits < 225:
		return 90
	}
	return 100
}

// cipherBits is the strength of a suite's cipher.
func cipherBits(name string) int {
	switch {
	case strings.Contains(name, "AES_256"), strings.Contains(name, "CHACHA20"):
		return 256
	case strings.Contains(name, "AES_128"), strings.Contains(name, "RC4_128"):
		return 128
	case strings.Contains(name, "3DES"):
		return 112
	}
	return 0
}

func cipherScore(bits int) int {
	switch {
	case bits >= 256:
		return 100
	case bits >= 128:
		return 80
	case bits > 0:
		return 20
	}
	return 0
}

// tlsSummary says what the handshakes saw of versions and certificate, so
// the grade can be checked against it: "TLS 1.2, TLS 1.3; RSA 2048-bit
// key, SHA256-RSA; valid until 2027-11-22".
func tlsSummary(info *tlsInfo) string {
	var vs []string
	for _, v := range allVersions {
		if info.Versions[v] {
			vs = append(vs, versionNames[v])
		}
	}
	out := strings.Join(vs, ", ")
	if len(info.Chain) > 0 {
		leaf := info.Chain[0]
		kind, bits := keyBits(leaf)
		out += fmt.Sprintf("; %s %d-bit key, %s; valid until %s", kind, bits, leaf.SignatureAlgorithm, leaf.NotAfter.UTC().Format("2006-01-02"))
	}
	return out
}

// handshakeSummary says what the other handshakes saw: cipher order,
// groups, resumption, stapling and SCTs.
func handshakeSummary(info *tlsInfo) string {
	var parts []string
	switch o := info.Order; {
	case o.Tested && o.ServerOrder:
		parts = append(parts, fmt.Sprintf("server cipher order at %s (picks %s)", versionNames[o.Version], tls.CipherSuiteName(o.Picks[0])))
	case o.Tested:
		parts = append(parts, "client cipher order at "+versionNames[o.Version])
	case o.Err != nil:
		parts = append(parts, "cipher order not tested: "+o.Err.Error())
	}
	if o := info.Order; o.TLS13Tested && o.TLS13Server {
		parts = append(parts, "server cipher order at TLS 1.3")
	} else if o.TLS13Tested {
		parts = append(parts, "client cipher order at TLS 1.3")
	}
	if len(info.TLS13Suites) > 0 {
		var names []string
		for _, id := range info.TLS13Suites {
			names = append(names, tls.CipherSuiteName(id))
		}
		parts = append(parts, "TLS 1.3 suites "+strings.Join(names, " "))
	}
	var curves []string
	for _, c := range info.Groups.Curves {
		curves = append(curves, groupName(c))
	}
	if len(curves) > 0 {
		c := "ECDHE curves " + strings.Join(curves, " ")
		if info.Groups.Preferred != 0 {
			c += " (prefers " + groupName(info.Groups.Preferred) + ")"
		}
		parts = append(parts, c)
	}
	switch {
	case info.Groups.DHBits > 0:
		parts = append(parts, fmt.Sprintf("DHE %d-bit group at TLS 1.2", info.Groups.DHBits))
	case info.Groups.DHTested:
		parts = append(parts, "no DHE at TLS 1.2")
	}
	if len(info.Groups.FFDHE) > 0 {
		var names []string
		for _, g := range info.Groups.FFDHE {
			names = append(names, groupName(g))
		}
		parts = append(parts, "finite-field groups "+strings.Join(names, " ")+" at TLS 1.3")
	}
	if info.Groups.Err != nil {
		parts = append(parts, "some curves not tested: "+info.Groups.Err.Error())
	}
	r := info.Resumption
	if r.TicketErr != nil {
		parts = append(parts, "tickets not tested: "+r.TicketErr.Error())
	}
	if r.IDErr != nil {
		parts = append(parts, "session IDs not tested: "+r.IDErr.Error())
	}
	if r.Tested {
		res := fmt.Sprintf("resumption: tickets %s at %s", yesNo(r.Tickets), versionNames[r.Version])
		if r.Tickets12Tested {
			res += ", tickets " + yesNo(r.Tickets12) + " at TLS 1.2"
		}
		if r.IDTested {
			res += ", session IDs " + yesNo(r.IDs) + " at TLS 1.2"
		}
		parts = append(parts, res)
	}
	parts = append(parts, "OCSP stapled "+yesNo(len(info.OCSP) > 0))
	if src := sctSources(info); len(src) > 0 {
		parts = append(parts, "SCTs in "+strings.Join(src, ", "))
	} else {
		parts = append(parts, "no SCTs")
	}
	return strings.Join(parts, "; ")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
