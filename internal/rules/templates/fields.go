package templates

import (
	"maps"
	"path"
	"slices"
	"strings"
	"unicode"

	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
	st "github.com/djsec/djsec/internal/settings"
)

// fieldIndex says which model fields the project's users can write, by
// name. It is read from each Python file on its own, by names as written,
// without the project-wide program: the template rules run beside the
// per-file stage, and building the program then held its trees and that
// stage's garbage at once.
type fieldIndex struct {
	// model holds the names of the fields models declare
	// (description = models.TextField()); relation those of them that hold
	// another row (docket = models.ForeignKey(Docket)), whose text is the
	// other row's, however the reference itself is written.
	model, relation map[string]bool
	// written holds the names that a form, serializer or edit view outside
	// the admin takes, or that code handling a request assigns from a value
	// that is not a literal (obj.description = ..., create(description=...)).
	written map[string]bool
	// forms holds what each form, serializer and edit view outside the
	// admin modules writes, by class name; those that a ModelAdmin names
	// (adminForms) are dropped when the files are put together.
	forms      map[string][]formWrites
	adminForms map[string]bool
	// editorUses and openUses count, by form name, the functions and
	// classes outside the admin that name the form and do (editorUses)
	// or do not (openUses) check a model permission first
	// (has_perm(request.user, "pages.add_page")): a form only the former
	// use takes data from editors a manager gave that permission, as the
	// admin's forms take it from staff.
	editorUses, openUses map[string]int
	// adminNamed holds the forms an admin module names (form = ...,
	// get_form): one no other code names is the admin's, whatever class
	// the project's ModelAdmins derive from.
	adminNamed map[string]bool
	// fieldsOf holds each class's declared fields and basesOf its bases'
	// names, by class name: a form that takes a model whole writes them.
	fieldsOf map[string][]string
	basesOf  map[string][]string
	// derived holds, by class and attribute, the attributes its methods
	// set it from (self.body_html = render(self.body)): derivedFields.
	derived map[string]map[string][]string
	// derivedNames holds, by field name, the fields of the same model it
	// is derived from, over every model (indexDerived).
	derivedNames map[string][]string
	// declaring holds, by field name, the models that declare it
	// (indexDerived).
	declaring map[string][]string
	// anyName says some request handler sets attributes by computed names
	// (setattr(obj, key, value)): any field may be written.
	anyName bool
	// readUses and writeUses say how the classes named *Serializer are
	// used (serializerUses): one that only read-only API views name, or
	// that only other serializers nest, writes nothing.
	readUses, writeUses map[string]bool

	// What follows lets a field be judged on its model rather than its
	// name alone ({{ conference.description }} is not the description a
	// proposal form writes).
	//
	// models holds the classes that declare model fields.
	models map[string]bool
	// writes are the writes of request handlers and of the forms that
	// name no model, by the model they name if any (resolved against
	// models when the files are put together); loose holds, after that,
	// the field names written on no known model, and writtenOn what is
	// written on each model.
	writes    []fieldWrite
	loose     map[string]bool
	writtenOn map[string]map[string]bool
	// plain holds the fields of forms that are no ModelForm: their data
	// reaches a model only through a request handler, whose writes are
	// read, unless a handler that names the form hands cleaned_data on
	// whole, or some keywords, to a call whose model it cannot tell:
	// splat holds those forms.
	plain []string
	splat map[string]bool
	// cleanedBy holds, by model and field, the sanitizer the model's save()
	// passes the field through (self.body = bleach.clean(self.body)), or
	// the sanitizing field class that declares it (sanitizingFields);
	// fieldClass the class of each field, by model and field.
	cleanedBy, fieldClass map[string]map[string]string
	// relTarget holds, by model and relation field, the class name of the
	// model the relation holds rows of (route = ForeignKey("Route"));
	// shownBy the fields each model's __str__ shows, when it shows only
	// its own fields (return self.name): what a relation prints.
	relTarget map[string]map[string]string
	shownBy   map[string][]string
	// patterns are the names setattr writes that are computed but keep a
	// literal part (f"period{i:02}", f"{name}_display"): every field
	// they may name counts as written.
	patterns []affixes
	// viewReads are the serializer_class of views whose bases are the
	// project's own: reads if those derive from a read-only view, or from
	// a base whose permission_classes are staff's.
	viewReads []viewRead
	// permsOf says, for each class that sets permission_classes, whether
	// they are staff's (staffOnlyView): a view inherits its nearest base's.
	permsOf map[string]bool
	// formSetattrs are the writes of setattr(obj, key, form.cleaned_data[key])
	// (owner, and the form in via): the form's fields, once the forms of
	// every module are known (setattrFormFields).
	formSetattrs []fieldWrite
	// staffGates holds the project's decorators and mixins that let only
	// staff or a role in (staffGates); gatedUses the uses of forms behind
	// names that may be such gates, counted once they are all known
	// (countGatedUses).
	staffGates map[string]bool
	// cleaningClasses holds, by class name, the project's model field
	// classes that clean their value on the way in (fieldClassCleans):
	// the module that defines each and the sanitizer. fieldCallee holds,
	// by model and field, the qualified name the field's class was
	// imported by, to tell the project's class from a library's of the
	// same name (wagtail.fields.RichTextField).
	cleaningClasses map[string][]cleaningClass
	fieldCallee     map[string]map[string]string
	gatedUses       []gatedUse
	// sanitizers holds the project's functions whose every return is a
	// sanitizer's (def safe_html(txt): return bleach.clean(txt, ...)), by
	// name; formCleans, by form, what each function or class using it
	// assigns from a call (useCleans). cleanOn holds, by model and field,
	// the sanitizer some writer passes the field through, rawOn the fields
	// some writer writes without one; cleanLoose and rawLoose the same by
	// name, for writes on objects of no model found; rawAll says a write
	// may reach every field of a model not found (cleanedByWriters).
	sanitizers map[string]bool
	formCleans map[string][]map[string]string
	cleanOn    map[string]map[string]string
	rawOn      map[string]map[string]bool
	cleanLoose map[string]string
	rawLoose   map[string]bool
	rawAll     bool
	// byLower holds the models by lower-case name (modelOf).
	byLower map[string]string
	// bySuffix holds the models by the lower-case ends of their names of
	// two words or more, "" where two share one (indexModels)
	bySuffix map[string]string
}

// fieldWrite is a write of a field (or of every field, when name is "")
// on an object: of the model named owner, or of the model a variable
// named owner holds (proposal.title = ...: Proposal), or of any.
type fieldWrite struct {
	owner string
	name  string
	via   []string // for every field of a model: the forms the handler names
	// cleaner is the function whose result is written, when it is a
	// call's (safe_html(...)): a sanitizer's or not, decided once the
	// project's helpers are known
	cleaner string
	// gates are the names around the handler that writes that may be
	// staff gates (gateCandidates)
	gates []string
}

// userWritable reports whether name is a model field that users may write
// through the project's code, or no model field at all: false only for a
// field that no form, serializer, edit view or request handler outside the
// admin writes, which staff set in the admin or the project's code fills.
func (x *fieldIndex) userWritable(name string) bool {
	return x.writtenByName(name) || !x.model[name] || x.derivedByName(name)
}

// writtenByName reports a field name some writer outside the admin sets.
func (x *fieldIndex) writtenByName(name string) bool {
	return x.anyName || x.written[name] || x.patternWritten(name)
}

// derivedByName reports a field name that some model's methods set from
// another of its fields that a writer outside the admin sets, by name:
// derivedWritable, for a value whose model is not known.
func (x *fieldIndex) derivedByName(name string) bool {
	return slices.ContainsFunc(x.derivedNames[name], x.writtenByName)
}

// indexDerived fills derivedNames from derived, for the models' own
// fields, and declaring.
func (x *fieldIndex) indexDerived() {
	x.derivedNames, x.declaring = map[string][]string{}, map[string][]string{}
	for c, fields := range x.fieldsOf {
		if !x.models[c] {
			continue
		}
		seen := map[string]bool{}
		for _, f := range fields {
			if !seen[f] {
				seen[f] = true
				x.declaring[f] = append(x.declaring[f], c)
			}
		}
	}
	for _, cs := range x.declaring {
		slices.Sort(cs) // the sanitizer named is the last model's
	}
	for c, fields := range x.derived {
		if !x.models[c] {
			continue
		}
		own := map[string]bool{}
		for _, f := range x.fieldsOf[c] {
			own[f] = true
		}
		for name, from := range fields {
			for _, src := range from {
				if own[src] {
					x.derivedNames[name] = append(x.derivedNames[name], src)
				}
			}
		}
	}
}

// affixes are the literal start and end of a computed attribute name.
type affixes struct{ prefix, suffix string }

// patternWritten reports whether a setattr with a computed name may write
// the field name.
func (x *fieldIndex) patternWritten(name string) bool {
	for _, p := range x.patterns {
		if len(name) >= len(p.prefix)+len(p.suffix) && strings.HasPrefix(name, p.prefix) && strings.HasSuffix(name, p.suffix) {
			return true
		}
	}
	return false
}

// namePattern returns the literal start and end of a computed attribute
// name: an f-string or a sum that begins or ends with a literal, given
// directly or through a name the function assigns once. ok is false when
// the name has no literal part: it may be any field.
func namePattern(def *python.FunctionDef, e python.Expr) (affixes, bool) {
	if n, ok := e.(*python.Name); ok {
		var only python.Expr
		count := 0
		python.Inspect(def, func(nd python.Node) bool {
			if a, ok := nd.(*python.Assign); ok {
				for _, t := range a.Targets {
					if tn, ok := t.(*python.Name); ok && tn.ID == n.ID {
						only, count = a.Value, count+1
					}
				}
			}
			return true
		})
		if count != 1 {
			return affixes{}, false
		}
		e = only
	}
	var p affixes
	switch v := e.(type) {
	case *python.JoinedStr:
		if len(v.Values) > 0 {
			p.prefix, _ = strConst(v.Values[0])
			p.suffix, _ = strConst(v.Values[len(v.Values)-1])
		}
	case *python.BinOp:
		if v.Op == python.Add {
			p.prefix, _ = strConst(v.Left)
			p.suffix, _ = strConst(v.Right)
		}
	}
	return p, p.prefix != "" || p.suffix != ""
}

// modelFields builds the index once per scan, on every CPU the scan may
// use; tests are left out, and so is the admin (admin modules and the
// forms that ModelAdmin classes name), which only staff reach.
func modelFields(p *project.Project) *fieldIndex {
	return p.Memo("rules/templates.fields", func() any {
		files := p.Named(project.Python)
		parts := make([]*fieldIndex, len(files))
		eachParsed(files, func([]byte) bool { return true }, func(i int, f *project.File, m *python.Module) {
			parts[i] = fileFields(f.Path, m)
		})
		return mergeFields(parts)
	}).(*fieldIndex)
}

