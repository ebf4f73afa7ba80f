package analysis

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// Identity says what a finding is about, besides its rule, for its
// fingerprint: the driver's half of a finding's identity. snippet is the
// diagnostic's Snippet ("" when the rule gave none, and for findings the
// driver made itself). What an Identity returns must not hold what changes
// from run to run when nothing else did: line numbers, dates, random
// tokens.
type Identity func(f *report.Finding, snippet string) string

// ByPlace identifies a finding by its path or URL and its subject: the
// snippet, else the source line at its location in proj (nil: none), else
// its message, with white space folded. Line numbers are left out on
// purpose, so a finding keeps its fingerprint when code above it moves.
func ByPlace(proj *project.Project) Identity {
	return func(f *report.Finding, snippet string) string {
		if snippet == "" {
			snippet = sourceLine(proj, f.Location)
		}
		if snippet == "" {
			// Nothing to anchor on (a missing setting, a live URL): the
			// message says what the finding is about.
			snippet = f.Message
		}
		return f.Location.Path + f.Location.URL + "\x00" + normalize(snippet)
	}
}

// snippetMark marks a diagnostic's snippet, kept in the Fingerprint field
// of a finding from the moment Run makes it until fingerprint replaces it.
const snippetMark = "snippet:"

// fingerprint gives every finding a stable identity for baselines: a hash
// of its rule and its Identity, plus its rank among findings with the same
// identity (fs is sorted).
func (r *Run) fingerprint(fs []report.Finding) {
	seen := map[string]int{}
	for i := range fs {
		f := &fs[i]
		snippet, _ := strings.CutPrefix(f.Fingerprint, snippetMark)
		base := f.Rule + "\x00" + r.opts.Identity(f, snippet)
		n := seen[base]
		seen[base] = n + 1
		sum := sha256.Sum256([]byte(base + "\x00" + strconv.Itoa(n)))
		f.Fingerprint = hex.EncodeToString(sum[:12])
	}
}

func sourceLine(proj *project.Project, loc report.Location) string {
	if proj == nil || loc.Path == "" || loc.Line == 0 {
		return ""
	}
	f := proj.File(loc.Path)
	if f == nil {
		return ""
	}
	return f.Line(loc.Line)
}

func normalize(s string) string { return strings.Join(strings.Fields(s), " ") }
