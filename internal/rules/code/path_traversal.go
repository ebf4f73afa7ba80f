package code

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
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
		What:       "Reports open, io.open, FileResponse, os.remove/unlink/rename/listdir, and shutil copy, move and rmtree calls whose path carries request data; an upload's file name (request.FILES[...].name), which Django reduces to a base name, is low, since it chooses a file in the folder but cannot leave it. Names reduced with os.path.basename (or to the text after their last slash: url.split(\"/\")[-1]), get_valid_filename or re.sub with an allow-list (r\"[^0-9a-zA-Z_-]+\" replaced by \"\"), paths built with django.utils._os.safe_join, paths normalized with os.path.realpath/abspath (or Path.resolve()) and then checked with startswith/is_relative_to (or equality with the resolved root; a check of resolved = realpath(p) vouches for p too, until p is assigned again), or against os.path.commonpath/commonprefix of it and the root, in a guarding branch (in the view, in a project helper that raises otherwise, or in one that returns the check: return p.startswith(root + os.sep) or p == root), values checked against an allowlist or parsed as a UUID or a number first (uuid.UUID(name), int(wid) in an earlier statement, which raise otherwise), an upload's temporary_file_path() (the temporary file tempfile named for it) and files handled through Django storages are not reported." + staffNote,
		Why:        "../ sequences or absolute paths let attackers read settings, keys and /etc files, or overwrite and delete files the server can write.",
		Bad:        "name = request.GET[\"file\"]\nreturn FileResponse(open(os.path.join(settings.MEDIA_ROOT, name), \"rb\"))",
		Good:       "name = request.GET[\"file\"]\nreturn FileResponse(open(safe_join(settings.MEDIA_ROOT, name), \"rb\"))",
		Fix:        "Build paths with django.utils._os.safe_join, keep only os.path.basename of user-given names, or store files through a Storage with generated names.",
		References: []string{"https://docs.djangoproject.com/en/stable/topics/security/#user-uploaded-content", "https://cwe.mitre.org/data/definitions/22.html"},
	},
	Run: taintRunWith(pathSinks, "file path built from request data (%s) reaches %s", uploadName),
}

// uploadName lowers a flow of an upload's file name alone: Django keeps
// only its base name, so the path stays in its folder, though the client
// still chooses which file there is written, replaced or removed.
func uploadName(f taint.Finding, d *analysis.Diagnostic) {
	if !f.BaseName {
		return
	}
	d.Severity = report.Low
	d.Message += "; it is the upload's file name, which Django reduces to a base name, so the path cannot leave " +
		"its folder, but the client chooses which file in it is written or removed: name the file yourself (uuid4().hex)"
}

// pathSinks are the calls that open, list, change or remove a file.
var pathSinks = &taint.Spec{
	Kind: taint.Path,
	Sinks: []taint.Sink{
		{Func: "open", Builtin: true, Name: "open", Args: []taint.Arg{taint.A(0, "file", "filename")}},
		{Func: "io.open", Name: "open", Args: []taint.Arg{taint.A(0, "file", "filename")}},
		{Func: "codecs.open", Name: "open", Args: []taint.Arg{taint.A(0, "file", "filename")}},
		{Func: "os.remove", Args: []taint.Arg{taint.A(0, "path", "src")}},
		{Func: "os.unlink", Args: []taint.Arg{taint.A(0, "path", "src")}},
		{Func: "os.rmdir", Args: []taint.Arg{taint.A(0, "path", "src")}},
		{Func: "os.removedirs", Args: []taint.Arg{taint.A(0, "path", "src")}},
		{Func: "os.rename", Args: []taint.Arg{taint.A(0, "path", "src")}},
		{Func: "os.replace", Args: []taint.Arg{taint.A(0, "path", "src")}},
		{Func: "os.listdir", Args: []taint.Arg{taint.A(0, "path", "src")}},
		{Func: "os.chmod", Args: []taint.Arg{taint.A(0, "path", "src")}},
		{Func: "shutil.**.rmtree", Args: []taint.Arg{taint.A(0), taint.A(1)}},
		{Func: "shutil.**.copy", Args: []taint.Arg{taint.A(0), taint.A(1)}},
		{Func: "shutil.**.copyfile", Args: []taint.Arg{taint.A(0), taint.A(1)}},
		{Func: "shutil.**.copy2", Args: []taint.Arg{taint.A(0), taint.A(1)}},
		{Func: "shutil.**.move", Args: []taint.Arg{taint.A(0), taint.A(1)}},
		{Func: "shutil.**.copytree", Args: []taint.Arg{taint.A(0), taint.A(1)}},
		{Func: "django.http.FileResponse", Name: "FileResponse", Args: []taint.Arg{taint.A(0)}, When: notOpened},
		{Func: "django.http.response.FileResponse", Name: "FileResponse", Args: []taint.Arg{taint.A(0)}, When: notOpened},
	},
	Sanitizers: []taint.Sanitizer{
		{Func: "os.path.basename"}, {Func: "django.utils.text.get_valid_filename"}, {Func: "django.utils._os.safe_join"},
		{Func: "werkzeug.utils.secure_filename"},
		{Func: "re.sub", Skip: 1, When: allowListSub("./\\")},
	},
	Guards: []taint.Guard{
		// uuid.UUID(name) raises ValueError unless name is a UUID's
		// hex digits, which hold no dot or slash: after it, name is safe
		{Func: "uuid.UUID", Arg: taint.A(0, "hex"), Raises: true},
	},
}

// notOpened: FileResponse(open(path)) is reported at open(), its sink.
func notOpened(c *taint.Call) bool {
	if a, ok := c.Arg(0).(*python.Call); ok {
		q := c.QualName(a.Func)
		return q != "open" && q != "io.open"
	}
	return true
}
