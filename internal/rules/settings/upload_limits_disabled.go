package settings

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// UploadLimitsDisabled finds request size limits that are turned off.
var UploadLimitsDisabled = &analysis.Rule{
	ID: "DJS407", Name: "upload-limits-disabled",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{400, 770}, Checklist: []int{6, 13},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Request body limits are turned off",
		What: "Reports DATA_UPLOAD_MAX_MEMORY_SIZE, DATA_UPLOAD_MAX_NUMBER_FIELDS or DATA_UPLOAD_MAX_NUMBER_FILES " +
			"set to None, which removes Django's limit.",
		Why: "Django keeps non-file request data in memory and parses every field; without the limits one request " +
			"can exhaust the worker's memory or CPU (denial of service).",
		Bad:        "DATA_UPLOAD_MAX_NUMBER_FIELDS = None",
		Good:       "DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000",
		Fix:        "Keep the defaults (2.5 MB, 1000 fields, 100 files) or raise them to a number that fits the largest legitimate request.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/settings/#data-upload-max-memory-size"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			for _, name := range []string{"DATA_UPLOAD_MAX_MEMORY_SIZE", "DATA_UPLOAD_MAX_NUMBER_FIELDS", "DATA_UPLOAD_MAX_NUMBER_FILES"} {
				if c, ok := st.Check(e.Value(name), isNone); ok {
					r.at(c, name+" is None"+c.When()+", so Django puts no limit on it")
				}
			}
		})
	},
}
