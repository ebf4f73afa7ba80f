package analysis

import (
	"bytes"

	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
)

// Many projects already run Bandit, or Ruff with its flake8-bandit rules,
// and mark the lines they reviewed: "# nosec" (Bandit, "# nosec B105" for
// one check) and "# noqa: S308" (Ruff's S codes are Bandit's). A finding of
// djsec on such a line is one a person has looked at for the same class
// of problem, so it is lowered to low with the mark quoted, rather than
// dropped: the reason given then may no longer hold, and djsec's reading
// of the line (where the data comes from) is often more than Bandit's.
var linterMark = lazyre.New(`#\s*(nosec\b[^#]*|noqa\s*:[^#]*\bS\d{3}\b[^#]*)`)

// lowerLinterMarked lowers the findings of medium severity or more whose
// line carries a Bandit or Ruff security mark.
func (s *scan) lowerLinterMarked(in []report.Finding) {
	lines := map[string][][]byte{}
	for i := range in {
		f := &in[i]
		if f.Severity < report.Medium || f.Location.Path == "" || f.Location.Line <= 0 {
			continue
		}
		ls, ok := lines[f.Location.Path]
		if !ok {
			ls = s.fileLines(f.Location.Path)
			lines[f.Location.Path] = ls
		}
		if f.Location.Line > len(ls) {
			continue
		}
		m := linterMark().Find(ls[f.Location.Line-1])
		if m == nil {
			continue
		}
		f.Severity = report.Low
		f.Message += "; the line is marked \"" + string(bytes.TrimSpace(m)) + "\" for Bandit or Ruff, as reviewed: check that the reason still holds"
	}
}

// fileLines returns the lines of a text file of the project, or nil when
// it cannot be read or holds no mark at all.
func (s *scan) fileLines(rel string) [][]byte {
	f := s.proj.File(rel)
	if f == nil {
		return nil
	}
	data, err := f.Content()
	if err != nil || !bytes.Contains(data, []byte("nosec")) && !bytes.Contains(data, []byte("noqa")) {
		return nil
	}
	return bytes.Split(data, []byte("\n"))
}
