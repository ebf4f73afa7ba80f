package secrets

import (
	"fmt"
	"regexp"

	"github.com/djsec/djsec/internal/report"
)

// A Detector finds one kind of secret. Detectors are data, in the manner of
// gitleaks: a regular expression, the keywords that must appear on a line
// before the expression is tried, an entropy floor and allowlists. Every rule
// of this package owns a table of them.
type Detector struct {
	ID          string // kebab-case, shown in the finding's properties
	Description string // what the secret is: "AWS access key ID"
	// Regex finds the secret on one line. Its groups named "secret" (the
	// first non-empty one counts) hold the secret; an optional group named
	// "key" holds the name it is assigned to; groups named "bare" hold an
	// unquoted value, when no "secret" group matched. Without a "secret"
	// group the whole match is the secret.
	Regex string
	// Keywords are lower-case strings of which at least one must appear on
	// a line for Regex to be tried there.
	Keywords []string
	// Entropy is the minimum Shannon entropy, in bits per character, of the
	// secret; 0 means no floor.
	Entropy float64
	// MinLen is the shortest secret worth reporting; MaxLen, when set, the
	// longest (longer values found by name are data, not credentials).
	MinLen, MaxLen int
	// Allow are regular expressions matched against the secret; a match is
	// a known non-secret (a documentation key).
	Allow []string
	// Generic detectors match on names rather than a provider's format:
	// placeholders are checked more strictly, they give way to a specific
	// detector on the same text, and they are skipped in tests and docs.
	Generic bool
	// SkipInTests leaves test suites, fixtures and documentation out, as
	// Generic does: what the detector finds there is made up.
	SkipInTests bool
	// Quoted requires the secret to be a quoted string in program source
	// (Python, JavaScript, ...), where a bare word is an expression.
	Quoted bool
	// Placeholder, when set, replaces the default test for stand-in
	// values (for keys whose random part may hold "%(" by chance).
	Placeholder func(secret string) bool
	// Check, when set, inspects a match further. It returns false to drop
	// the match; it may adjust the hit's severity, confidence or message.
	Check func(m *match) bool
	// AtKey says that a match starts at the word holding the keyword (a
	// key name, a URI's scheme): the regex is then tried there only,
	// anchored, instead of at every position of the line.
	AtKey bool
	// Assign says that the key is followed by an assignment (=, :, =>, a
	// comma before a default): AtKey detectors test for one before their
	// regex runs.
	Assign bool
	// Ahead, when set, is a cheap test of the text from where an AtKey
	// match would start: false means the regex cannot match there, and it
	// is not run. It must never say false where the regex matches.
	Ahead func(s string) bool
	// FileNames, when set, limits the detector to files of these base
	// names (lower case).
	FileNames []string
	// Severity overrides the rule's severity for this detector (zero: the
	// rule's).
	Severity report.Severity

	rule     string // the rule id that reports this detector's finds
	re       *regexp.Regexp
	anchored *regexp.Regexp // ^(?:Regex), for AtKey
	allow    []*regexp.Regexp
	// group indexes of the secret, bare and key groups
	secretGroups []int
	bareGroups   []int
	keyGroup     int
}

func (d *Detector) compile(rule string) error {
	d.rule = rule
	re, err := regexp.Compile(d.Regex)
	if err != nil {
		return fmt.Errorf("detector %s: %w", d.ID, err)
	}
	d.re = re
	d.anchored = regexp.MustCompile(`^(?:` + d.Regex + `)`)
	d.keyGroup = -1
	for i, name := range re.SubexpNames() {
		switch name {
		case "secret":
			d.secretGroups = append(d.secretGroups, i)
		case "bare":
			d.bareGroups = append(d.bareGroups, i)
		case "key":
			d.keyGroup = i
		}
	}
	if len(d.secretGroups) == 0 {
		d.secretGroups = []int{0}
	}
	for _, a := range d.Allow {
		are, err := regexp.Compile(a)
		if err != nil {
			return fmt.Errorf("detector %s allowlist: %w", d.ID, err)
		}
		d.allow = append(d.allow, are)
	}
	if len(d.Keywords) == 0 {
		return fmt.Errorf("detector %s has no keywords", d.ID)
	}
	return nil
}

// match is one candidate secret found by a detector.
type match struct {
	det    *Detector
	path   string
	line   string // the line (or window of a long line) the regex ran on
	lineNo int
	col    int // 1-based byte column of the secret in the file's line
	secret string
	key    string
	start  int   // byte offset of the secret in data
	loc    []int // the regex's submatch indexes in line
	data   []byte

	// Set by Check functions to refine the report.
	severity   report.Severity
	confidence report.Confidence
	note       string // appended to the message
	desc       string // replaces the detector's description
	// claim replaces what the message says the secret gives its reader
	// ("anyone who can read this file can use it"), for values that are
	// only half of a credential.
	claim string
	// expires is when a token stops being accepted (a JWT's exp), as Unix
	// seconds; 0 when it does not say.
	expires int64
}

// group returns the text of the named group of the detector's regex.
func (m *match) group(name string) string {
	g := m.det.re.SubexpIndex(name)
	if g < 0 || m.loc[2*g] < 0 {
		return ""
	}
	return m.line[m.loc[2*g]:m.loc[2*g+1]]
}
