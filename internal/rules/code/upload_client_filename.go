package code

import (
	"fmt"

	"github.com/djsec/djsec/internal/access"
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/bytesearch"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// UploadClientFilename finds uploads stored under the client's file name
// without checks of size or type.
var UploadClientFilename = &analysis.Rule{
	ID:         "DJC208",
	Name:       "unrestricted-upload",
	Severity:   report.Medium,
	Confidence: report.MediumConfidence,
	CWE:        []int{434},
	Checklist:  []int{6},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "An upload is saved under the client's file name without checks",
		What: "Reports storage.save(...) calls (default_storage, FileSystemStorage and other storages) in " +
			"functions that take files from request.FILES when the stored name is the client's file name " +
			"(upload.name) and the function checks neither the upload's size nor its type (.size, " +
			".content_type, a validator, an image library open). Generated names, names reduced with " +
			"get_valid_filename plus a type check, and model FileFields with validators are not reported. In a view whose every route requires staff, " +
			"a superuser or a permission, the finding is low: only they upload.",
		Why: "A client-chosen name keeps its extension: an uploaded .html or .svg served from MEDIA_URL runs " +
			"script in the site's origin, a .php or .py may be executed by a misconfigured server, and huge files " +
			"fill the disk.",
		Bad:  "f = request.FILES[\"attachment\"]\ndefault_storage.save(\"attachments/\" + f.name, f)",
		Good: "f = request.FILES[\"attachment\"]\nif f.size > MAX_SIZE or f.content_type not in ALLOWED_TYPES:\n    return HttpResponseBadRequest()\ndefault_storage.save(f\"attachments/{uuid.uuid4().hex}.pdf\", f)",
		Fix: "Check the size and the content type (and the extension) against allowlists, and store the file " +
			"under a generated name; serve user uploads from a separate domain.",
		References: []string{"https://docs.djangoproject.com/en/stable/topics/security/#user-uploaded-content",
			"https://cheatsheetseries.owasp.org/cheatsheets/File_Upload_Cheat_Sheet.html", "https://cwe.mitre.org/data/definitions/434.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		var staff map[*python.FunctionDef]bool
		for _, m := range appModules(pass, prog) {
			if !bytesearch.Contains(m.Content(), "FILES") {
				continue
			}
			for _, fn := range m.Index().Funcs {
				if !bytesearch.Contains(m.Bytes(fn), "FILES") {
					continue
				}
				uploads := map[string]bool{}
				validated := false
				python.Inspect(fn, func(n python.Node) bool {
					switch x := n.(type) {
					case *python.Assign:
						if isUpload(m, x.Value) {
							for _, t := range x.Targets {
								if nm, ok := t.(*python.Name); ok {
									uploads[nm.ID] = true
								}
							}
						}
					case *python.For:
						if isUpload(m, x.Iter) {
							if nm, ok := x.Target.(*python.Name); ok {
								uploads[nm.ID] = true
							}
						}
					case *python.Attribute:
						switch x.Attr {
						case "size", "content_type", "_size":
							validated = true
						}
					case *python.Call:
						q := m.QualName(x.Func)
						switch lastName(q) {
						case "validate_file_extension", "FileExtensionValidator", "validate_image_file_extension", "verify", "from_buffer", "guess_type", "full_clean", "is_valid":
							validated = true
						case "open":
							validated = validated || q != "open" // PIL.Image.open checks the type
						}
					}
					return true
				})
				if len(uploads) == 0 || validated {
					continue
				}
				python.Inspect(fn, func(n python.Node) bool {
					c, ok := n.(*python.Call)
					if !ok {
						return true
					}
					a, ok := c.Func.(*python.Attribute)
					if !ok || a.Attr != "save" || len(c.Args) < 2 {
						return true
					}
					if name := clientName(c.Args[0], uploads); name != "" {
						if staff == nil {
							staff = staffHandlers(pass)
						}
						d := analysis.Diagnostic{Location: m.Location(c),
							Message: fmt.Sprintf("upload is saved under the client's file name (%s) without a size or type check", name)}
						if staff[fn] {
							d.Severity = report.Low
							d.Message += "; every route of the view requires staff, a superuser or a permission, so only they upload: check the type all the same"
						}
						pass.Report(d)
					}
					return true
				})
			}
		}
	},
}

// staffHandlers returns the functions of routed views (a function view,
// or the methods of a class view) whose every route requires staff, a
// superuser or a permission (privileged); a function of several views
// counts only when every one does.
func staffHandlers(pass *analysis.Pass) map[*python.FunctionDef]bool {
	out := map[*python.FunctionDef]bool{}
	views, byView := routedViews(access.Analyze(pass.Project), nil)
	for _, v := range views {
		priv := privileged(byView[v])
		mark := func(d *python.FunctionDef) {
			if was, seen := out[d]; seen {
				priv = priv && was
			}
			out[d] = priv
		}
		switch {
		case v.Func != nil:
			mark(v.Func.Def())
		case v.Class != nil:
			for _, s := range v.Class.Def().Body {
				if d, ok := s.(*python.FunctionDef); ok {
					mark(d)
				}
			}
		}
	}
	return out
}

func isUpload(m *taint.Module, e python.Expr) bool {
	var x python.Expr = e
	if c, ok := x.(*python.Call); ok {
		if a, ok := c.Func.(*python.Attribute); ok && (a.Attr == "get" || a.Attr == "getlist") {
			x = a.Value
		} else {
			return false
		}
	}
	if s, ok := x.(*python.Subscript); ok {
		x = s.Value
	}
	a, ok := x.(*python.Attribute)
	return ok && a.Attr == "FILES"
}

// clientName returns the text of a name expression built from an upload's
// .name, or "".
func clientName(e python.Expr, uploads map[string]bool) string {
	found := ""
	python.Inspect(e, func(n python.Node) bool {
		if found != "" {
			return false
		}
		if a, ok := n.(*python.Attribute); ok && a.Attr == "name" {
			if nm, ok := a.Value.(*python.Name); ok && uploads[nm.ID] {
				found = nm.ID + ".name"
			}
		}
		return true
	})
	return found
}
