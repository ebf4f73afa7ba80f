package settings

import (
	"fmt"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	st "github.com/djsec/djsec/internal/settings"
)

// UploadPermissionsWorldWritable finds uploaded files or folders created
// writable by every user of the server.
var UploadPermissionsWorldWritable = &analysis.Rule{
	ID: "DJS406", Name: "upload-permissions-world-writable",
	Severity: report.Medium, Confidence: report.HighConfidence,
	CWE: []int{732}, Checklist: []int{6},
	Scope: analysis.PerProject,
	Doc: analysis.Doc{
		Title: "Uploaded files are created world-writable",
		What: "Reports FILE_UPLOAD_PERMISSIONS or FILE_UPLOAD_DIRECTORY_PERMISSIONS whose mode lets every user of " +
			"the server write (the 0o002 bit), such as 0o666 or 0o777.",
		Why: "Any other process or account on the host can then replace uploaded files, for example swap a user's " +
			"document for malware or plant files that the web server serves.",
		Bad:        "FILE_UPLOAD_PERMISSIONS = 0o666",
		Good:       "FILE_UPLOAD_PERMISSIONS = 0o640",
		Fix:        "Use 0o644 (Django's default) or tighter for files, 0o755 or tighter for folders.",
		References: []string{"https://docs.djangoproject.com/en/stable/ref/settings/#file-upload-permissions"},
	},
	Run: func(pass *analysis.Pass) {
		check(pass, func(e *st.Entry, r *reporter) {
			for _, name := range []string{"FILE_UPLOAD_PERMISSIONS", "FILE_UPLOAD_DIRECTORY_PERMISSIONS"} {
				c, ok := st.Check(e.Value(name), func(v *st.Value) bool {
					n, ok := v.Int64()
					return ok && v.Kind == st.Int && n&0o002 != 0
				})
				if ok {
					n, _ := c.V.Int64()
					r.at(c, fmt.Sprintf("%s is 0o%o, so every user of the server can write the uploaded files%s", name, n, c.When()))
				}
			}
		})
	},
}
