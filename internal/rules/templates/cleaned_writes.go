package templates

import (
	"maps"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/python"
)

// A field can be cleaned where it is written rather than where its model is
// saved:
//
//	def safe_html(txt):
//	    return bleach.linkify(bleach.clean(txt, tags=TAGS))
//
//	def item_add(request):
//	    form = ItemForm(request.POST)
//	    if form.is_valid():
//	        item = form.save()
//	        item.description = safe_html(item.description)
//	        item.save()
//
// A field that every form and request handler writing it passes through a
// sanitizer so (each view that uses the form cleans it before saving, or
// the form's clean_description returns it cleaned, or the handler assigns
// it so) holds only the markup the sanitizer allows, as one its model's
// save() cleans does. A single write without one, by name on any model,
// leaves the field unclean.

// cleaner returns the dotted name of the function whose result e is, when e
// is a call that may be a sanitizer's: f(x), f(x).strip(), or
// bleach.linkify(f(x)), which only adds links to the text of markup already
// cleaned. "" otherwise.
func cleaner(e python.Expr) string {
	c, ok := e.(*python.Call)
	if !ok {
		return ""
	}
	if a, ok := c.Func.(*python.Attribute); ok && len(c.Args) == 0 && (a.Attr == "strip" || a.Attr == "rstrip" || a.Attr == "lstrip") {
		return cleaner(a.Value)
	}
	name, ok := python.DottedName(c.Func)
	if !ok {
		return ""
	}
	if (name == "bleach.linkify" || name == "linkify") && len(c.Args) > 0 {
		return cleaner(c.Args[0])
	}
	return name
}

// sanitizerHelpers returns the module's top-level functions whose every
// return is a sanitizer's result (sanitizerName), by name. Its text must
// name one, first: the index reads every module of the project.
func sanitizerHelpers(m *python.Module) []string {
	src := m.File.Source()
	if !strings.Contains(src, "anitiz") && !strings.Contains(src, "anitis") && !strings.Contains(src, "lean_html") &&
		!strings.Contains(src, "leach") && !strings.Contains(src, "nh3") {
		return nil
	}
	var out []string
	for _, st := range m.Body {
		d, ok := st.(*python.FunctionDef)
		if !ok {
			continue
		}
		returns := ownReturns(d)
		clean := len(returns) > 0
		for _, r := range returns {
			clean = clean && r.Value != nil && sanitizerName(cleaner(r.Value))
		}
		if clean {
			out = append(out, d.Name)
		}
	}
	return out
}

// formCleanMethods returns what a form's clean_<field> methods return the
// field through, by field, when each of their returns is a call's result
// (return safe_html(desc)); whether that call sanitizes is decided once
// the project's helpers are known.
func formCleanMethods(c *python.ClassDef) map[string]string {
	var out map[string]string
	for _, st := range c.Body {
		d, ok := st.(*python.FunctionDef)
		if !ok || !strings.HasPrefix(d.Name, "clean_") || len(d.Name) == len("clean_") {
			continue
		}
		by := ""
		for _, r := range ownReturns(d) {
			name := ""
			if r.Value != nil {
				name = cleaner(r.Value)
			}
			if name == "" || by != "" && by != name {
				by = ""
				break
			}
			by = name
		}
		if by != "" {
			if out == nil {
				out = map[string]string{}
			}
			out[strings.TrimPrefix(d.Name, "clean_")] = by
		}
	}
	return out
}

// useCleans returns the attributes that a function or class using a form
// assigns from a call, with the call's function (obj.description =
// safe_html(obj.description)): what it may clean before saving.
func useCleans(n python.Node) map[string]string {
	out := map[string]string{}
	python.Inspect(n, func(nd python.Node) bool {
		if a, ok := nd.(*python.Assign); ok {
			for _, t := range a.Targets {
				if at, ok := t.(*python.Attribute); ok {
					if by := cleaner(a.Value); by != "" {
						out[at.Attr] = by
					}
				}
			}
		}
		return true
	})
	return out
}

// isSanitizer reports a function, by its dotted name, that cleans HTML:
// one named for it, or a helper of the project's that returns only what
// one gives.
func (x *fieldIndex) isSanitizer(dotted string) bool {
	return dotted != "" && (sanitizerName(dotted) || x.sanitizers[dotted[strings.LastIndexByte(dotted, '.')+1:]])
}

// formCleaned returns the sanitizer through which the form named form
// writes field: its own clean_<field>, or one that every function and
// class using the form passes the field through; "" when some use does
// not, or none is known.
func (x *fieldIndex) formCleaned(form string, w formWrites, field string) string {
	if by := w.cleans[field]; x.isSanitizer(by) {
		return by
	}
	uses := x.formCleans[form]
	by := ""
	for _, u := range uses {
		if !x.isSanitizer(u[field]) {
			return ""
		}
		by = u[field]
	}
	return by
}

// sortWrite files a write of a field as clean or raw, on its model or,
// when none is found (""), by name.
func (x *fieldIndex) sortWrite(model string, w fieldWrite) {
	clean := x.isSanitizer(w.cleaner)
	switch {
	case model == "" && clean:
		x.cleanLoose[w.name] = w.cleaner
	case model == "":
		x.rawLoose[w.name] = true
	case clean:
		if x.cleanOn[model] == nil {
			x.cleanOn[model] = map[string]string{}
		}
		x.cleanOn[model][w.name] = w.cleaner
	default:
		x.rawWrite(model, w.name)
	}
}

