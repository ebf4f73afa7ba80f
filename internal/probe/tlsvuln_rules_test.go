package probe

import (
	"context"
	"errors"
	"regexp"
	"testing"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/tlsraw"
)

// TestTLSVulnRules drives each vulnerability rule with the results its
// test can give: vulnerable (a finding, its message and severity), not
// vulnerable (nothing), could not decide (a note naming the rule, never a
// finding). The tests themselves are proven in internal/tlsraw against
// fake and real servers; this is the rules' half.
func TestTLSVulnRules(t *testing.T) {
	all := map[uint16]bool{tlsraw.VersionTLS10: true, tlsraw.VersionTLS12: true}
	only10 := map[uint16]bool{tlsraw.VersionTLS10: true}
	vuln := func(detail string, v uint16, suites ...uint16) tlsraw.Result {
		return tlsraw.Result{Verdict: tlsraw.Vulnerable, Detail: detail, Version: v, Suites: suites}
	}
	cases := []struct {
		rule     *analysis.Rule
		key      string
		res      tlsraw.Result
		versions map[uint16]bool
		want     string // regexp on the message; "" wants no finding
		sev      report.Severity
	}{
		{TLSHeartbleed, "heartbleed", vuln("the server answered a heartbeat claiming 16 bytes more than it carried with 51 bytes (its memory)", tlsraw.VersionTLS12), all, `Heartbleed \(CVE-2014-0160\): .*51 bytes`, report.Critical},
		{TLSCCSInjection, "ccs", vuln("the server accepted an early ChangeCipherSpec and then failed to decrypt (decryption_failed alert)", tlsraw.VersionTLS12), all, `CCS injection \(CVE-2014-0224\)`, report.High},
		{TLSInsecureRenegotiation, "renegotiation", vuln("the server does not support secure renegotiation under TLS 1.2 (no renegotiation_info in its ServerHello)", tlsraw.VersionTLS12), all, `CVE-2009-3555`, report.High},
		{TLSClientRenegotiation, "client-renegotiation", vuln("the server accepts a client-initiated renegotiation", tlsraw.VersionTLS12), all, `redo its costliest handshake`, report.Medium},
		{TLSFallbackSCSV, "fallback", vuln("the server accepts a fallback to TLS 1.0 marked with TLS_FALLBACK_SCSV although it supports TLS 1.2", tlsraw.VersionTLS10), all, `force older protocol`, report.Medium},
		{TLSFallbackSCSV, "fallback", vuln("the server accepts a fallback to TLS 1.2 marked with TLS_FALLBACK_SCSV although it supports TLS 1.3", tlsraw.VersionTLS12), all, `fallback to TLS 1.2`, report.Low},
		{TLSSweet32, "sweet32", vuln("the server accepts 64-bit block cipher suites (3DES, DES, IDEA, RC2) under TLS 1.2: TLS_RSA_WITH_3DES_EDE_CBC_SHA", tlsraw.VersionTLS12, 0x000A), all, `SWEET32`, report.Medium},
		{TLSFreak, "freak", vuln("the server accepts RSA export suites under TLS 1.0: TLS_RSA_EXPORT_WITH_RC4_40_MD5", tlsraw.VersionTLS10, 0x0003), all, `FREAK`, report.High},
		{TLSLogjam, "logjam", vuln("no DHE export suite, but TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 uses a 1024-bit DH group (RFC2409/Oakley Group 2, a widely shared prime)", tlsraw.VersionTLS12, 0x009E), all, `Oakley Group 2.*LOGJAM`, report.High},
		{TLSBeast, "beast", vuln("the server accepts CBC suites under TLS 1.0 with TLS_RSA_WITH_AES_128_CBC_SHA (it also accepts TLS 1.2, which modern clients use: likely mitigated)", tlsraw.VersionTLS10, 0x002F), all, `likely mitigated\) \(BEAST\)`, report.Low},
		{TLSBeast, "beast", vuln("the server accepts CBC suites under TLS 1.0 with TLS_RSA_WITH_AES_128_CBC_SHA", tlsraw.VersionTLS10, 0x002F), only10, `BEAST`, report.Medium},
		{TLSPoodle, "poodle", vuln("the server accepts SSLv3 with CBC suites: TLS_RSA_WITH_AES_128_CBC_SHA", tlsraw.VersionSSL30, 0x002F), all, `POODLE`, report.High},
		{TLSNullCipher, "null", vuln("the server accepts NULL-encryption suites under TLS 1.2: TLS_RSA_WITH_NULL_SHA256", tlsraw.VersionTLS12, 0x003B), all, `NULL_SHA256.*in clear`, report.Critical},
		{TLSAnonCipher, "anon", vuln("the server accepts anonymous (unauthenticated) suites under TLS 1.2: TLS_DH_anon_WITH_AES_128_GCM_SHA256", tlsraw.VersionTLS12, 0x00A6), all, `DH_anon.*man in the middle`, report.Critical},
		{TLSLowCipher, "low", vuln("the server accepts single-DES suites (56-bit keys) under TLS 1.0: TLS_RSA_WITH_DES_CBC_SHA", tlsraw.VersionTLS10, 0x0009), all, `DES_CBC_SHA.*brute force`, report.High},
		{TLSSSLv2, "sslv2", vuln("the server speaks SSLv2 with 2 ciphers: SSL_CK_RC4_128_WITH_MD5, SSL_CK_DES_192_EDE3_CBC_WITH_MD5", 0), all, `speaks SSLv2 .*RFC 6176`, report.Critical},
		{TLSDrown, "drown", vuln("the server speaks SSLv2 with 1 cipher, export ones among them: SSL_CK_RC4_128_EXPORT40_WITH_MD5; with 40-bit export ciphers the general DROWN attack", 0), all, `^DROWN \(CVE-2016-0800\): .*export.*same key`, report.Critical},
		{TLSCrime, "crime", vuln("the server chose TLS compression method 1 (DEFLATE) under TLS 1.2", tlsraw.VersionTLS12), all, `CRIME`, report.High},
		{TLSRobot, "robot", vuln("the server answers malformed RSA key exchanges differently under TLS 1.2, twice alike: correct padding: bad_record_mac alert, then connection closed; wrong first two bytes: handshake_failure alert, then connection closed", tlsraw.VersionTLS12), all, `padding oracle \(ROBOT\): .*wrong first two bytes.*drop the RSA key exchange`, report.High},
		{TLSTicketbleed, "ticketbleed", vuln("the server echoes a 6-byte session ID sent with a ticket as 32 bytes: 26 bytes of its memory each time (Ticketbleed)", tlsraw.VersionTLS12), all, `Ticketbleed, CVE-2016-9244\): .*26 bytes`, report.High},
	}
	for _, tc := range cases {
		t.Run(tc.rule.ID+"/"+tc.sev.String(), func(t *testing.T) {
			// Nothing answered the hand-made hellos: one note for all.
			if fs, notes := runVulnRuleErr(t, tc.rule, tc.key, tc.res, errors.New("i/o timeout")); len(fs) != 0 || len(notes) != 1 ||
				notes[0] != "the TLS vulnerability tests (DJL130-DJL147) could not run on shop.example.com:443: no hand-made handshake got an answer (i/o timeout)" {
				t.Errorf("no answer at all: got %v, notes %q", fs, notes)
			}
			fs, notes := runVulnRule(t, tc.rule, tc.key, tc.res, tc.versions)
			if len(fs) != 1 || !regexp.MustCompile(tc.want).MatchString(fs[0].Message) || fs[0].Severity != tc.sev || len(notes) != 0 {
				t.Fatalf("got %v (notes %v), want one %s finding matching %q", fs, notes, tc.sev, tc.want)
			}
			if fs[0].Location.URL != "https://shop.example.com:443/" || len(fs[0].CWE) == 0 {
				t.Errorf("finding at %q with CWE %v", fs[0].Location.URL, fs[0].CWE)
			}
			// The safe look-alike: the same test, not vulnerable.
			safe := tlsraw.Result{Verdict: tlsraw.NotVulnerable, Detail: "no such thing accepted"}
			if fs, notes := runVulnRule(t, tc.rule, tc.key, safe, tc.versions); len(fs) != 0 || len(notes) != 0 {
				t.Errorf("not vulnerable: got %v, notes %v", fs, notes)
			}
			// Could not decide: a note, not a finding.
			unknown := tlsraw.Result{Verdict: tlsraw.Untested, Detail: "connecting: i/o timeout"}
			fs, notes = runVulnRule(t, tc.rule, tc.key, unknown, tc.versions)
			if len(fs) != 0 || len(notes) != 1 || !regexp.MustCompile(tc.rule.ID+`\) could not decide on shop.example.com:443: connecting: i/o timeout`).MatchString(notes[0]) {
				t.Errorf("not tested: got %v, notes %v", fs, notes)
			}
		})
	}
}

