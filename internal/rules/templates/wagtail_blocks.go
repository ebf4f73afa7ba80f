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
// its editors typed: value or self, or anything reached from them, also
// through the loops of the template ({% for row in self.table.data %}{%
// for cell in row %}). In a page's template, an item of a StreamField of
// the project's Wagtail pages that no form of the project writes ({% for
// block in page.body %}{{ block|safe }}) is one too: a block the editors
// composed; stream then names that field.
func blockValue(p *project.Project, f *project.File, e *djtemplate.FilterExpr, loops map[string][]string) (stream string, ok bool) {
	if e.Value.Kind != djtemplate.OperandVariable {
		return "", false
	}
	path, ok := throughLoops(e.Value.Value, loops)
	if !ok {
		return "", false
	}
	root, rest, _ := strings.Cut(path, ".")
	if root == "value" || root == "self" {
		if name := templateName(p, f); name != "" && blockTemplates(p)[name] {
			return "", true
		}
	}
	if (root == "self" || root == "page") && path != e.Value.Value {
		field, _, _ := strings.Cut(rest, ".")
		if pageStreamField(p, root, field) {
			return field, true
		}
	}
	return "", false
}

// throughLoops follows a variable back through the {% for %} loops that
// bind its first name, to what the outermost loop walks (cell, row in
// self.table.data: self.table.data). Every loop binding a name must walk
// the same; ok is false when they differ or a loop walks a filtered
// value.
func throughLoops(v string, loops map[string][]string) (string, bool) {
	for depth := 0; depth < 8; depth++ {
		name, rest, _ := strings.Cut(v, ".")
		iters := loops[name]
		if len(iters) == 0 {
			return v, true
		}
		for _, it := range iters[1:] {
			if it != iters[0] {
				return "", false
			}
		}
		if strings.ContainsAny(iters[0], "|\"'") {
			return "", false
		}
		v = iters[0]
		if rest != "" {
			// an item's attribute: the items' own, after the walk
			v += ".*"
		}
	}
	return "", false
}

// pageStreamField reports a StreamField of the project's Wagtail pages
// (the models self and page name in their templates) that no form,
// serializer or request handler of the project writes.
func pageStreamField(p *project.Project, owner, field string) bool {
	x := modelFields(p)
	for _, page := range x.wagtailPages() {
		for _, c := range x.lineage(page) {
			if x.fieldClass[c][field] == "StreamField" {
				return !x.userWritableOn(owner, field)
			}
		}
	}
	return false
}
