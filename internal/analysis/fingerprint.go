package analysis

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
)

// assignFingerprints gives every finding a stable identity for baselines: a
// hash of the rule, the path and the normalized source line, plus its rank
// among identical lines. Line numbers are left out on purpose, so a finding
// keeps its fingerprint when code above it moves.
func assignFingerprints(fs []report.Finding, proj *project.Project) {
	seen := map[string]int{}
	for i := range fs {
		f := &fs[i]
		if f.Fingerprint != "" && !strings.HasPrefix(f.Fingerprint, "snippet:") {
			continue
		}
		snippet := strings.TrimPrefix(f.Fingerprint, "snippet:")
		if snippet == "" {
			snippet = sourceLine(proj, f.Location)
		}
		if snippet == "" {
			// Nothing to anchor on (a missing setting, a live URL): the
			// message says what the finding is about.
			snippet = f.Message
		}
		base := f.Rule + "\x00" + f.Location.Path + f.Location.URL + "\x00" + normalize(snippet)
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
