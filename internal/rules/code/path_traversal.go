package code

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// PathTraversal is a taint rule: a file path is built from request data.
var PathTraversal = &analysis.Rule{
	ID:         "DJC107",
	Name:       "path-traversal",
	Severity:   report.High,
	Confidence: report.HighConfidence,
	CWE:        []int{22},
	Checklist:  []int{6},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title:      "A file path is built from request data",
		What:       "Reports open, io.open, FileResponse, os.remove/unlink/rename/listdir, and shutil copy, move and rmtree calls whose path carries request data, including upload file names. Names reduced with os.path.basename or get_valid_filename, paths built with django.utils._os.safe_join, paths normalized with os.path.realpath/abspath (or Path.resolve()) and then checked with startswith/is_relative_to in a guarding branch, values checked against an allowlist and files handled through Django storages are not reported.",
		Why:        "../ sequences or absolute paths let attackers read settings, keys and /etc files, or overwrite and delete files the server can write.",
		Bad:        "name = request.GET[\"file\"]\nreturn FileResponse(open(os.path.join(settings.MEDIA_ROOT, name), \"rb\"))",
		Good:       "name = request.GET[\"file\"]\nreturn FileResponse(open(safe_join(settings.MEDIA_ROOT, name), \"rb\"))",
		Fix:        "Build paths with django.utils._os.safe_join, keep only os.path.basename of user-given names, or store files through a Storage with generated names.",
		References: []string{"https://docs.djangoproject.com/en/stable/topics/security/#user-uploaded-content", "https://cwe.mitre.org/data/definitions/22.html"},
	},
	Run: taintRun(taint.Path, "file path built from request data (%s) reaches %s"),
}