// runVulnRule runs one rule on a site whose TLS observations and test
// results are given.
func runVulnRule(t *testing.T, r *analysis.Rule, key string, res tlsraw.Result, versions map[uint16]bool) ([]report.Finding, []string) {
	t.Helper()
	return runVulnRuleWith(t, r, &vulnResults{byKey: map[string]tlsraw.Result{key: res}, versions: versions})
}

func runVulnRuleErr(t *testing.T, r *analysis.Rule, key string, res tlsraw.Result, err error) ([]report.Finding, []string) {
	t.Helper()
	return runVulnRuleWith(t, r, &vulnResults{byKey: map[string]tlsraw.Result{key: res}, verErr: err})
}

func runVulnRuleWith(t *testing.T, r *analysis.Rule, vr *vulnResults) ([]report.Finding, []string) {
	t.Helper()
	opts := &Options{Target: "https://shop.example.com/"}
	opts.defaults()
	s, err := newSite(context.Background(), opts)
	must(t, err)
	s.once("tls", func() any { return &tlsInfo{Versions: map[uint16]bool{tlsraw.VersionTLS12: true}} })
	s.once("tlsvulns", func() any { return vr })
	run := analysis.NewRun(analysis.RunOptions{Identity: byURL})
	siteTarget.Set(run, s)
	run.Call(run.Pass(r, nil, nil))
	return run.Findings(), run.Notes()
}