// rawWrite files a write of model's field through no sanitizer.
func (x *fieldIndex) rawWrite(model, name string) {
	if x.rawOn[model] == nil {
		x.rawOn[model] = map[string]bool{}
	}
	x.rawOn[model][name] = true
}

// cleanedByWriters returns the sanitizer through which every write of the
// field name passes, on the models the object named owner can be
// (writersScope) or, when none is known, on every model; "" when one
// write does not, when a write may reach any field, or when none is seen.
func (x *fieldIndex) cleanedByWriters(owner, name string) string {
	if x.rawAll || x.anyName || x.rawLoose[name] || x.patternWritten(name) {
		return ""
	}
	models, _ := x.writersScope(owner, name)
	if models == nil {
		models = slices.Collect(maps.Keys(x.rawOn))
		models = append(models, slices.Collect(maps.Keys(x.cleanOn))...)
	}
	by := x.cleanLoose[name]
	for _, m := range models {
		for _, c := range x.lineage(m) {
			if x.rawOn[c][name] {
				return ""
			}
			if b := x.cleanOn[c][name]; b != "" {
				by = b
			}
		}
	}
	return by
}

// setattrFormFields adds the writes of setattr(obj, key, ...) over a
// form's cleaned_data: each of the form's fields, on obj. A form djsec does
// not see may hold any field.
func (x *fieldIndex) setattrFormFields() {
	for _, w := range x.formSetattrs {
		ws, known := x.forms[w.via[0]]
		if !known {
			x.anyName = true
		}
		for _, fw := range ws {
			for _, n := range fw.names {
				x.writes = append(x.writes, fieldWrite{owner: w.owner, name: n})
			}
		}
	}
	x.formSetattrs = nil
}

// cleanedDataOf returns the form class whose fields setattr(obj, key,
// value) in def writes: value reads an item of its cleaned_data
// (form.cleaned_data[key], or fields[key] after fields =
// form.cleaned_data), or key is a loop's over the keys of it (for field in
// fields:), where def binds form to a call of a class named ...Form. ""
// otherwise.
func cleanedDataOf(def *python.FunctionDef, key, value python.Expr) string {
	if sub, ok := value.(*python.Subscript); ok {
		if form := formData(def, sub.Value); form != "" {
			return form
		}
	}
	k, ok := key.(*python.Name)
	if !ok {
		return ""
	}
	form, loops := "", 0
	python.EachStmt(def.Body, func(st python.Stmt) {
		f, ok := st.(*python.For)
		if !ok || !bindsName(f.Target, k.ID) {
			return
		}
		loops++
		iter := f.Iter
		if c, ok := iter.(*python.Call); ok && len(c.Args) == 0 {
			if a, ok := c.Func.(*python.Attribute); ok && (a.Attr == "keys" || a.Attr == "items") {
				iter = a.Value
			}
		}
		if t, ok := f.Target.(*python.Tuple); ok && (len(t.Elts) == 0 || !isName(t.Elts[0], k.ID)) {
			return // the key is the first of what .items() gives
		}
		form = formData(def, iter)
	})
	if loops != 1 {
		return ""
	}
	return form
}

// formData returns the form class of which e is the cleaned_data
// (form.cleaned_data, or a name def sets to it once), when def binds form
// once to a call of a class named ...Form; "" otherwise.
func formData(def *python.FunctionDef, e python.Expr) string {
	if n, ok := e.(*python.Name); ok {
		e = soleValue(def, n.ID)
	}
	a, ok := e.(*python.Attribute)
	if !ok || a.Attr != "cleaned_data" {
		return ""
	}
	n, ok := a.Value.(*python.Name)
	if !ok {
		return ""
	}
	c, ok := soleValue(def, n.ID).(*python.Call)
	if !ok {
		return ""
	}
	if name := funcName(c.Func); strings.HasSuffix(name, "Form") {
		return name
	}
	return ""
}

// soleValue returns the value def assigns to the name id when it binds it
// once, by a plain assignment; nil otherwise.
func soleValue(def *python.FunctionDef, id string) python.Expr {
	if assignments(def, id) != 1 {
		return nil
	}
	var value python.Expr
	python.EachStmt(def.Body, func(st python.Stmt) {
		if a, ok := st.(*python.Assign); ok && slices.ContainsFunc(a.Targets, func(t python.Expr) bool { return isName(t, id) }) {
			value = a.Value
		}
	})
	return value
}

// assignments counts the statements of fn that bind name: assignments,
// augmented ones, loops and with statements.
func assignments(fn *python.FunctionDef, name string) int {
	n := 0
	python.EachStmt(fn.Body, func(s python.Stmt) {
		switch x := s.(type) {
		case *python.Assign:
			for _, t := range x.Targets {
				if bindsName(t, name) {
					n++
				}
			}
		case *python.AugAssign:
			if bindsName(x.Target, name) {
				n++
			}
		case *python.AnnAssign:
			if bindsName(x.Target, name) {
				n++
			}
		case *python.For:
			if bindsName(x.Target, name) {
				n++
			}
		case *python.With:
			for _, it := range x.Items {
				if it.OptionalVars != nil && bindsName(it.OptionalVars, name) {
					n++
				}
			}
		}
	})
	return n
}
