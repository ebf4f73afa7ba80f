package settings

// A framework's own settings module (arches.settings, evennia's
// settings_default) is the base that its project template star-imports:
// every site made from the template sets its own values over those the
// template assigns.

import (
	"bytes"
	"path"
	"strings"

	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
)

// projectTemplate is a template of the tree that generates a site's
// settings, and the settings it assigns.
type projectTemplate struct {
	path    string
	assigns map[string]bool
}

// templateBase returns a project template of the tree (a startproject
// template such as project_name/settings.py-tpl, a game_template's
// settings) that star-imports the settings module name, when there is
// one: name then holds a framework's defaults, which the settings of every
// generated site override where the template assigns its own value.
func templateBase(p *project.Project, name string) projectTemplate {
	return p.Memo("rules/settings.templateBase:"+name, func() any {
		line := []byte("from " + name + " import *")
		var buf []byte
		for _, f := range p.Files {
			if !projectTemplateFile(f.Path) {
				continue
			}
			if data, err := f.Peek(&buf); err == nil && bytes.Contains(data, line) {
				t := projectTemplate{path: f.Path, assigns: map[string]bool{}}
				for _, m := range assignedSetting().FindAllSubmatch(data, -1) {
					t.assigns[string(m[1])] = true
				}
				return t
			}
		}
		return projectTemplate{}
	}).(projectTemplate)
}

// assignedSetting matches a module-level assignment of a setting, or of
// one of its keys: SECRET_KEY = ..., DATABASES["default"] = ....
var assignedSetting = lazyre.New(`(?m)^([A-Z][A-Z0-9_]*)\s*(?:\[[^\]\n]*\]\s*)*=[^=]`)

// settingOf returns the setting a settings finding is about, by the first
// word of its message ("DEBUG is True", "SECRET_KEY falls back ..."), or
// DATABASES for a database's password or user; "" when the message names
// none.
func settingOf(msg string) string {
	if strings.HasPrefix(msg, "the password of database") || strings.HasPrefix(msg, "database ") {
		return "DATABASES"
	}
	i := strings.IndexAny(msg, " [")
	if i <= 0 {
		return ""
	}
	w := msg[:i]
	for _, c := range w {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return ""
		}
	}
	return w
}

// projectTemplateFile reports a file of a startproject or startapp
// template: a .py-tpl file, or a Python file under a folder named
// project_name or for a template (project_template, game_template).
func projectTemplateFile(rel string) bool {
	if strings.HasSuffix(rel, ".py-tpl") {
		return true
	}
	if !strings.HasSuffix(rel, ".py") {
		return false
	}
	for _, seg := range strings.Split(path.Dir(rel), "/") {
		if strings.HasSuffix(seg, "_template") || seg == "project_name" || seg == "{{project_name}}" || seg == "{{ project_name }}" {
			return true
		}
	}
	return false
}
