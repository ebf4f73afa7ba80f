package taint

import (
	"strings"

	"github.com/djsec/djsec/internal/python"
)

// typedFields are the form and serializer fields whose cleaned value
// holds no text the client chose: numbers, dates, booleans, UUIDs, a row
// of a model (ModelChoiceField, PrimaryKeyRelatedField), one of the code's
// choices. A value read from cleaned_data or validated_data under such a
// field's name is clean for every sink.
var typedFields = map[string]bool{
	"IntegerField": true, "FloatField": true, "DecimalField": true, "BooleanField": true, "NullBooleanField": true,
	"DateField": true, "DateTimeField": true, "TimeField": true, "DurationField": true, "UUIDField": true,
	"ModelChoiceField": true, "ModelMultipleChoiceField": true, "ChoiceField": true, "TypedChoiceField": true,
	"MultipleChoiceField": true, "TypedMultipleChoiceField": true,
	// Django REST framework's
	"PrimaryKeyRelatedField": true, "SlugRelatedField": true,
}

type typedFieldsKey struct{}

type typedClassKey struct {
	c    *Class
	name string
}

// typedFormField reports a field name that the project's form and
// serializer classes declare, every one of them, with a field of
// typedFields (a ModelChoiceField named project): what cleaned_data reads
// under it is a number, a date, a row or a choice, whichever form the
// view validated. A name some class declares otherwise, or that no class
// declares (a ModelForm's own fields, which djsec does not type), is
// not.
func (p *Program) typedFormField(name string) bool {
	return p.typedFormFields()[name]
}

// typedFormFields maps every field name the project's form and serializer
// classes declare to whether all of those declarations are typed: one
// walk of the classes for every name the taint engine asks about.
func (p *Program) typedFormFields() map[string]bool {
	return p.Memo(typedFieldsKey{}, func() any {
		typed := map[string]bool{}
		for _, c := range p.Classes {
			if !formLike(c) {
				continue
			}
			for _, s := range c.Def().Body {
				a, ok := s.(*python.Assign)
				if !ok {
					continue
				}
				call, ok := a.Value.(*python.Call)
				ok = ok && typedFields[lastDotted(c.Module.QualName(call.Func))]
				for _, t := range a.Targets {
					if n, isName := t.(*python.Name); isName {
						if prev, seen := typed[n.ID]; !seen || prev {
							typed[n.ID] = ok
						}
					}
				}
			}
		}
		return typed
	}).(map[string]bool)
}

// typedClassField reports a field name that form class c declares with a
// field of typedFields, itself or in a project base (depth bounds the
// walk up).
func (p *Program) typedClassField(c *Class, name string, depth int) bool {
	if c == nil || depth > 8 {
		return false
	}
	if depth == 0 {
		// once per class and field, for every read of every function
		return p.Memo(typedClassKey{c, name}, func() any { return p.typedClassField(c, name, 1) }).(bool)
	}
	for _, s := range c.Def().Body {
		if a, ok := s.(*python.Assign); ok && assigns(a, name) {
			call, ok := a.Value.(*python.Call)
			return ok && typedFields[lastDotted(c.Module.QualName(call.Func))]
		}
	}
	for _, b := range c.Bases {
		if bc := p.LookupClass(p.Canonical(b)); bc != nil && p.typedClassField(bc, name, depth+1) {
			return true
		}
	}
	return false
}

// formLike reports a class built on a form or a serializer, by the last
// name of a base: Form, ModelForm, forms.Form, Serializer, the project's
// BaseSearchForm.
func formLike(c *Class) bool {
	for _, b := range c.Bases {
		last := lastDotted(b)
		if strings.HasSuffix(last, "Form") || strings.HasSuffix(last, "Serializer") {
			return true
		}
	}
	return false
}

// assigns reports an assignment to name alone.
func assigns(a *python.Assign, name string) bool {
	for _, t := range a.Targets {
		if n, ok := t.(*python.Name); ok && n.ID == name {
			return true
		}
	}
	return false
}

func lastDotted(q string) string { return q[strings.LastIndexByte(q, '.')+1:] }
