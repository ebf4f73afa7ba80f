package code

import (
	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/python"
	"github.com/djsec/djsec/internal/report"
)

// ModelFormAllFields finds ModelForms that accept every model field.
var ModelFormAllFields = &analysis.Rule{
	ID:         "DJC205",
	Name:       "modelform-all-fields",
	Severity:   report.Medium,
	Confidence: report.HighConfidence,
	CWE:        []int{915},
	Checklist:  []int{4, 5},
	Scope:      analysis.PerProject,
	Doc: analysis.Doc{
		Title: "A ModelForm accepts every field of its model",
		What: "Reports ModelForm classes whose Meta sets fields = \"__all__\" or uses exclude. Forms that list " +
			"their fields are not reported. Admin ModelAdmin classes are not ModelForms and are left alone.",
		Why: "Every field added to the model later (is_staff, owner, price, approved) becomes editable by whoever " +
			"submits the form: a mass-assignment hole that opens silently.",
		Bad:  "class ProfileForm(forms.ModelForm):\n    class Meta:\n        model = Profile\n        fields = \"__all__\"",
		Good: "class ProfileForm(forms.ModelForm):\n    class Meta:\n        model = Profile\n        fields = [\"display_name\", \"bio\"]",
		Fix:  "List the editable fields explicitly in Meta.fields.",
		References: []string{"https://docs.djangoproject.com/en/stable/topics/forms/modelforms/#selecting-the-fields-to-use",
			"https://cwe.mitre.org/data/definitions/915.html"},
	},
	Run: func(pass *analysis.Pass) {
		prog := load(pass)
		for _, c := range prog.Classes {
			if inTests(c.Module) || !prog.IsSubclass(c, func(q string) bool { return lastName(q) == "ModelForm" }) {
				continue
			}
			m := c.Module
			if v, a := metaAssign(c.Def, "fields"); v != nil {
				if s, ok := constStr(v); ok && s == "__all__" {
					pass.Reportf(m.Location(a), "%s exposes every model field (fields = \"__all__\"): new fields become editable", c.Def.Name)
				}
			}
			if _, a := metaAssign(c.Def, "exclude"); a != nil {
				pass.Reportf(m.Location(a), "%s uses exclude: every field not listed, including ones added later, is editable", c.Def.Name)
			}
		}
	},
}

var _ = python.Inspect
