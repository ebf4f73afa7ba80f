package access

import (
	"bytes"
	"path"

	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/taint"
)

// horizonPanel returns the login that OpenStack Horizon requires of a
// panel's URLs: a Dashboard includes each panel's urls.py through
// _decorated_urls, which wraps every view in require_auth unless the
// dashboard sets public = True. The URLconf is a panel's when a panel.py
// beside it declares a horizon.Panel, and the dashboard is the one whose
// dashboard.py sits above.
func (a *analyzer) horizonPanel(urlconf *taint.Module) (Guard, bool) {
	dir := path.Dir(urlconf.File.Path)
	panel := a.proj.File(path.Join(dir, "panel.py"))
	if panel == nil {
		return Guard{}, false
	}
	data, err := panel.Content()
	if err != nil || !horizonPanelRE().Match(data) {
		return Guard{}, false
	}
	for d := path.Dir(dir); d != "." && d != "/"; d = path.Dir(d) {
		if dash := a.proj.File(path.Join(d, "dashboard.py")); dash != nil {
			if src, err := dash.Content(); err == nil && bytes.Contains(src, []byte("public = True")) {
				return Guard{}, false
			}
			break
		}
	}
	return Guard{Kind: Login, What: "Horizon's Dashboard wraps the views of its panels in require_auth",
		Where: report.Location{Path: panel.Path, Line: 1}}, true
}

// horizonPanelRE matches the declaration of a Horizon panel class: on
// horizon.Panel, or on another dashboard's panel (project_panel.Volumes,
// from the panel module that dashboard imports).
var horizonPanelRE = lazyre.New(`(?m)^class \w+\((?:horizon\.Panel|Panel|\w*panel\w*\.\w+)\):`)
