package render

import (
	"encoding/json"
	"io"

	"github.com/djsec/djsec/internal/report"
)

// WriteJSON writes the report as the djsec/report/v1 JSON document.
func WriteJSON(w io.Writer, r *report.Report) error {
	out := *r
	if out.Findings == nil {
		out.Findings = []report.Finding{} // the contract says a list, never null
	}
	for i := range out.Findings {
		f := &out.Findings[i]
		if f.CWE == nil {
			f.CWE = []int{}
		}
		if f.Checklist == nil {
			f.Checklist = []int{}
		}
	}
	// findings quote HTML: it is left unescaped, to keep it readable
	findings := out.Findings
	out.Findings = []report.Finding{}
	return writeStreamed(w, &out, "findings", len(findings), func(i int) any { return &findings[i] })
}

// ReadJSON reads a report written by WriteJSON (for baselines).
func ReadJSON(rd io.Reader) (*report.Report, error) {
	var r report.Report
	dec := json.NewDecoder(rd)
	if err := dec.Decode(&r); err != nil {
		return nil, err
	}
	return &r, nil
}