func newFieldIndex() *fieldIndex {
	return &fieldIndex{model: map[string]bool{}, relation: map[string]bool{}, written: map[string]bool{}, forms: map[string][]formWrites{},
		adminForms: map[string]bool{}, editorUses: map[string]int{}, openUses: map[string]int{}, adminNamed: map[string]bool{},
		fieldsOf: map[string][]string{}, basesOf: map[string][]string{}, permsOf: map[string]bool{},
		readUses: map[string]bool{}, writeUses: map[string]bool{}, models: map[string]bool{},
		loose: map[string]bool{}, writtenOn: map[string]map[string]bool{}, cleanedBy: map[string]map[string]string{},
		fieldClass: map[string]map[string]string{}, relTarget: map[string]map[string]string{}, shownBy: map[string][]string{},
		derived: map[string]map[string][]string{}, splat: map[string]bool{},
		sanitizers: map[string]bool{}, formCleans: map[string][]map[string]string{}, cleanOn: map[string]map[string]string{},
		rawOn: map[string]map[string]bool{}, cleanLoose: map[string]string{}, rawLoose: map[string]bool{}, staffGates: map[string]bool{},
		cleaningClasses: map[string][]cleaningClass{}, fieldCallee: map[string]map[string]string{}}
}

// libraryModels adds the models of Django's contrib apps that templates
// show, unless the project declares its own of the name: django.contrib.
// flatpages' FlatPage, whose content staff write in the admin, so that
// {{ flatpage.content }} is judged by the project's writes of FlatPage
// (a ModelForm of it), not by every field named content.
func (x *fieldIndex) libraryModels() {
	if x.models["FlatPage"] {
		return
	}
	x.models["FlatPage"] = true
	x.fieldsOf["FlatPage"] = []string{"url", "title", "content", "enable_comments", "template_name", "registration_required", "sites"}
}

// inheritedModel returns the model the nearest base form of form names
// (class Meta(BaseTrekForm.Meta) without a model of its own keeps
// BaseTrekForm's), or "".
func (x *fieldIndex) inheritedModel(form string) string {
	seen := map[string]bool{form: true}
	todo := []string{form}
	for len(todo) > 0 && len(seen) < 64 {
		c := todo[0]
		todo = todo[1:]
		for _, b := range x.basesOf[c] {
			for _, w := range x.forms[b] {
				if w.model != "" {
					return w.model
				}
			}
			if !seen[b] {
				seen[b] = true
				todo = append(todo, b)
			}
		}
	}
	return ""
}

// plainOnly reports a form class whose every base is a plain form:
// forms.Form, a library's form that stores nothing (django-contact-form's
// ContactForm, which sends its fields by mail), or a form of the project
// built only on those. Such a form writes no model by itself; its fields
// reach one only through the handlers that store them.
func (x *fieldIndex) plainOnly(form string, depth int) bool {
	bases := x.basesOf[form]
	if len(bases) == 0 || depth > 16 {
		return false
	}
	plain := false
	for _, b := range bases {
		ws, ok := x.forms[b]
		switch {
		case !ok && x.plainClass(b, depth+1):
			// a mixin of the project, SpamCheckMixin(object): methods,
			// no fields of a model
			continue
		case !ok && (plainBase(b) || plainLibraryForms[b]):
			// forms.Form, whatever model of the project is named Form:
			// a form is built on Django's
		case !ok && x.basesOf[b] == nil:
			return false
		case slices.ContainsFunc(ws, func(w formWrites) bool { return w.model != "" || w.all != "" }):
			return false
		case !slices.ContainsFunc(ws, func(w formWrites) bool { return w.plain }) && !x.plainOnly(b, depth+1):
			return false
		}
		plain = true
	}
	return plain
}

// noModel reports a class a call builds with keyword arguments that is no
// model: a lookup (Q(**filters)), a form or formset (RegistrantFormSet),
// or a class of the project that declares no model field (a record).
func (x *fieldIndex) noModel(class string) bool {
	if lookupClasses[class] || strings.HasSuffix(class, "Form") || strings.HasSuffix(class, "FormSet") {
		return true
	}
	return x.plainClass(class, 0)
}

// plainClass reports a class of the project built on object, or on other
// such classes only, that declares no model field.
func (x *fieldIndex) plainClass(class string, depth int) bool {
	bases, ok := x.basesOf[class]
	if !ok || x.models[class] || depth > 16 {
		return false
	}
	for _, b := range bases {
		if b != "object" && !x.plainClass(b, depth+1) {
			return false
		}
	}
	return true
}

// lookupClasses are Django's expressions that take field names as
// keywords to look rows up or compute, not to write them.
var lookupClasses = map[string]bool{"Q": true, "F": true, "Prefetch": true, "Value": true}

// plainLibraryForms are forms of libraries that write no model:
// django-contact-form's, which mail what they are given.
var plainLibraryForms = map[string]bool{"ContactForm": true, "AkismetContactForm": true}

