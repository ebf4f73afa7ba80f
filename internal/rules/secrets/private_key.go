package secrets

import (
	"bytes"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// PrivateKey reports PEM and OpenSSH private keys.
var PrivateKey = &analysis.Rule{
	ID:         "DJK104",
	Name:       "private-key",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{798, 321},
	Checklist:  []int{1, 2, 4},
	Doc: analysis.Doc{
		Title: "Private key in a file",
		What: "PEM private keys (RSA, EC, DSA, PKCS#8, PGP) and OpenSSH private keys, on their own or inside a " +
			"string (a service-account JSON, a Python constant with \\n escapes). The key must have a body of " +
			"base64: a BEGIN line followed by \"...\" or \"<your key>\" is a placeholder. Keys encrypted with a " +
			"passphrase are reported as medium. Public keys and certificates are not reported." + devFileWhat,
		Why: "A private key is an identity: the TLS key of the site, an SSH deploy key, a service account. " +
			"Whoever holds it can impersonate the server, log in, or sign as the owner.",
		Bad:  "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n...\n-----END OPENSSH PRIVATE KEY-----",
		Good: "# the deploy key is mounted from the secret store at /run/secrets/deploy_key",
		Fix: "Treat the key as compromised: replace it (new TLS key and certificate, new SSH key) and revoke the old one, " +
			"then keep keys out of the repository (mounted secrets, a secrets manager).",
		References: []string{
			"https://cwe.mitre.org/data/definitions/321.html",
			"https://cwe.mitre.org/data/definitions/798.html",
		},
	},
	Scope: analysis.PerFile,
	Files: project.Text,
	Run:   runFamily,
}

var privateKeyDetectors = []*Detector{
	{
		ID: "private-key", Description: "private key",
		Regex:    `-----BEGIN (?P<secret>(?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED )?PRIVATE KEY(?: BLOCK)?)-----`,
		Keywords: []string{"private key-----", "private key block-----"},
		Check:    checkPrivateKey,
	},
}

// checkPrivateKey looks past the BEGIN line for a body of base64, the
// difference between a key and a placeholder, and replaces the secret by
// the body so that the report shows its first characters.
func checkPrivateKey(m *match) bool {
	kind := m.secret
	rest := m.data[m.start:]
	rest = rest[:min(len(rest), 64<<10)]
	if i := bytes.Index(rest, []byte("-----END")); i >= 0 {
		rest = rest[:i]
	}
	if i := bytes.Index(rest, []byte("-----")); i >= 0 {
		rest = rest[i+5:] // past the BEGIN line's closing dashes
	}
	// The body starts on the next line, or after a \n escape when the key
	// is a one-line string; what trails the BEGIN line is not key.
	nl := bytes.IndexByte(rest, '\n')
	if i := bytes.Index(rest, []byte(`\n`)); i >= 0 && (nl < 0 || i < nl) {
		nl = i + 1
	}
	if nl < 0 {
		return false
	}
	rest = rest[nl+1:]
	encrypted := strings.HasPrefix(kind, "ENCRYPTED") || strings.Contains(kind, "SSH2 ENCRYPTED") ||
		bytes.Contains(rest, []byte("Proc-Type: 4,ENCRYPTED"))
	var body strings.Builder
	for _, line := range bytes.Split(bytes.ReplaceAll(rest, []byte(`\n`), []byte("\n")), []byte("\n")) {
		line = bytes.TrimSpace(line)
		if bytes.Contains(line, []byte(": ")) {
			continue // PEM or PGP header
		}
		for _, c := range line {
			switch {
			case isAlnum(c) || c == '+' || c == '/' || c == '=':
				body.WriteByte(c)
			case c == '"' || c == '\'' || c == ',' || c == '\\' || c == '\r' || c == '\t' || c == ' ':
				// string syntax around the key's lines
			default:
				return false // prose, an ellipsis, a <placeholder>
			}
		}
	}
	b := body.String()
	if len(b) < 64 || entropy(b) < 4.5 || isPlaceholder(b, false) {
		return false
	}
	if kind == "OPENSSH PRIVATE KEY" && strings.HasPrefix(b, "b3BlbnNzaC1rZXktdjE") && !strings.HasPrefix(b, "b3BlbnNzaC1rZXktdjEAAAAABG5vbmU") {
		encrypted = true // a cipher name other than "none"
	}
	m.secret = b
	m.desc = strings.ToLower(kind[:1]) + strings.ToLower(kind[1:])
	if strings.HasPrefix(kind, "RSA") || strings.HasPrefix(kind, "DSA") || strings.HasPrefix(kind, "EC ") ||
		strings.HasPrefix(kind, "PGP") || strings.HasPrefix(kind, "SSH2") {
		m.desc = kind[:strings.IndexByte(kind, ' ')] + strings.ToLower(kind[strings.IndexByte(kind, ' '):])
	} else if strings.HasPrefix(kind, "OPENSSH") {
		m.desc = "OpenSSH private key"
	}
	if encrypted {
		m.severity = report.Medium
		m.note = "; it is encrypted with a passphrase, which slows an attacker down but does not stop one"
	}
	return true
}
