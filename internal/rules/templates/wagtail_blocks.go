package templates

import (
	"bytes"
	"strings"

	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/pysrc"
	"github.com/djsec/djsec/internal/python"
)

// A Wagtail StreamField block renders its own template with its value as
// value (and the block's value as self in a StructBlock's): what a page's
// editors typed into that block in Wagtail's admin, where only editors,
// staff, sign in. The same editors can publish any markup through a
// RawHTMLBlock or a rich text field, so {{ value.heading|safe }} in such
// a template shows what staff wrote, not what visitors send.

// blockTemplates returns the names of the templates that the project's
// Wagtail blocks render (class HeadingBlock(blocks.StructBlock): class
// Meta: template = "blocks/heading.html", or CharBlock(template="...")),
// read once a scan from the modules that import wagtail.
func blockTemplates(p *project.Project) map[string]bool {
	return p.Memo("rules/templates.blockTemplates", func() any {
		out := map[string]bool{}
		eachCodeFile(p, func(f *project.File, data []byte) {
			if !bytes.Contains(data, []byte("wagtail")) || !bytes.Contains(data, []byte("template")) {
				return // most modules of most projects name no wagtail block
			}
			if m, _ := pysrc.Parse(f); m != nil {
				eachBlockTemplate(m, func(name string) { out[name] = true })
			}
		})
		return out
	}).(map[string]bool)
}

// eachBlockTemplate calls fn with each template a block of m names: the
// template of the Meta of a class whose base is named as a block
// (StructBlock, blocks.StreamBlock, a project's BaseBlock), and the
// template= of a call of a block class.
func eachBlockTemplate(m *python.Module, fn func(string)) {
	python.Inspect(m, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.ClassDef:
			if !blockBases(x.Bases) {
				return true
			}
			for _, st := range x.Body {
				meta, ok := st.(*python.ClassDef)
				if !ok || meta.Name != "Meta" {
					continue
				}
				for _, v := range classAttrAssigns(meta, "template") {
					if s, ok := strConst(v); ok {
						fn(s)
					}
				}
			}
		case *python.Call:
			if !strings.HasSuffix(funcName(x.Func), "Block") {
				return true
			}
			for _, k := range x.Keywords {
				if s, ok := strConst(k.Value); ok && k.Arg == "template" {
					fn(s)
				}
			}
		}
		return true
	})
}

// blockBases reports bases named as Wagtail's blocks are.
func blockBases(bases []python.Expr) bool {
	for _, b := range bases {
		if strings.HasSuffix(funcName(b), "Block") {
			return true
		}
	}
	return false
}

// classAttrAssigns returns the values a class body assigns to name.
func classAttrAssigns(def *python.ClassDef, name string) []python.Expr {
	var out []python.Expr
	for _, st := range def.Body {
		if a, ok := st.(*python.Assign); ok && len(a.Targets) == 1 && isName(a.Targets[0], name) {
			out = append(out, a.Value)
		}
	}
	return out
}

// blockValue reports a variable of a block's template that holds what
// its editors typed: value or self, or anything reached from them.
func blockValue(p *project.Project, f *project.File, e *djtemplate.FilterExpr) bool {
	if e.Value.Kind != djtemplate.OperandVariable {
		return false
	}
	root, _, _ := strings.Cut(e.Value.Value, ".")
	if root != "value" && root != "self" {
		return false
	}
	name := templateName(p, f)
	return name != "" && blockTemplates(p)[name]
}