// subclassModels returns the models that the forms deriving from form
// (directly or not) name, when every one of them names one; nil
// otherwise.
func (x *fieldIndex) subclassModels(form string) []string {
	var out []string
	for c := range x.forms {
		if c == form || !x.derivesFrom(c, form) {
			continue
		}
		m := ""
		for _, w := range x.forms[c] {
			if w.model != "" {
				m = w.model
			}
		}
		if m == "" {
			return nil
		}
		out = append(out, m)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// viewRead is the serializers a view class names as its serializer_class
// (or serializer_detail_class and kin).
type viewRead struct {
	class       string
	serializers []string
}

// readOnlyView reports a view class that derives, through the project's
// classes, from one of readOnlyViews and from no class named for writing
// (a CreateModelMixin, an UpdateAPIView).
func (x *fieldIndex) readOnlyView(class string) bool {
	readOnly := false
	seen := map[string]bool{class: true}
	todo := []string{class}
	for len(todo) > 0 && len(seen) < 64 {
		c := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, b := range x.basesOf[c] {
			if strings.Contains(b, "Create") || strings.Contains(b, "Update") || strings.Contains(b, "Destroy") || b == "ModelViewSet" {
				return false
			}
			readOnly = readOnly || readOnlyViews[b]
			if !seen[b] {
				seen[b] = true
				todo = append(todo, b)
			}
		}
	}
	return readOnly
}

// staffPermissions reports a view whose permission_classes, its own or
// those of the nearest base that sets them (depth first, in the order of
// the bases), are staff's: GeotrekMapentityViewSet's DjangoModelPermissions
// reach the viewsets built on it. Each class is visited once, so bases
// shared along many paths cost nothing more.
func (x *fieldIndex) staffPermissions(class string) bool {
	seen := map[string]bool{}
	var nearest func(c string, depth int) (staff, found bool)
	nearest = func(c string, depth int) (bool, bool) {
		if seen[c] || depth > 16 {
			return false, false
		}
		seen[c] = true
		if staff, ok := x.permsOf[c]; ok {
			return staff, true
		}
		for _, b := range x.basesOf[c] {
			if staff, found := nearest(b, depth+1); found {
				return staff, true
			}
		}
		return false, false
	}
	staff, _ := nearest(class, 0)
	return staff
}

// formWrites is what one form takes: the fields it declares or lists, and
// the model (by class name) it takes every field of, if any.
type formWrites struct {
	names []string
	all   string
	// model is the model the form or edit view names (Meta.model,
	// model = ...), "" when none; plain says it is a form that is no
	// ModelForm (forms.Form), whose fields write nothing themselves.
	model string
	plain bool
	// cleans holds what the form's clean_<field> methods return each
	// field through (formCleanMethods).
	cleans map[string]string
}

// mergeFields puts the files' indexes together: the forms that no
// ModelAdmin names write their fields, and those that take a model whole
// write all its fields, its bases' included.
func mergeFields(parts []*fieldIndex) *fieldIndex {
	out := newFieldIndex()
	for _, x := range parts {
		if x == nil {
			continue
		}
		for k := range x.model {
			out.model[k] = true
		}
		for k := range x.relation {
			out.relation[k] = true
		}
		for k := range x.written {
			out.written[k] = true
		}
		for k := range x.adminForms {
			out.adminForms[k] = true
		}
		for k, n := range x.editorUses {
			out.editorUses[k] += n
		}
		for k, n := range x.openUses {
			out.openUses[k] += n
		}
		for k := range x.adminNamed {
			out.adminNamed[k] = true
		}
		for k := range x.readUses {
			out.readUses[k] = true
		}
		for k := range x.writeUses {
			out.writeUses[k] = true
		}
		for k, v := range x.forms {
			out.forms[k] = append(out.forms[k], v...)
		}
		for k, v := range x.fieldsOf {
			out.fieldsOf[k] = append(out.fieldsOf[k], v...)
		}
		for k, v := range x.basesOf {
			out.basesOf[k] = append(out.basesOf[k], v...)
		}
		for k, v := range x.permsOf {
			out.permsOf[k] = v
		}
		for k := range x.models {
			out.models[k] = true
		}
		mergeNested(out.cleanedBy, x.cleanedBy)
		mergeNested(out.fieldClass, x.fieldClass)
		mergeNested(out.relTarget, x.relTarget)
		for k, v := range x.shownBy {
			out.shownBy[k] = v
		}
		for k, m := range x.derived {
			if out.derived[k] == nil {
				out.derived[k] = map[string][]string{}
			}
			for f, from := range m {
				out.derived[k][f] = append(out.derived[k][f], from...)
			}
		}
		out.writes = append(out.writes, x.writes...)
		for k := range x.sanitizers {
			out.sanitizers[k] = true
		}
		out.formSetattrs = append(out.formSetattrs, x.formSetattrs...)
		for k := range x.staffGates {
			out.staffGates[k] = true
		}
		for k, v := range x.cleaningClasses {
			out.cleaningClasses[k] = append(out.cleaningClasses[k], v...)
		}
		mergeNested(out.fieldCallee, x.fieldCallee)
		out.gatedUses = append(out.gatedUses, x.gatedUses...)
		for k, v := range x.formCleans {
			out.formCleans[k] = append(out.formCleans[k], v...)
		}
		out.viewReads = append(out.viewReads, x.viewReads...)
		out.patterns = append(out.patterns, x.patterns...)
		out.anyName = out.anyName || x.anyName
		for k := range x.splat {
			out.splat[k] = true
		}
	}
	out.libraryModels()
	out.indexModels()
	out.sanitizedFields()
	out.indexDerived()
	for _, v := range out.viewReads {
		uses := out.writeUses
		if out.readOnlyView(v.class) || out.staffPermissions(v.class) {
			uses = out.readUses
		}
		for _, s := range v.serializers {
			uses[s] = true
		}
	}
	out.countGatedUses()
	out.setattrFormFields()
	seen := map[string]bool{}
	var whole func(class string, depth int)
	whole = func(class string, depth int) {
		if seen[class] || depth > 16 {
			return
		}
		seen[class] = true
		for _, name := range out.fieldsOf[class] {
			out.written[name] = true
			out.rawWrite(class, name)
		}
		for _, b := range out.basesOf[class] {
			whole(b, depth+1)
		}
	}
	for _, w := range out.writes {
		if w.name == "" && out.modelOf(w.owner) == "" && !out.noModel(w.owner) {
			// every field of a model not found by its name (one of a
			// library, or one looked up by apps.get_model): the data of
			// a plain form the handler names may be what it is given
			for _, f := range w.via {
				out.splat[f] = true
			}
		}
	}
	for name, ws := range out.forms {
		for i := range ws {
			if ws[i].model == "" && !ws[i].plain {
				ws[i].model = out.inheritedModel(name)
			}
			if ws[i].model == "" && !ws[i].plain {
				ws[i].plain = out.plainOnly(name, 0)
			}
		}
	}
	for name, ws := range out.forms {
		if out.adminForms[name] || out.readUses[name] && !out.writeUses[name] || out.editorsOnly(name) {
			continue
		}
		for _, w := range ws {
			if w.plain && !out.splat[name] {
				continue
			}
			owners := []string{w.model}
			if w.model == "" && !w.plain {
				// a base form or serializer of no model of its own: its
				// fields are written through the forms built on it, on
				// their models
				if subs := out.subclassModels(name); len(subs) > 0 {
					owners = subs
				}
			}
			for _, n := range w.names {
				out.written[n] = true
				by := out.formCleaned(name, w, n)
				for _, o := range owners {
					out.writes = append(out.writes, fieldWrite{owner: o, name: n, cleaner: by})
				}
			}
			if w.all != "" {
				whole(w.all, 0)
				out.writes = append(out.writes, fieldWrite{owner: w.all})
			}
		}
	}
	for _, w := range out.writes {
		if len(w.gates) > 0 && out.gated(w.gates) {
			continue // a view only staff or a role reaches: an editor's
		}
		if w.name != "" {
			out.written[w.name] = true
		}
		model := out.modelOf(w.owner)
		if w.name != "" {
			out.sortWrite(model, w)
		}
		switch {
		case model != "" && w.name == "":
			// the model's fields and its bases', not those of the
			// models built on it: a form of an abstract base model
			// writes none of theirs
			for _, f := range out.inheritedFields(model) {
				out.writeOn(model, f)
				out.rawWrite(model, f)
			}
		case model != "":
			out.writeOn(model, w.name)
		case w.name == "":
			// every field of a model that is not found (splat, above)
			out.rawAll = true
		case w.owner != "" && w.owner[0] >= 'A' && w.owner[0] <= 'Z' && !strings.Contains(w.owner, "."):
			// File(content, name=...): a class that is no model of the
			// project, one of a library
		case w.owner == "response" || w.owner == "resp":
			// response.content = ...: the body of an HttpResponse, where
			// no model is named Response
		default:
			out.loose[w.name] = true
		}
	}
	out.writes = nil
	return out
}

// mergeNested adds src's values, by class and field, to dst's. Two
// classes of one name (submission.Note, proofing.Note) that say different
// things of a field say nothing: the value becomes "".
func mergeNested(dst, src map[string]map[string]string) {
	for k, m := range src {
		if dst[k] == nil {
			dst[k] = map[string]string{}
		}
		for f, v := range m {
			if old, ok := dst[k][f]; ok && old != v {
				v = ""
			}
			dst[k][f] = v
		}
	}
}

// sanitizingFields are model fields that clean their value with an
// allow-list of markup before it is stored: django-bleach's, django-nh3's.
var sanitizingFields = map[string]string{"BleachField": "django-bleach's BleachField", "Nh3Field": "django-nh3's Nh3Field",
	"Nh3TextField": "django-nh3's Nh3TextField", "Nh3CharField": "django-nh3's Nh3CharField",
	"ProseEditorField(sanitize)": "django-prose-editor's ProseEditorField(sanitize=True)"}

// sanitizes reports a sanitize= argument that turns sanitizing on: True,
// or a function of the project's that sanitizes.
func sanitizes(e python.Expr) bool {
	if e == nil {
		return false
	}
	if c, ok := e.(*python.Constant); ok {
		b, isBool := c.Value.(bool)
		return isBool && b
	}
	return true
}

// sanitizedFields marks as cleaned the fields declared with a sanitizing
// field class, or with a project class deriving from one
// (JanewayBleachCharField(JanewayBleachField(BleachField))).
func (x *fieldIndex) sanitizedFields() {
	for model, fields := range x.fieldClass {
		for field, class := range fields {
			by := x.sanitizingClass(class, 0)
			if by == "" {
				by = x.cleaningClassOf(class, x.fieldCallee[model][field])
			}
			if by != "" {
				if x.cleanedBy[model] == nil {
					x.cleanedBy[model] = map[string]string{}
				}
				x.cleanedBy[model][field] = by
			}
		}
	}
}

// cleaningClass is a model field class of the project that cleans what
// it stores: the module that defines it and the sanitizer, as messages
// name it.
type cleaningClass struct{ module, by string }

// cleaningClassOf returns the sanitizer of the project's field class of
// that name that a field declared with it uses, where callee, the name it
// was imported by, leads to the module defining it (a relative import or
// a local class leaves no qualified name); "" when none does, as for a
// library's class of the same name.
func (x *fieldIndex) cleaningClassOf(class, callee string) string {
	for _, c := range x.cleaningClasses[class] {
		from := strings.TrimSuffix(callee, "."+class)
		if callee == "" || callee == class || strings.HasPrefix(callee, ".") || strings.HasSuffix(c.module, from) {
			return c.by
		}
	}
	return ""
}

func (x *fieldIndex) sanitizingClass(class string, depth int) string {
	if by := sanitizingFields[class]; by != "" {
		return by
	}
	if depth > 8 {
		return ""
	}
	for _, b := range x.basesOf[class] {
		if by := x.sanitizingClass(b, depth+1); by != "" {
			if depth == 0 {
				return by + " (as " + class + ")"
			}
			return by
		}
	}
	return ""
}

func (x *fieldIndex) writeOn(model, name string) {
	if x.writtenOn[model] == nil {
		x.writtenOn[model] = map[string]bool{}
	}
	x.writtenOn[model][name] = true
}

// modelOf returns the model an owner names: the model class of that name
// (Proposal), or the one a variable is named for (proposal,
// choice_feedback: ChoiceFeedback); "" when there is none.
func (x *fieldIndex) modelOf(owner string) string {
	if owner == "" {
		return ""
	}
	if x.models[owner] {
		return owner
	}
	l := strings.ReplaceAll(strings.ToLower(owner), "_", "")
	if m := x.byLower[l]; m != "" {
		return m
	}
	// article for ArticlePage: Wagtail's page models, which templates
	// name without the suffix
	if m := x.byLower[l+"page"]; m != "" {
		return m
	}
	// django_community for LocalDjangoCommunity: a name of two words or
	// more that ends the name of one model only
	if strings.Contains(strings.Trim(owner, "_"), "_") {
		return x.bySuffix[l]
	}
	return ""
}

// indexModels makes byLower and bySuffix: the models by lower-case name,
// "" where two share it (which one is meant is unknown). It is made once,
// when the files are put together, since every write and template
// variable asks.
func (x *fieldIndex) indexModels() {
	x.byLower = map[string]string{}
	x.bySuffix = map[string]string{}
	for m := range x.models {
		l := strings.ToLower(m)
		if _, dup := x.byLower[l]; dup {
			x.byLower[l] = ""
		} else {
			x.byLower[l] = m
		}
		// the model's names of two words or more that end it, but its
		// whole name: DjangoCommunity for LocalDjangoCommunity
		words := 0
		for i := len(m) - 1; i > 0; i-- {
			if m[i] < 'A' || m[i] > 'Z' {
				continue
			}
			if words++; words < 2 {
				continue
			}
			suf := strings.ToLower(m[i:])
			if _, dup := x.bySuffix[suf]; dup {
				x.bySuffix[suf] = ""
			} else {
				x.bySuffix[suf] = m
			}
		}
	}
}

// lineage returns model and the classes it inherits from or that inherit
// from it: a field written on any of them is a field of model's rows.
func (x *fieldIndex) lineage(model string) []string {
	out := []string{model}
	seen := map[string]bool{model: true}
	for i := 0; i < len(out) && i < 64; i++ {
		for _, b := range x.basesOf[out[i]] {
			if !seen[b] {
				seen[b] = true
				out = append(out, b)
			}
		}
	}
	for c, bases := range x.basesOf {
		if !seen[c] && slices.Contains(bases, model) {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// inheritedFields returns the fields a model declares and those of its
// bases, at any depth.
func (x *fieldIndex) inheritedFields(model string) []string {
	out := slices.Clone(x.fieldsOf[model])
	seen := map[string]bool{model: true}
	todo := []string{model}
	for len(todo) > 0 && len(seen) < 64 {
		c := todo[0]
		todo = todo[1:]
		for _, b := range x.basesOf[c] {
			if !seen[b] {
				seen[b] = true
				todo = append(todo, b)
				out = append(out, x.fieldsOf[b]...)
			}
		}
	}
	return out
}

// fieldsOfModel returns the fields model and its bases declare.
func (x *fieldIndex) fieldsOfModel(model string) []string {
	var out []string
	for _, c := range x.lineage(model) {
		out = append(out, x.fieldsOf[c]...)
	}
	return out
}

// userWritableOn is userWritable for the field name of an object named
// owner in a template ({{ conference.description }}): when owner names a
// model that declares the field, only the writes on that model (and its
// bases and subclasses) and those on objects of unknown model count.
func (x *fieldIndex) userWritableOn(owner, name string) bool {
	models, _ := x.writersScope(owner, name)
	if models == nil {
		return x.userWritable(name)
	}
	return x.writtenOnAny(models, name) || x.derivedWritable(models, name)
}

// derivedWritable reports a field that the model's own methods set from
// another field users write (self.body_html = markdown(self.body)): it
// holds their text, however the forms leave it alone. One step back only.
func (x *fieldIndex) derivedWritable(models []string, name string) bool {
	for _, m := range models {
		var fields []string // m's, found at the first source
		for _, c := range x.lineage(m) {
			for _, src := range x.derived[c][name] {
				if fields == nil {
					fields = x.fieldsOfModel(m)
				}
				if slices.Contains(fields, src) && x.writtenOnAny([]string{m}, src) {
					return true
				}
			}
		}
	}
	return false
}

// derivedFields returns, for each attribute a class's methods set on self
// from attributes they read on self (self.body_html = render(self.body)),
// those attributes.
func derivedFields(c *python.ClassDef) map[string][]string {
	var out map[string][]string
	seen := map[[2]string]bool{}
	eachSelfAssign(c, nil, func(attr string, value python.Expr) {
		python.Inspect(value, func(n python.Node) bool {
			if r, ok := n.(*python.Attribute); ok && isSelf(r.Value) && r.Attr != attr && !seen[[2]string{attr, r.Attr}] {
				seen[[2]string{attr, r.Attr}] = true
				if out == nil {
					out = map[string][]string{}
				}
				out[attr] = append(out[attr], r.Attr)
			}
			return true
		})
	})
	return out
}

// eachSelfAssign calls fn with the attribute and the value of each
// self.attr = value statement of c's methods, of those keep accepts when
// it is not nil.
func eachSelfAssign(c *python.ClassDef, keep func(*python.FunctionDef) bool, fn func(attr string, value python.Expr)) {
	for _, st := range c.Body {
		d, ok := st.(*python.FunctionDef)
		if !ok || keep != nil && !keep(d) {
			continue
		}
		python.EachStmt(d.Body, func(s python.Stmt) {
			a, ok := s.(*python.Assign)
			if !ok || len(a.Targets) != 1 {
				return
			}
			if t, ok := a.Targets[0].(*python.Attribute); ok && isSelf(t.Value) {
				fn(t.Attr, a.Value)
			}
		})
	}
}

// writersScope returns the models whose writes of the field name decide
// whether users may write it through an object named owner, and says
// which field that is for messages; nil models when every write of a
// field of that name counts.
func (x *fieldIndex) writersScope(owner, name string) (models []string, what string) {
	model := x.modelOf(owner)
	if model == "" && owner == "instance" {
		if plugins := x.pluginModelsWith(name); len(plugins) > 0 {
			return plugins, "the " + name + " of the CMS plugins that declare it"
		}
	}
	if model == "" && (owner == "page" || owner == "self") {
		// a Wagtail page's template: the page is one of the project's
		// page models
		if pages := x.wagtailPages(); len(pages) > 0 {
			return pages, "the " + name + " of the project's Wagtail pages"
		}
	}
	if model == "" || !slices.Contains(x.fieldsOfModel(model), name) && !x.wagtailPage(model) {
		return nil, "a field named " + name
	}
	return []string{model}, "the " + name + " of " + model
}

// wagtailPages returns the project's models deriving from Wagtail's Page.
func (x *fieldIndex) wagtailPages() []string {
	var out []string
	for m := range x.models {
		if x.wagtailPage(m) {
			out = append(out, m)
		}
	}
	return out
}

// wagtailPage reports a model deriving from Wagtail's Page, which
// declares title, seo_title, slug and search_description itself: its
// editors write them in Wagtail's admin, so only the project's own
// writes on that model count ({{ article.title }} of an ArticlePage,
// whatever an events serializer does with its own title).
func (x *fieldIndex) wagtailPage(model string) bool {
	for _, c := range x.lineage(model) {
		if c == "Page" && !x.models["Page"] {
			return true
		}
	}
	return false
}

// UserWritableOn reports whether users may write the field name of model
// (a class name) through the project's code: a form, serializer, edit
// view or request handler outside the admin writes it (userWritableOn).
// The code rules ask it of model text marked safe in Python.
func UserWritableOn(p *project.Project, model, name string) bool {
	return modelFields(p).userWritableOn(model, name)
}

// modelFieldModules are where Django's model fields live, Wagtail's
// (RichTextField and StreamField, which its page editors fill) and those
// of libraries that only models use: a class declaring one is a model
// whatever its bases are named.
var modelFieldModules = []string{"django.db.models.", "django.contrib.gis.db.models.", "django.contrib.postgres.fields.",
	"wagtail.fields.", "wagtail.core.fields.",
	// model fields of libraries: django-markupfield's, the sanitizing
	// fields of django-bleach and django-nh3
	"markupfield.fields.", "django_bleach.models.", "django_nh3.models.", "django_prose_editor.fields."}

// fileFields reads one module: the fields its models declare, what its
// forms, serializers, edit views and request handlers write.
func fileFields(rel string, m *python.Module) *fieldIndex {
	x := newFieldIndex()
	res := python.NewResolver(m, "", python.FirstImportWins)
	admin := path.Base(rel) == "admin.py" || strings.Contains("/"+path.Dir(rel)+"/", "/admin/")
	var classes []*python.ClassDef
	views := map[*python.FunctionDef]bool{}     // the methods of view classes
	gates := map[*python.FunctionDef][]string{} // what may gate each function (gateCandidates)
	for _, st := range m.Body {
		switch d := st.(type) {
		case *python.FunctionDef:
			gates[d] = gateCandidates(d)
		case *python.ClassDef:
			around := gateCandidates(d)
			for _, b := range d.Body {
				if f, ok := b.(*python.FunctionDef); ok {
					gates[f] = append(slices.Clone(around), gateCandidates(f)...)
				}
			}
		}
	}
	python.Inspect(m, func(n python.Node) bool {
		switch d := n.(type) {
		case *python.ClassDef:
			classes = append(classes, d)
			if viewClass(d) {
				for _, s := range d.Body {
					if f, ok := s.(*python.FunctionDef); ok {
						views[f] = true
					}
				}
			}
			for _, b := range d.Bases {
				if adminClass(funcName(b)) {
					for _, a := range classAssigns(d, "") {
						if a.name == "form" || a.name == "add_form" {
							x.adminForms[funcName(a.value)] = true
						}
					}
				}
			}
		case *python.FunctionDef:
			if !admin && handlesRequest(d) && !roleRefusal(d) {
				from := len(x.writes)
				requestWrites(d, views[d], x)
				for i := from; i < len(x.writes); i++ {
					x.writes[i].gates = gates[d]
				}
			}
		}
		return true
	})
	serializerUses(m, x)
	for _, name := range sanitizerHelpers(m) {
		x.sanitizers[name] = true
	}
	for _, name := range staffGates(m) {
		x.staffGates[name] = true
	}
	if admin {
		for name := range formsNamed(m) {
			x.adminNamed[name] = true
		}
	} else {
		formUses(m, x)
	}
	for _, c := range classes {
		var bases []string
		for _, b := range c.Bases {
			bases = append(bases, funcName(b))
		}
		x.basesOf[c.Name] = append(x.basesOf[c.Name], bases...)
		declared := declaredFields(c)
		x.fieldsOf[c.Name] = append(x.fieldsOf[c.Name], declared...)
		if shown := strFields(c); len(shown) > 0 {
			x.shownBy[c.Name] = shown
		}
		if cleaned := cleanedOnSave(c); len(cleaned) > 0 {
			x.cleanedBy[c.Name] = cleaned
		}
		if by := fieldClassCleans(c); by != "" {
			mod := strings.ReplaceAll(strings.TrimSuffix(strings.TrimSuffix(rel, ".py"), "/__init__"), "/", ".")
			x.cleaningClasses[c.Name] = append(x.cleaningClasses[c.Name], cleaningClass{mod, by})
		}
		for f, from := range derivedFields(c) {
			if x.derived[c.Name] == nil {
				x.derived[c.Name] = map[string][]string{}
			}
			x.derived[c.Name][f] = append(x.derived[c.Name][f], from...)
		}
		modelish := false
		for _, b := range bases {
			modelish = modelish || strings.HasSuffix(b, "Model") && !strings.HasSuffix(b, "ViewModel") || pluginModelBases[b]
		}
		assigns := classAssigns(c, "")
		for _, a := range assigns {
			// a class that declares one of Django's fields is a model
			// whatever its bases (Account(AbstractBaseUser)): its other
			// fields of the project's own classes are fields too
			// (biography = JanewayBleachField(...))
			if call, ok := a.value.(*python.Call); ok && !modelish && djangoModelField(res, call) && fieldCall(call) {
				modelish = true
			}
		}
		for _, a := range assigns {
			if call, ok := a.value.(*python.Call); ok && (modelish || djangoModelField(res, call)) && fieldCall(call) {
				x.model[a.name] = true
				x.models[c.Name] = true
				if x.fieldClass[c.Name] == nil {
					x.fieldClass[c.Name] = map[string]string{}
				}
				class := funcName(call.Func)
				if class == "MarkupField" && call.Arg(-1, "markup_choices") != nil {
					class += "(markup_choices)" // renderers of its own, not MARKUP_FIELD_TYPES
				}
				if class == "ProseEditorField" && sanitizes(call.Arg(-1, "sanitize")) {
					class += "(sanitize)" // nh3 with the allow-list of its extensions, in clean()
				}
				x.fieldClass[c.Name][a.name] = class
				if q, ok := res.CalleeName(call); ok {
					if x.fieldCallee[c.Name] == nil {
						x.fieldCallee[c.Name] = map[string]string{}
					}
					x.fieldCallee[c.Name][a.name] = q
				}
				if relationField[funcName(call.Func)] {
					x.relation[a.name] = true
					if t := relationTarget(call, c.Name); t != "" {
						if x.relTarget[c.Name] == nil {
							x.relTarget[c.Name] = map[string]string{}
						}
						x.relTarget[c.Name][a.name] = t
					}
				}
			}
		}
		if admin || !formLike(bases) {
			continue
		}
		w := formFields(c)
		w.names = append(w.names, declared...)
		w.cleans = formCleanMethods(c)
		w.plain = w.model == "" && plainForm(bases)
		if w.plain {
			for _, d := range storingMethods(c) {
				// a plain form's own save(): what it stores, on which
				// model, is read as a request handler's writes are
				requestWrites(d, false, x)
			}
		}
		x.forms[c.Name] = append(x.forms[c.Name], w)
	}
	return x
}

// editorsOnly reports a form that only the admin or views asking for a
// model permission use: some such view names it and no other code does, or
// only an admin module names it.
func (x *fieldIndex) editorsOnly(form string) bool {
	if x.openUses[form] > 0 {
		return false
	}
	return x.editorUses[form] > 0 || x.adminNamed[form]
}

// formUses counts, for each top-level function and class of a module
// that is no form itself, the forms it names (by the convention of names
// ending in Form), as editorUses when it checks a model permission and as
// openUses otherwise; any other statement of the module that names a form
// (a URLconf's FormView.as_view(form_class=...)) is an open use.
func formUses(m *python.Module, x *fieldIndex) {
	for _, st := range m.Body {
		uses, editor := x.openUses, false
		switch d := st.(type) {
		case *python.Import, *python.ImportFrom:
			continue
		case *python.FunctionDef:
			editor = modelPermissionCheck(d) || roleRefusal(d)
		case *python.ClassDef:
			var bases []string
			for _, b := range d.Bases {
				bases = append(bases, funcName(b))
			}
			if formLike(bases) && !editView(bases) || slices.Contains(bases, "AppConfig") {
				continue // a form of its own; an app's ready() checks its forms, and submits none
			}
			editor = modelPermissionCheck(d) || slices.ContainsFunc(bases, modelPermissionBase)
		}
		if editor {
			uses = x.editorUses
		}
		queryOnly := queryBound(st)
		var cleans map[string]string
		var pending gatedUse // behind what may be a gate: counted at the merge
		if candidates := gateCandidates(st); len(candidates) > 0 && !editor {
			pending.gates = candidates
		}
		for name := range formsNamed(st) {
			if !queryOnly[name] {
				if pending.gates != nil {
					pending.forms = append(pending.forms, name)
				} else {
					uses[name]++
				}
				if cleans == nil {
					cleans = useCleans(st)
				}
				x.formCleans[name] = append(x.formCleans[name], cleans)
			}
		}
		if len(pending.forms) > 0 {
			x.gatedUses = append(x.gatedUses, pending)
		}
	}
}

// queryBound returns the forms that n names only to bind them to the
// query string (RegionForm(request.GET)): a search or filter form, which
// no handler saves, whatever form of the same name elsewhere stores.
func queryBound(n python.Node) map[string]bool {
	refs, bound := map[string]int{}, map[string]int{}
	python.Inspect(n, func(nd python.Node) bool {
		switch x := nd.(type) {
		case *python.Name:
			refs[x.ID]++
		case *python.Attribute:
			refs[x.Attr]++
		case *python.Call:
			if name := funcName(x.Func); strings.HasSuffix(name, "Form") && queryData(x.Arg(0, "data")) {
				bound[name]++
			}
		}
		return true
	})
	out := map[string]bool{}
	for name, k := range bound {
		if refs[name] == k {
			out[name] = true
		}
	}
	return out
}

// queryData reports request.GET (self.request.GET, request.GET.copy()).
func queryData(e python.Expr) bool {
	if c, ok := e.(*python.Call); ok {
		e = c.Func
		if a, ok := e.(*python.Attribute); ok && a.Attr == "copy" {
			e = a.Value
		}
	}
	a, ok := e.(*python.Attribute)
	return ok && a.Attr == "GET"
}

// editView reports the bases of a class view that shows and saves a form
// (form_class = NoteForm): Django's edit views, not a form or serializer
// itself.
func editView(bases []string) bool {
	edit := false
	for _, b := range bases {
		switch {
		case strings.HasSuffix(b, "Form"), strings.HasSuffix(b, "Serializer"), strings.HasSuffix(b, "FormSet"):
			return false
		case b == "CreateView", b == "UpdateView", b == "FormView":
			edit = true
		}
	}
	return edit
}

// formsNamed returns the names ending in Form that n reads.
func formsNamed(n python.Node) map[string]bool {
	named := map[string]bool{}
	python.Inspect(n, func(n python.Node) bool {
		if nm, ok := n.(*python.Name); ok && strings.HasSuffix(nm.ID, "Form") {
			named[nm.ID] = true
		}
		if a, ok := n.(*python.Attribute); ok && strings.HasSuffix(a.Attr, "Form") {
			named[a.Attr] = true
		}
		return true
	})
	return named
}

// modelPermissionBase reports a library's edit view that asks for the
// model's add or change permission before it shows or saves its form:
// django-mapentity's MapEntityCreate and MapEntityUpdate (their dispatch
// runs view_permission_required).
func modelPermissionBase(base string) bool {
	return base == "MapEntityCreate" || base == "MapEntityUpdate"
}

// modelPerm matches a model permission to add or change rows
// ("pages.add_page", "articles.change_article"), and a permission of the
// project's own named for running or publishing something
// ("journal.can_manage_news", "journal.can_publish_issue", also without
// can_: "core.manage_shop"), which admins grant to editors; not one named
// for what every member does ("journal.can_submit_comments").
var modelPerm = lazyre.New(`^[a-z_][a-z0-9_]*\.((add|change)_|(can_)?(manage|publish|administer|admin|moderate|curate|oversee)_)[a-z0-9_]+$`)

// modelPermissionCheck reports code that asks for a model permission to
// add or change rows: has_perm(request.user, "pages.add_page"),
// @permission_required("pages.change_page"), permission_required =
// "pages.add_page" on a class view.
func modelPermissionCheck(def python.Node) bool {
	found := false
	aliases := map[string]bool{} // names set to the answer: can_add = has_perm(...)
	python.Inspect(def, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.Call:
			found = found || permissionCall(x)
		case *python.Assign:
			if len(x.Targets) == 1 && isName(x.Targets[0], "permission_required") {
				if s, ok := strConst(x.Value); ok && modelPerm().MatchString(s) {
					found = true
				}
			}
			if c, ok := x.Value.(*python.Call); ok && len(x.Targets) == 1 && permissionCall(c) {
				if t, ok := x.Targets[0].(*python.Name); ok {
					aliases[t.ID] = true
				}
			}
		}
		return true
	})
	return found && !permissionOrElse(def, aliases)
}

// permissionCall reports a call that asks for a model permission:
// has_perm(request.user, "pages.add_page"), user.has_perms(["..."]).
func permissionCall(c *python.Call) bool {
	if !strings.Contains(strings.ToLower(funcName(c.Func)), "perm") {
		return false
	}
	for _, a := range c.Args {
		if s, ok := strConst(a); ok && modelPerm().MatchString(s) {
			return true
		}
	}
	return false
}

// permissionOrElse reports a permission asked for as one way among others
// that need none: if not any([can_add, get_setting("resumes",
// "usercanadd")]): raise Http403, or has_perm(...) or open_to_all. Then
// whoever the other way lets by submits the form too. A superuser or
// staff flag beside it (is_superuser or has_perm(...)) takes nothing away.
func permissionOrElse(def python.Node, aliases map[string]bool) bool {
	gate := func(e python.Expr) bool {
		if c, ok := e.(*python.Call); ok && permissionCall(c) {
			return true
		}
		if n, ok := e.(*python.Name); ok && aliases[n.ID] {
			return true
		}
		return false
	}
	// open is a way in that asks for no privilege
	open := func(e python.Expr) bool {
		a, ok := e.(*python.Attribute)
		return !gate(e) && !(ok && (a.Attr == "is_superuser" || a.Attr == "is_staff"))
	}
	weak := false
	either := func(xs []python.Expr) {
		if slices.ContainsFunc(xs, gate) && slices.ContainsFunc(xs, open) {
			weak = true
		}
	}
	python.Inspect(def, func(n python.Node) bool {
		switch x := n.(type) {
		case *python.BoolOp:
			if x.Op == python.Or {
				either(x.Values)
			}
		case *python.Call:
			if funcName(x.Func) == "any" && len(x.Args) == 1 {
				either(python.SeqElts(x.Args[0]))
			}
		}
		return !weak
	})
	return weak
}

// adminClass reports a base that makes a class part of the admin, whose
// form only staff submit: a ModelAdmin, an inline, a django CMS plugin
// (CMSPluginBase is a ModelAdmin: the CMS's editors edit a plugin's
// model, a CMSPlugin, through its form) or a django-fluent-contents one
// (ContentPlugin, whose form the page admin shows).
func adminClass(base string) bool {
	return base == "ModelAdmin" || strings.HasSuffix(base, "Inline") || base == "CMSPluginBase" || base == "ContentPlugin"
}

// formLike reports a class whose bases take fields from the request: a
// form, a serializer or an edit view, Django's or the project's own
// (ProductForm, BaseSerializer).
func formLike(bases []string) bool {
	for _, b := range bases {
		switch {
		case strings.HasSuffix(b, "Form"), strings.HasSuffix(b, "Serializer"), strings.HasSuffix(b, "FormSet"),
			b == "CreateView", b == "UpdateView", b == "FormView", b == "FormMixin", b == "ModelFormMixin":
			return true
		}
	}
	return false
}

// formFields returns what a form's Meta (or an edit view's own fields
// attribute) lists, and the model it takes whole.
func formFields(c *python.ClassDef) formWrites {
	var w formWrites
	var readOnly []string
	for _, scope := range []string{"Meta", ""} {
		model, all := "", false
		for _, a := range classAssigns(c, scope) {
			switch a.name {
			case "model":
				model = funcName(a.value)
				w.model = model
			case "fields":
				for _, e := range python.SeqElts(a.value) {
					if s, ok := strConst(e); ok {
						w.names = append(w.names, s)
					}
				}
				s, _ := strConst(a.value)
				all = all || s == "__all__"
			case "exclude":
				all = scope == "Meta" || all
			case "read_only_fields":
				for _, e := range python.SeqElts(a.value) {
					if s, ok := strConst(e); ok {
						readOnly = append(readOnly, s)
					}
				}
			}
		}
		if all && model != "" {
			w.all = model
		}
	}
	// A serializer's read_only_fields are output only.
	if len(readOnly) > 0 {
		ro := map[string]bool{}
		for _, n := range readOnly {
			ro[n] = true
		}
		w.names = slices.DeleteFunc(w.names, func(n string) bool { return ro[n] })
	}
	return w
}

// readOnlyViews are DRF's views that answer reads alone: the serializer
// they name never takes the request's data.
var readOnlyViews = map[string]bool{"ReadOnlyModelViewSet": true, "ListAPIView": true, "RetrieveAPIView": true,
	"ListModelMixin": true, "RetrieveModelMixin": true}

// serializerUses records how module m uses classes named *Serializer:
// named as the serializer_class of a read-only view, or nested as a field
// of a serializer (owner = OwnerSerializer(read_only=True)), are reads;
// every other mention (a writable view's serializer_class, a call with
// data, a base class, a registry) is taken as a write.
func serializerUses(m *python.Module, x *fieldIndex) {
	var mentions func(n python.Node, uses map[string]bool)
	mentions = func(n python.Node, uses map[string]bool) {
		python.Inspect(n, func(n python.Node) bool {
			switch e := n.(type) {
			case *python.Call:
				// OrderSerializer(order).data reads; given data (by
				// keyword or second), it validates and may save.
				name := funcName(e.Func)
				if !serializerClass(name) || e.Arg(1, "data") != nil {
					return true
				}
				x.readUses[name] = true
				for _, a := range e.Args {
					mentions(a, uses)
				}
				for _, k := range e.Keywords {
					mentions(k.Value, uses)
				}
				return false
			case *python.Name:
				if serializerClass(e.ID) {
					uses[e.ID] = true
				}
			case *python.Attribute:
				if serializerClass(e.Attr) {
					uses[e.Attr] = true
					return false
				}
			}
			return true
		})
	}
	for _, s := range m.Body {
		c, ok := s.(*python.ClassDef)
		if !ok {
			mentions(s, x.writeUses)
			continue
		}
		var bases []string
		for _, b := range c.Bases {
			bases = append(bases, funcName(b))
			mentions(b, x.writeUses)
		}
		for _, d := range c.DecoratorList {
			mentions(d, x.writeUses)
		}
		readView, serializer := staffOnlyView(c), false
		if setsPermissionClasses(c) {
			x.permsOf[c.Name] = readView
		}
		for _, b := range bases {
			readView = readView || readOnlyViews[b]
			serializer = serializer || strings.HasSuffix(b, "Serializer")
		}
		for _, st := range c.Body {
			if a, ok := st.(*python.Assign); ok && len(a.Targets) == 1 && serializerRead(a, readView, serializer) {
				mentions(a.Value, x.readUses)
				continue
			}
			if a, ok := st.(*python.Assign); ok && !readView && !serializer && len(a.Targets) == 1 && serializerRead(a, true, false) {
				// a view built on the project's own bases: whether
				// they are read-only is known once every file is read
				names := map[string]bool{}
				mentions(a.Value, names)
				x.viewReads = append(x.viewReads, viewRead{class: c.Name, serializers: slices.Sorted(maps.Keys(names))})
				continue
			}
			mentions(st, x.writeUses)
		}
	}
}

// serializerClass reports a class name that says serializer, however its
// last word is written: OrderSerializer, and Questionserializer too.
func serializerClass(name string) bool {
	return strings.HasSuffix(name, "Serializer") ||
		strings.HasSuffix(name, "serializer") && name != "" && unicode.IsUpper(rune(name[0]))
}

// staffPermissions are DRF's permissions that let only staff write: the
// admin flag, or a model permission (add_, change_, delete_) that someone
// with the right to grant it gave the user, as the admin itself asks.
var staffPermissions = map[string]bool{"IsAdminUser": true, "DjangoModelPermissions": true,
	"DjangoModelPermissionsOrAnonReadOnly": true, "DjangoObjectPermissions": true}

// staffOnlyView reports an API view whose permission_classes include one
// of staffPermissions: DRF grants a request only when every listed class
// does, so its serializer takes data from staff alone, as the admin's
// forms do. A composed permission (IsAdminUser | IsOwner) is not read.
func staffOnlyView(c *python.ClassDef) bool {
	for _, a := range classAssigns(c, "") {
		if a.name != "permission_classes" {
			continue
		}
		var elts []python.Expr
		switch v := a.value.(type) {
		case *python.List:
			elts = v.Elts
		case *python.Tuple:
			elts = v.Elts
		}
		for _, e := range elts {
			if staffPermissions[funcName(e)] {
				return true
			}
		}
	}
	return false
}

// setsPermissionClasses reports a class that assigns permission_classes
// in its body.
func setsPermissionClasses(c *python.ClassDef) bool {
	return slices.ContainsFunc(classAssigns(c, ""), func(a classAssign) bool { return a.name == "permission_classes" })
}

// serializerRead reports a class-body assignment that only reads through
// a serializer: serializer_class (or serializer_detail_class and kin) in a
// read-only view, or a nested
// serializer field that is given no data.
func serializerRead(a *python.Assign, readView, serializer bool) bool {
	n, ok := a.Targets[0].(*python.Name)
	if !ok {
		return false
	}
	if readView && strings.Contains(n.ID, "serializer") && strings.HasSuffix(n.ID, "_class") {
		return true
	}
	c, ok := a.Value.(*python.Call)
	return ok && serializer && serializerClass(funcName(c.Func)) && c.Arg(1, "data") == nil
}

// declaredFields returns the names a class body binds to calls: the fields
// of a model or a form (name = models.CharField(...), bio = forms.CharField()).
func declaredFields(def *python.ClassDef) []string {
	var out []string
	for _, a := range classAssigns(def, "") {
		if _, ok := a.value.(*python.Call); ok {
			out = append(out, a.name)
		}
	}
	return out
}

type classAssign struct {
	name  string
	value python.Expr
}

// classAssigns lists the simple assignments of a class body, or of its
// nested class named inner.
func classAssigns(def *python.ClassDef, inner string) []classAssign {
	body := def.Body
	if inner != "" {
		body = nil
		for _, s := range def.Body {
			if cd, ok := s.(*python.ClassDef); ok && cd.Name == inner {
				body = cd.Body
			}
		}
	}
	var out []classAssign
	for _, s := range body {
		if a, ok := s.(*python.Assign); ok {
			for _, t := range a.Targets {
				if n, ok := t.(*python.Name); ok {
					out = append(out, classAssign{n.ID, a.Value})
				}
			}
		}
	}
	return out
}

// djangoModelField reports a call of one of Django's model fields, through
// the module's imports (models.TextField, TextField from django.db.models).
func djangoModelField(res *python.Resolver, c *python.Call) bool {
	q, ok := res.CalleeName(c)
	if !ok {
		return false
	}
	for _, prefix := range modelFieldModules {
		if strings.HasPrefix(q, prefix) {
			return true
		}
	}
	return false
}

// fieldCall reports a call that makes a field: XField(...), ForeignKey(...).
// relationField are the model fields that hold other rows: Django's, and
// django-modelcluster's and django-mptt's versions of a foreign key.
var relationField = map[string]bool{"ForeignKey": true, "OneToOneField": true, "ManyToManyField": true,
	"ParentalKey": true, "ParentalManyToManyField": true, "TreeForeignKey": true, "TreeManyToManyField": true}

func fieldCall(c *python.Call) bool {
	name := funcName(c.Func)
	return strings.HasSuffix(name, "Field") || name == "ForeignKey"
}

// viewClass reports a class built on a view: a base named ...View or
// ...ViewSet (DetailView, APIView, ModelViewSet), the project's or a
// library's.
func viewClass(c *python.ClassDef) bool {
	for _, b := range c.Bases {
		if n := funcName(b); strings.HasSuffix(n, "View") || strings.HasSuffix(n, "ViewSet") {
			return true
		}
	}
	return false
}

// handlesRequest reports a function that takes the request: a view, a
// view's method or a helper handed the request.
func handlesRequest(def *python.FunctionDef) bool {
	if adminAction(def) {
		return false
	}
	for _, a := range def.Args.Posonlyargs {
		if a.Arg == "request" {
			return true
		}
	}
	for _, a := range def.Args.Args {
		if a.Arg == "request" {
			return true
		}
	}
	return false
}

// adminAction reports a function with an admin action's signature,
// (modeladmin, request, queryset): the admin alone calls it, for staff.
func adminAction(def *python.FunctionDef) bool {
	args := append(slices.Clone(def.Args.Posonlyargs), def.Args.Args...)
	return len(args) == 3 && args[0].Arg == "modeladmin" && args[1].Arg == "request" && args[2].Arg == "queryset"
}

// requestWrites records the attribute and keyword names that a request
// handler sets from values that are not literals, with the object's model
// when the code names it: proposal.title = ... (a variable named for its
// model), Proposal.objects.create(title=...), Proposal(title=...). It
// notes a handler that sets attributes by computed names (anyName), and
// one that hands a form's cleaned_data on whole, to a call whose model it
// cannot tell (splat): there the fields of the plain forms the handler
// names may reach any model.
//
// In a method of a view (inView), a setattr on self by a computed name
// sets the view's own attributes (setattr(self, exc.form_name, exc.form)),
// no model's field.
func requestWrites(def *python.FunctionDef, inView bool, x *fieldIndex) {
	var named []string // the forms def names, found at its first splat
	forms := func() []string {
		if named == nil {
			named = slices.Sorted(maps.Keys(formsNamed(def)))
			if named == nil {
				named = []string{}
			}
		}
		return named
	}
	splat := func() {
		for _, f := range forms() {
			x.splat[f] = true
		}
	}
	python.Inspect(def, func(n python.Node) bool {
		switch e := n.(type) {
		case *python.Assign:
			if literalValue(e.Value) || renderedTemplate(e.Value) {
				return true
			}
			for _, t := range e.Targets {
				if a, ok := t.(*python.Attribute); ok {
					x.writes = append(x.writes, fieldWrite{owner: funcName(a.Value), name: a.Attr, cleaner: cleaner(e.Value)})
				}
			}
		case *python.Call:
			owner := ormModel(e)
			for _, k := range e.Keywords {
				// update_or_create(..., defaults={"content": text}): the
				// dict's keys are the fields
				if d := dictValue(def, k.Value); d != nil && (k.Arg == "defaults" || k.Arg == "create_defaults") {
					for i, key := range d.Keys {
						if name, ok := strConst(key); ok && !literalValue(d.Values[i]) {
							x.writes = append(x.writes, fieldWrite{owner: owner, name: name})
						}
					}
				}
			}
			if readsOnly(e) {
				// Proposal.objects.filter(title=q), render(request, ...,
				// context=ctx): keywords that look rows up or pass values
				// on, not fields written
				break
			}
			for _, k := range e.Keywords {
				switch {
				case k.Arg == "" && owner != "":
					x.writes = append(x.writes, fieldWrite{owner: owner, via: forms()}) // Proposal.objects.create(**data)
				case k.Arg == "" && superCall(e):
					// super().get_context(request, *args, **kwargs): the
					// base's part of the same handler, not a write
				case k.Arg == "" && (forwarded(def, k.Value) || formBuilt(e)):
					// wrapped(request, **kwargs) in a decorator, the
					// caller's own keywords passed on; form_class(**params),
					// a form bound, which writes nothing by itself
				case k.Arg == "":
					splat()
				case !literalValue(k.Value):
					x.writes = append(x.writes, fieldWrite{owner: owner, name: k.Arg, cleaner: cleaner(k.Value)})
				}
			}
			for _, a := range e.Args {
				if at, ok := a.(*python.Attribute); ok && at.Attr == "cleaned_data" && owner == "" {
					splat() // create_proposal(form.cleaned_data)
				}
			}
			if nm, ok := e.Func.(*python.Name); ok && nm.ID == "setattr" && len(e.Args) == 3 && !(inView && funcName(e.Args[0]) == "self") {
				if s, ok := strConst(e.Args[1]); ok {
					x.writes = append(x.writes, fieldWrite{owner: funcName(e.Args[0]), name: s})
				} else if p, ok := namePattern(def, e.Args[1]); ok {
					x.patterns = append(x.patterns, p)
				} else if !copiedAttr(e.Args[2]) && readsRequestData(def) && !modelPermissionCheck(def) {
					// by any name: every field of the row's model when
					// the handler makes the row (row = Waypoint()),
					// of every model otherwise; an editor's tool that
					// asks for a model permission first writes none
					// a visitor could
					if model := madeRow(def, e.Args[0]); model != "" {
						x.writes = append(x.writes, fieldWrite{owner: model})
					} else if form := cleanedDataOf(def, e.Args[1], e.Args[2]); form != "" {
						// setattr(check, field, form.cleaned_data[field]),
						// for field in form.cleaned_data: setattr(user, field, ...):
						// the fields of the form, whichever it names
						x.formSetattrs = append(x.formSetattrs, fieldWrite{owner: funcName(e.Args[0]), via: []string{form}})
					} else {
						x.anyName = true
					}
				}
			}
		}
		return true
	})
}

// renderedTemplate reports a template rendered with autoescaping:
// render_to_string(...), or loader.get_template(...).render(...). A field
// set to one holds the project's markup with every value escaped (what
// the template marks safe is that template's own finding), not text a
// user wrote. The field index reads names only; filters.go's
// templateRender asks the same of qualified names and local bindings.
func renderedTemplate(e python.Expr) bool {
	c, ok := e.(*python.Call)
	if !ok {
		return false
	}
	if funcName(c.Func) == "render_to_string" {
		return true
	}
	a, ok := c.Func.(*python.Attribute)
	if !ok || a.Attr != "render" {
		return false
	}
	t, ok := a.Value.(*python.Call)
	return ok && (funcName(t.Func) == "get_template" || funcName(t.Func) == "select_template")
}

// readsRequestData reports a function that reads what the client sent:
// request.POST, GET, FILES, data, body, query_params or a form's
// cleaned_data. A setattr by a computed name in one that reads none
// (stats from a cache server's socket) writes no user's text.
func readsRequestData(def *python.FunctionDef) bool {
	found := false
	python.Inspect(def, func(n python.Node) bool {
		if a, ok := n.(*python.Attribute); ok {
			switch a.Attr {
			case "POST", "GET", "FILES", "data", "body", "query_params", "cleaned_data", "validated_data":
				found = true
			}
		}
		return !found
	})
	return found
}

// forwarded reports the name of def's own ** parameter: the keywords its
// caller gave, passed on (a decorator's wrapper, a view's dispatch).
func forwarded(def *python.FunctionDef, e python.Expr) bool {
	n, ok := e.(*python.Name)
	return ok && def.Args.Kwarg != nil && def.Args.Kwarg.Arg == n.ID
}

// formBuilt reports a call that makes a form: form_class(**params),
// self.get_form(**kw), ProfileForm(**kw).
func formBuilt(c *python.Call) bool {
	return strings.Contains(strings.ToLower(funcName(c.Func)), "form")
}

// madeRow returns the model of a row that def makes and binds to the name
// e, once (row = Waypoint(), row = Waypoint.objects.create()), or "".
func madeRow(def *python.FunctionDef, e python.Expr) string {
	n, ok := e.(*python.Name)
	if !ok {
		return ""
	}
	model, count := "", 0
	python.Inspect(def, func(nd python.Node) bool {
		if a, ok := nd.(*python.Assign); ok && len(a.Targets) == 1 && bindsName(a.Targets[0], n.ID) {
			count++
			if c, ok := a.Value.(*python.Call); ok && isName(a.Targets[0], n.ID) {
				model = ormModel(c)
			}
		}
		return true
	})
	if count != 1 {
		return ""
	}
	return model
}

// copiedAttr reports a value read from another object by a computed name
// (setattr(master, field, getattr(duplicate, field)), merging two rows):
// what is copied is already stored, not something a user sent.
func copiedAttr(v python.Expr) bool {
	c, ok := v.(*python.Call)
	return ok && funcName(c.Func) == "getattr"
}

// superCall reports a call of a method of super(): super().save(**kw).
func superCall(c *python.Call) bool {
	a, ok := c.Func.(*python.Attribute)
	if !ok {
		return false
	}
	inner, ok := a.Value.(*python.Call)
	if !ok {
		return false
	}
	n, ok := inner.Func.(*python.Name)
	return ok && n.ID == "super"
}

// ormModel returns the model class a call writes through, by name:
// Proposal.objects.create(...), Proposal.objects.filter(...).update(...),
// Proposal(...); "" for any other call.
func ormModel(c *python.Call) string {
	for f := c.Func; ; {
		switch x := f.(type) {
		case *python.Name:
			if x.ID != "" && x.ID[0] >= 'A' && x.ID[0] <= 'Z' && f == c.Func {
				return x.ID // a constructor: Proposal(title=...)
			}
			return ""
		case *python.Attribute:
			if x.Attr == "objects" || x.Attr == "_default_manager" {
				return funcName(x.Value)
			}
			f = x.Value
		case *python.Call:
			f = x.Func
		default:
			return ""
		}
	}
}

// dictValue returns e as a dict display: e itself, or the one a name is
// assigned once in def (fields = {...}; ...(defaults=fields)); nil
// otherwise.
func dictValue(def *python.FunctionDef, e python.Expr) *python.Dict {
	if d, ok := e.(*python.Dict); ok {
		return d
	}
	n, ok := e.(*python.Name)
	if !ok {
		return nil
	}
	if b := bindings(def)[n.ID]; len(b) == 1 {
		d, _ := b[0].value.(*python.Dict)
		return d
	}
	return nil
}

// readCalls are the calls whose keyword arguments write no model field:
// a queryset's lookups and reads, Django's shortcuts and responses,
// messages and logging, and the queuing of a task (whose own code, not
// a request handler, writes what it writes).
var readCalls = map[string]bool{
	"filter": true, "exclude": true, "get": true, "first": true, "last": true, "exists": true, "count": true,
	"order_by": true, "annotate": true, "aggregate": true, "values": true, "values_list": true, "only": true,
	"defer": true, "select_related": true, "prefetch_related": true, "distinct": true, "in_bulk": true,
	"get_object_or_404": true, "get_list_or_404": true, "render": true, "render_to_string": true,
	"render_to_response": true, "redirect": true, "reverse": true, "reverse_lazy": true, "resolve_url": true,
	"HttpResponse": true, "HttpResponseRedirect": true, "JsonResponse": true, "Response": true,
	"TemplateResponse": true, "StreamingHttpResponse": true, "FileResponse": true,
	"success": true, "error": true, "warning": true, "info": true, "debug": true, "exception": true,
	"critical": true, "add_message": true, "delay": true, "apply_async": true, "send_task": true,
	"format": true, "format_html": true, "urlencode": true, "dumps": true, "print": true,
}

// readsOnly reports a call whose keyword arguments write no model field
// (readCalls), by the name it is called by, or one that makes a response
// (make_response(content=...), json_response(data=...)).
func readsOnly(c *python.Call) bool {
	name := ""
	switch f := c.Func.(type) {
	case *python.Name:
		name = f.ID
	case *python.Attribute:
		name = f.Attr
	}
	return readCalls[name] || strings.HasSuffix(strings.ToLower(name), "_response")
}

// plainForm reports a form class built on forms.Form rather than a model
// form, a serializer or an edit view.
func plainForm(bases []string) bool {
	for _, b := range bases {
		if !plainBase(b) {
			return false
		}
	}
	return len(bases) > 0
}

// plainBase reports Django's forms.Form, or Django REST framework's
// serializers.Serializer, which checks data (a JSON field's items): what
// either stores is what its own save, create or update writes
// (storingMethods), or the handlers that take its data.
func plainBase(b string) bool { return b == "Form" || b == "Serializer" }

// storingMethods returns the save, create and update methods a class
// defines: a form's or serializer's own way of storing what it checked.
func storingMethods(c *python.ClassDef) []*python.FunctionDef {
	var out []*python.FunctionDef
	for _, st := range c.Body {
		if d, ok := st.(*python.FunctionDef); ok && (d.Name == "save" || d.Name == "create" || d.Name == "update") {
			out = append(out, d)
		}
	}
	return out
}

// literalValue reports a constant, or a list, tuple or set of them.
func literalValue(e python.Expr) bool {
	switch x := e.(type) {
	case *python.Constant:
		return true
	case *python.List, *python.Tuple, *python.Set:
		for _, el := range python.SeqElts(x) {
			if !literalValue(el) {
				return false
			}
		}
		return true
	}
	return false
}

// pluginModelsWith returns the content plugin models (classes deriving
// from pluginModelBases) that declare the field name. In a plugin's
// template, instance is the plugin's model (CMSPluginBase.render and
// ContentPlugin.render put it in the context), so {{ instance.name }}
// reads one of them.
func (x *fieldIndex) pluginModelsWith(name string) []string {
	var out []string
	for c, fields := range x.fieldsOf {
		if !slices.Contains(fields, name) {
			continue
		}
		for base := range pluginModelBases {
			if x.derivesFrom(c, base) {
				out = append(out, c)
				break
			}
		}
	}
	slices.Sort(out)
	return out
}

// pluginModelBases are the bases of content plugins' models: django CMS's
// CMSPlugin and django-fluent-contents' ContentItem, whose rows the
// page editors fill in through the admin.
var pluginModelBases = map[string]bool{"CMSPlugin": true, "ContentItem": true}

// derivesFrom reports whether class has base among its ancestors, as far
// as the project's classes tell.
func (x *fieldIndex) derivesFrom(class, base string) bool {
	seen := map[string]bool{class: true}
	todo := []string{class}
	for len(todo) > 0 && len(seen) < 64 {
		c := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, b := range x.basesOf[c] {
			if b == base {
				return true
			}
			if !seen[b] {
				seen[b] = true
				todo = append(todo, b)
			}
		}
	}
	return false
}

// writtenOnAny is userWritableOn for a field that one of models declares:
// only the writes on them (and their bases and subclasses) count.
func (x *fieldIndex) writtenOnAny(models []string, name string) bool {
	if x.anyName || x.loose[name] || x.patternWritten(name) {
		return true
	}
	for _, m := range models {
		for _, c := range x.lineage(m) {
			if x.writtenOn[c][name] {
				return true
			}
		}
	}
	return false
}

// fieldValueMethods are the methods through which a model field class
// sees every value stored: to_python (which TextField's get_prep_value
// calls on every save), get_prep_value and pre_save.
var fieldValueMethods = map[string]bool{"to_python": true, "get_prep_value": true, "pre_save": true}

// fieldClassCleans returns, for a class that cleans the value it stores
// in one of fieldValueMethods (class ContentField(TextField) whose
// to_python returns sanitize_html(value)), the sanitizer and the method
// as messages name them; "" for any other class.
func fieldClassCleans(c *python.ClassDef) string {
	for _, st := range c.Body {
		d, ok := st.(*python.FunctionDef)
		if !ok || !fieldValueMethods[d.Name] {
			continue
		}
		by := ""
		python.Inspect(d, func(n python.Node) bool {
			if call, ok := n.(*python.Call); ok && by == "" {
				if name, ok := python.DottedName(call.Func); ok && sanitizerName(name) {
					by = name
				}
			}
			return by == ""
		})
		if by != "" {
			return c.Name + "." + d.Name + "'s " + by
		}
	}
	return ""
}

// cleanedOnSave returns the fields a class's save() passes through a
// sanitizer, with its name: self.body = bleach.clean(self.body), or a
// project's or library's clean_html(...) or sanitize(...).
func cleanedOnSave(c *python.ClassDef) map[string]string {
	var out map[string]string
	save := func(d *python.FunctionDef) bool { return d.Name == "save" }
	eachSelfAssign(c, save, func(attr string, value python.Expr) {
		call, isCall := value.(*python.Call)
		if !isCall {
			return
		}
		if name, ok := python.DottedName(call.Func); ok && sanitizerName(name) {
			if out == nil {
				out = map[string]string{}
			}
			out[attr] = name
		}
	})
	return out
}

func isSelf(e python.Expr) bool {
	n, ok := e.(*python.Name)
	return ok && n.ID == "self"
}

// sanitizerName reports a function, by its dotted name, made for cleaning
// HTML: bleach's and nh3's clean, sanitize_html, clean_html_field.
func sanitizerName(dotted string) bool {
	if dotted == "bleach.clean" || dotted == "nh3.clean" {
		return true
	}
	l := strings.ToLower(dotted[strings.LastIndexByte(dotted, '.')+1:])
	return strings.Contains(l, "sanitiz") || strings.Contains(l, "sanitis") || strings.Contains(l, "clean_html") || strings.Contains(l, "bleach")
}

// cleanedOnSaveOf returns the sanitizer that every model declaring the
// field name, among those the object named owner can be (writersScope),
// passes it through when saved; "" when one does not.
func (x *fieldIndex) cleanedOnSaveOf(owner, name string) string {
	models := []string{}
	if scope, _ := x.writersScope(owner, name); scope != nil {
		// the model owner names, a CMS plugin's instance, a Wagtail page
		for _, m := range scope {
			models = append(models, x.lineage(m)...)
		}
	} else {
		models = x.declaring[name]
	}
	return x.cleanedIn(models, name)
}

// cleanedIn returns the sanitizer that every one of models declaring the
// field name passes it through when saved; "" when one does not, or none
// declares it.
func (x *fieldIndex) cleanedIn(models []string, name string) string {
	by := ""
	for _, m := range models {
		if !slices.Contains(x.fieldsOf[m], name) {
			continue // a base or subclass that does not declare it
		}
		b := x.cleanedBy[m][name]
		if b == "" {
			return ""
		}
		by = b
	}
	return by
}

// relationTarget returns the class name of the model a relation field
// names (ForeignKey(Route), ForeignKey("trekking.Route", ...),
// ForeignKey(to="self")), or "" when it is not written out (a setting
// such as AUTH_USER_MODEL).
func relationTarget(call *python.Call, model string) string {
	to := call.Arg(0, "to")
	switch t := to.(type) {
	case *python.Name:
		return t.ID
	case *python.Attribute:
		if n, ok := t.Value.(*python.Name); ok && n.ID == "settings" {
			return ""
		}
		return t.Attr
	case *python.Constant:
		name, ok := t.Value.(string)
		if !ok {
			return ""
		}
		if name == "self" {
			return model
		}
		return name[strings.LastIndexByte(name, '.')+1:]
	}
	return ""
}

// strFields returns the fields a class's __str__ shows when it returns
// nothing but its own fields, literals and formattings of them (return
// self.name, f"{self.code} {self.label}"); nil otherwise.
func strFields(c *python.ClassDef) []string {
	var def *python.FunctionDef
	for _, st := range c.Body {
		if d, ok := st.(*python.FunctionDef); ok && d.Name == "__str__" {
			def = d
		}
	}
	if def == nil {
		return nil
	}
	var out []string
	ok := true
	python.EachStmt(def.Body, func(st python.Stmt) {
		if r, isRet := st.(*python.Return); isRet && ok {
			ok = r.Value != nil && ownFieldsOnly(r.Value, &out)
		}
	})
	if !ok {
		return nil
	}
	return out
}

// ownFieldsOnly reports whether e is built only of self's attributes,
// literals, str() and formatting, adding the attributes to fields.
func ownFieldsOnly(e python.Expr, fields *[]string) bool {
	switch x := e.(type) {
	case *python.Constant:
		return true
	case *python.Attribute:
		if n, ok := x.Value.(*python.Name); ok && n.ID == "self" {
			*fields = append(*fields, x.Attr)
			return true
		}
	case *python.JoinedStr:
		for _, v := range x.Values {
			if !ownFieldsOnly(v, fields) {
				return false
			}
		}
		return true
	case *python.FormattedValue:
		return ownFieldsOnly(x.Value, fields)
	case *python.BinOp:
		return (x.Op == python.Add || x.Op == python.Mod) && ownFieldsOnly(x.Left, fields) && ownFieldsOnly(x.Right, fields)
	case *python.Tuple:
		for _, el := range x.Elts {
			if !ownFieldsOnly(el, fields) {
				return false
			}
		}
		return true
	case *python.Call:
		if n, ok := x.Func.(*python.Name); ok && n.ID == "str" && len(x.Args) == 1 && len(x.Keywords) == 0 {
			return ownFieldsOnly(x.Args[0], fields)
		}
		if a, ok := x.Func.(*python.Attribute); ok && a.Attr == "format" && len(x.Keywords) == 0 {
			if _, lit := a.Value.(*python.Constant); lit {
				for _, arg := range x.Args {
					if !ownFieldsOnly(arg, fields) {
						return false
					}
				}
				return true
			}
		}
	}
	return false
}

// relationOf reports whether model, or a class of its lineage, declares
// field as a relation: its text is another row's.
func (x *fieldIndex) relationOf(model, field string) bool {
	for _, c := range x.lineage(model) {
		if relationField[x.fieldClass[c][field]] {
			return true
		}
	}
	return false
}

// staffOnlyRelation reports a relation read through an object named
// owner ({{ trek.route }}) whose rows show, by their model's __str__, only
// fields that no form, serializer, edit view or request handler outside
// the admin writes: a vocabulary staff keep in the admin. It returns the
// field as messages name it.
func (x *fieldIndex) staffOnlyRelation(owner, field string) (string, bool) {
	model := x.modelOf(owner)
	if model == "" {
		return "", false
	}
	target := ""
	for _, c := range x.lineage(model) {
		if t := x.relTarget[c][field]; t != "" {
			target = t
			break
		}
	}
	if target == "" || !x.models[target] {
		return "", false
	}
	var shown []string
	for _, c := range x.lineage(target) {
		if shown = x.shownBy[c]; len(shown) > 0 {
			break
		}
	}
	if len(shown) == 0 {
		return "", false
	}
	for _, f := range shown {
		if x.relationOf(target, f) || !slices.Contains(x.fieldsOfModel(target), f) || x.userWritableOn(target, f) {
			return "", false
		}
	}
	return "the " + field + " of " + model + " (a " + target + ", shown by its " + strings.Join(shown, " and ") + ")", true
}

// ownerName returns the name to find the model of a template variable's
// owner by: for a name only {% for %} tags bind, the singular of what they
// loop over ({% for item in news_items %}: NewsItem, {% for note in
// article.publisher_notes.all %}: PublisherNote, licence_set.all:
// Licence), when every loop gives the same model; else the owner itself
// when it names a model; for user, the project's AUTH_USER_MODEL.
func (x *fieldIndex) ownerName(p *project.Project, owner string, loops map[string][]string) string {
	// the collection a loop takes its items from names them better than
	// the loop's variable does ({% for note in article.publisher_notes.all %}
	// beside a model Note of another app)
	found := ""
	for _, it := range loops[owner] {
		c := singularOf(it)
		if x.modelOf(c) == "" || found != "" && x.modelOf(found) != x.modelOf(c) {
			found = ""
			break
		}
		found = c
	}
	switch {
	case found != "":
		return found
	case x.modelOf(owner) != "":
		return owner
	case owner == "user":
		if m := userModel(p); x.models[m] {
			return m
		}
	}
	return owner
}

// singularOf returns the singular of the collection a loop runs over:
// its last segment but a trailing .all, without _set or _list, and
// without the plural's ending (entries: entry, boxes: box, notes: note;
// status and address stay).
func singularOf(iterable string) string {
	segs := strings.Split(iterable, ".")
	if len(segs) > 1 && segs[len(segs)-1] == "all" {
		segs = segs[:len(segs)-1]
	}
	name := segs[len(segs)-1]
	for _, suffix := range []string{"_set", "_list", "_qs"} {
		if n, ok := strings.CutSuffix(name, suffix); ok {
			return n
		}
	}
	switch {
	case strings.HasSuffix(name, "ies"):
		return strings.TrimSuffix(name, "ies") + "y"
	case strings.HasSuffix(name, "sses"), strings.HasSuffix(name, "xes"), strings.HasSuffix(name, "ches"), strings.HasSuffix(name, "shes"):
		return strings.TrimSuffix(name, "es")
	case strings.HasSuffix(name, "s") && !strings.HasSuffix(name, "ss") && !strings.HasSuffix(name, "us"):
		return strings.TrimSuffix(name, "s")
	}
	return name
}

// userModel returns the class name of the project's AUTH_USER_MODEL
// ("core.Account": Account) when every production settings module names
// the same one; "" otherwise.
func userModel(p *project.Project) string {
	return p.Memo("rules/templates.usermodel", func() any {
		name := ""
		for _, e := range st.Load(p).Production() {
			c, ok := st.Resolve(e.Value("AUTH_USER_MODEL"))
			if !ok || c.V.Kind != st.Str {
				return ""
			}
			m := c.V.S[strings.LastIndexByte(c.V.S, '.')+1:]
			if name != "" && name != m {
				return ""
			}
			name = m
		}
		return name
	}).(string)
}
