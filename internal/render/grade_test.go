package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/djsec/djsec/internal/report"
)

func TestGrades(t *testing.T) {
	score := 70
	r := &report.Report{Schema: report.Schema, Target: "https://shop.example.com/", Summary: report.Summary{BySeverity: map[string]int{}}}
	var js bytes.Buffer
	if err := WriteJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(js.String(), "grades") {
		t.Errorf("a report without grades has a grades field:\n%s", js.String())
	}
	r.Grades = []report.Grade{
		{Name: "headers", Grade: "B", Score: &score, Method: "MDN HTTP Observatory scoring", Reasons: []string{"-25 Content-Security-Policy not implemented", "-5 X-Content-Type-Options: nosniff not sent"}},
		{Name: "tls", Grade: "A+", Method: "SSL Labs-style caps", Reasons: []string{"A+: no warnings"}},
	}
	js.Reset()
	if err := WriteJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"grades": [`, `"grade": "B"`, `"score": 70`, `"reasons": [`} {
		if !strings.Contains(js.String(), want) {
			t.Errorf("JSON lacks %s:\n%s", want, js.String())
		}
	}
	if strings.Count(js.String(), `"score"`) != 1 {
		t.Errorf("the TLS grade has no score and must not show one:\n%s", js.String())
	}
	var txt bytes.Buffer
	if err := WriteText(&txt, r, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	// The grades come before the summary, which ends the report.
	want := "Grade headers: B (score 70)  MDN HTTP Observatory scoring\n  -25 Content-Security-Policy not implemented\n  -5 X-Content-Type-Options: nosniff not sent\nGrade tls: A+  SSL Labs-style caps\n  A+: no warnings\n\nSummary: no findings on https://shop.example.com/\n"
	if !strings.HasSuffix(txt.String(), want) {
		t.Errorf("text ends with\n%s\nwant\n%s", txt.String(), want)
	}
	var page bytes.Buffer
	if err := WriteHTML(&page, r, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page.String(), `<h3 id="grade-headers">headers: B (score 70)</h3>`) || !strings.Contains(page.String(), "no warnings</li>") {
		t.Errorf("the HTML report lacks the grades:\n%s", page.String())
	}
	if !strings.Contains(txt.String(), "no findings on https://shop.example.com/") {
		t.Errorf("the summary of a live report names the URL, not a file count:\n%s", txt.String())
	}
}