// TestDrownSupersedesSSLv2: one mistake, one finding. When the server
// speaks SSLv2, DROWN's finding (which names the SSLv2 ciphers too) is
// kept and DJL144's is dropped; when DROWN cannot decide (an SSLv2 ERROR),
// DJL144 reports alone and DJL145 leaves a note.
func TestDrownSupersedesSSLv2(t *testing.T) {
	run := func(sslv2, drown tlsraw.Result) ([]report.Finding, []string) {
		t.Helper()
		opts := &Options{Target: "https://shop.example.com/"}
		opts.defaults()
		s, err := newSite(context.Background(), opts)
		must(t, err)
		s.once("tls", func() any { return &tlsInfo{Versions: map[uint16]bool{tlsraw.VersionTLS12: true}} })
		s.once("tlsvulns", func() any {
			return &vulnResults{byKey: map[string]tlsraw.Result{"sslv2": sslv2, "drown": drown}, versions: map[uint16]bool{tlsraw.VersionTLS12: true}}
		})
		r := analysis.NewRun(analysis.RunOptions{Identity: byURL})
		siteTarget.Set(r, s)
		r.Call(r.Pass(TLSSSLv2, nil, nil))
		r.Call(r.Pass(TLSDrown, nil, nil))
		return r.Findings(), r.Notes()
	}
	v := tlsraw.Result{Verdict: tlsraw.Vulnerable, Detail: "the server speaks SSLv2 with 1 cipher: SSL_CK_RC4_128_WITH_MD5"}
	fs, notes := run(v, v)
	if len(fs) != 1 || fs[0].Rule != "DJL145" || len(notes) != 0 {
		t.Errorf("both vulnerable: got %v, notes %v; want DJL145 alone", fs, notes)
	}
	fs, notes = run(v, tlsraw.Result{Verdict: tlsraw.Untested, Detail: "the server speaks SSLv2 but refused every SSLv2 cipher"})
	if len(fs) != 1 || fs[0].Rule != "DJL144" || len(notes) != 1 {
		t.Errorf("DROWN undecided: got %v, notes %v; want DJL144 and a note", fs, notes)
	}
	no := tlsraw.Result{Verdict: tlsraw.NotVulnerable, Detail: "no SSLv2"}
	if fs, notes = run(no, no); len(fs) != 0 || len(notes) != 0 {
		t.Errorf("no SSLv2: got %v, notes %v", fs, notes)
	}
}
