package access

import (
	"strings"

	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/taint"
)

// plainViews are Django's and DRF's view classes and mixins that do not
// read permission_required: on a class built from them alone, the
// attribute checks nothing.
var plainViews = map[string]bool{
	"object": true, "View": true, "TemplateView": true, "RedirectView": true, "FormView": true, "CreateView": true,
	"UpdateView": true, "DeleteView": true, "DetailView": true, "ListView": true, "ProcessFormView": true,
	"BaseCreateView": true, "BaseUpdateView": true, "BaseDeleteView": true, "BaseDetailView": true, "BaseListView": true,
	"BaseFormView": true, "ContextMixin": true, "TemplateResponseMixin": true, "SingleObjectMixin": true,
	"MultipleObjectMixin": true, "FormMixin": true, "ModelFormMixin": true, "SingleObjectTemplateResponseMixin": true,
	"MultipleObjectTemplateResponseMixin": true, "DeletionMixin": true, "LoginRequiredMixin": true,
	"APIView": true, "GenericAPIView": true,
}

// permissionRequiredRead reports whether something in class c's bases
// reads its permission_required: a base named for permissions (Django's,
// django-braces' or django-guardian's PermissionRequiredMixin), code of
// the project's that reads the attribute, or a base djsec cannot see. On
// a View alone, `permission_required = "app.change_x"` checks nothing.
func (a *analyzer) permissionRequiredRead(c *taint.Class, depth int) bool {
	if depth > 8 || a.readsPermissionRequired(c.Def()) {
		return true
	}
	for _, b := range c.Bases {
		name := lastName(b)
		if strings.Contains(name, "Permission") {
			return true
		}
		if bc := a.base(c, b); bc != nil {
			if a.permissionRequiredRead(bc, depth+1) {
				return true
			}
			continue
		}
		if !plainViews[name] {
			return true // a library's class: it may read it
		}
	}
	return false
}

// readsPermissionRequired reports code in a class that reads
// self.permission_required or calls get_permission_required.
func (a *analyzer) readsPermissionRequired(def *python.ClassDef) bool {
	if found, ok := a.permReads[def]; ok {
		return found
	}
	found := false
	python.Inspect(def, func(n python.Node) bool {
		if at, ok := n.(*python.Attribute); ok && (at.Attr == "permission_required" || at.Attr == "get_permission_required") {
			found = true
		}
		return !found
	})
	a.permReads[def] = found
	return found
}
