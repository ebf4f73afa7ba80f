package templates

import (
	"bytes"
	"path"
	"strings"

	"github.com/djsec/djsec/internal/lazyre"
	"github.com/djsec/djsec/internal/project"
)

// A model attribute whose every declaration is a UUID, number, date or
// boolean field, or a field given choices=, prints nothing a browser reads
// as markup or code ({{ store.uuid }}, {{ project.currency }}). The index of those names reads the declarations
// (uuid = models.UUIDField(...)) line by line in the modules that hold
// models by Django's convention (models.py, a models package), with no
// syntax tree: the template rules run beside the per-file stage, and
// parsing every module of the project there cost netbox a tenth of its
// scan's CPU time and 10 MB of its peak.

// inertFieldTypes are the model fields whose values print as numbers,
// UUIDs, dates, booleans or slugs.
var inertFieldTypes = map[string]bool{
	"UUIDField": true, "IntegerField": true, "BigIntegerField": true, "SmallIntegerField": true,
	"PositiveIntegerField": true, "PositiveBigIntegerField": true, "PositiveSmallIntegerField": true,
	"AutoField": true, "BigAutoField": true, "SmallAutoField": true, "BooleanField": true, "NullBooleanField": true,
	"DateField": true, "DateTimeField": true, "TimeField": true, "DurationField": true, "DecimalField": true,
	"FloatField": true,
	// letters, digits, hyphens and underscores: the forms, serializers and
	// admin that write it validate that, and slugify makes it so
	"SlugField": true,
}

// foreignKeyTypes are the fields that add a column name_id holding the
// key of the row they point at: Django's, django-modelcluster's and
// django-mptt's.
var foreignKeyTypes = map[string]bool{"ForeignKey": true, "OneToOneField": true, "ParentalKey": true, "TreeForeignKey": true}

// manyToManyTypes are the fields whose attribute is a related manager,
// which prints as app.Model.None and holds no text of anyone's: a name
// one model declares so says nothing of what another model's field of
// that name holds (members = ManyToManyField(User) beside members =
// IntegerField()).
var manyToManyTypes = map[string]bool{"ManyToManyField": true, "ParentalManyToManyField": true, "SortedManyToManyField": true}

// geometryFieldTypes are GeoDjango's geometry fields: they print as EWKT
// (SRID=4326;POINT (5 23)), and their serializations
// (geometrySerializations) hold numbers and the format's own words.
var geometryFieldTypes = map[string]bool{
	"PointField": true, "LineStringField": true, "PolygonField": true, "MultiPointField": true,
	"MultiLineStringField": true, "MultiPolygonField": true, "GeometryField": true, "GeometryCollectionField": true,
}

// geometrySerializations are the properties of a GEOS geometry that
// serialize it: {{ project.extent.geojson|safe }} in a map's script.
var geometrySerializations = map[string]bool{"geojson": true, "json": true, "wkt": true, "ewkt": true,
	"hex": true, "hexewkb": true, "kml": true, "coords": true, "extent": true, "srid": true, "area": true, "length": true}

// typedIndex holds the names of model fields declared with an inert type,
// and of those declared with any other: a name some model declares as
// text is not inert, whatever others declare.
type typedIndex struct {
	inert, textual map[string]bool
	geometry       map[string]bool // declared as a GeoDjango geometry somewhere
	foreignKey     map[string]bool // declared as a foreign key somewhere (author = ForeignKey(User))
}

// inertField reports a name that every model declaring it declares as a
// field whose value cannot carry markup.
func inertField(p *project.Project, name string) bool {
	x := typedFields(p)
	return x.inert[name] && !x.textual[name]
}

// uuidName reports a name that says it holds a UUID (uuid, widget_uuid,
// flowUUID) and that no model of the project declares as a text field: a
// value made with uuid4() or a UUIDField, hex digits and dashes. A
// CharField named uuid (a legacy primary key a user may have written)
// keeps it a name like any other.
func uuidName(p *project.Project, name string) bool {
	return strings.HasSuffix(strings.ToLower(name), "uuid") && !typedFields(p).textual[name]
}

// geometryField reports a name that every model declaring it declares as
// a GeoDjango geometry.
func geometryField(p *project.Project, name string) bool {
	x := typedFields(p)
	return x.geometry[name] && !x.textual[name]
}

func typedFields(p *project.Project) *typedIndex {
	return p.Memo("rules/templates.typedFields", func() any { return readTypedFields(p) }).(*typedIndex)
}

func readTypedFields(p *project.Project) *typedIndex {
	out := &typedIndex{inert: map[string]bool{}, textual: map[string]bool{}, geometry: map[string]bool{}, foreignKey: map[string]bool{}}
	var buf []byte
	for _, f := range p.Named(project.Python) {
		if !modelModule(f.Path) {
			continue
		}
		// read without keeping: the taint engine reads these modules
		// again later, and a copy kept here lived to the end of the scan
		data, err := f.Peek(&buf)
		if err != nil || !bytes.Contains(data, []byte("Field(")) && !bytes.Contains(data, []byte("Key(")) {
			continue
		}
		gen := &moduleDefs{src: data}
		for len(data) > 0 {
			line := data
			if i := bytes.IndexByte(data, '\n'); i >= 0 {
				line, data = data[:i], data[i+1:]
			} else {
				data = nil
			}
			if name, class, ok := fieldDecl(line); ok {
				if manyToManyTypes[class] {
					continue // neither: the related manager prints app.Model.None
				}
				if inertFieldTypes[class] || geometryFieldTypes[class] || declaresChoices(line, data) || generatedUUID(name, line, data) || gen.generates(line, data) {
					out.inert[name] = true
					if geometryFieldTypes[class] {
						out.geometry[name] = true
					}
				} else {
					out.textual[name] = true
				}
				if foreignKeyTypes[class] {
					out.foreignKey[name] = true
				}
			}
		}
	}
	return out
}

// fieldDecl reads a model field's declaration from its line, indented in
// its class: "    uuid = models.UUIDField(default=uuid4)" gives uuid and
// UUIDField; a ForeignKey, or a project's EncryptedTextField, counts as
// well. It is read by hand: a regular expression over every line of a
// large project's models took longer than the rest of this index.
func fieldDecl(line []byte) (name, class string, ok bool) {
	if !bytes.Contains(line, []byte("Field(")) && !bytes.Contains(line, []byte("Key(")) {
		return "", "", false
	}
	rest := bytes.TrimLeft(line, " \t")
	if len(rest) == len(line) {
		return "", "", false // not in a class body
	}
	n := identLen(rest)
	if n == 0 {
		return "", "", false
	}
	name, rest = string(rest[:n]), bytes.TrimLeft(rest[n:], " \t")
	if len(rest) > 0 && rest[0] == ':' {
		// an annotation: name: "Model" = models.ForeignKey(...)
		i := bytes.IndexByte(rest, '=')
		if i < 0 {
			return "", "", false
		}
		rest = rest[i:]
	}
	if len(rest) < 2 || rest[0] != '=' || rest[1] == '=' {
		return "", "", false
	}
	rest = bytes.TrimLeft(rest[1:], " \t")
	end := bytes.IndexByte(rest, '(')
	if end <= 0 {
		return "", "", false
	}
	callee := rest[:end]
	for _, c := range callee {
		if c != '.' && c != '_' && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return "", "", false
		}
	}
	class = string(callee[bytes.LastIndexByte(callee, '.')+1:])
	if class == "" || class[0] < 'A' || class[0] > 'Z' || !strings.HasSuffix(class, "Field") && !strings.HasSuffix(class, "Key") {
		return "", "", false
	}
	return name, class, true
}

// maxDeclLines bounds how far a field's declaration is read for its
// options.
const maxDeclLines = 30

// declaresChoices reports whether the field declared on line (whose
// declaration may go on in the lines of rest) is given choices=: its
// values are then codes from the project's list, which forms, serializers
// and the admin accept only from it (currency = CharField(choices=
// CURRENCY_CHOICES, max_length=3)).
func declaresChoices(line, rest []byte) bool {
	return declarationHas(line, rest, func(seg []byte) bool {
		return bytes.Contains(seg, []byte("choices=")) || bytes.Contains(seg, []byte("choices ="))
	})
}

// generatedUUID reports a text field that the code fills with a UUID
// (uuid = models.CharField(max_length=36, default=generate_uuid), a legacy
// VARCHAR column): hex digits and dashes, like a UUIDField's.
func generatedUUID(name string, line, rest []byte) bool {
	return strings.HasSuffix(strings.ToLower(name), "uuid") &&
		declarationHas(line, rest, func(seg []byte) bool { return uuidDefault().Match(seg) })
}

// moduleDefs answers, for one model module, which of its functions make
// a UUID or a token: found on the first question, with one scan of the
// module for its top-level functions.
type moduleDefs struct {
	src  []byte
	defs map[string]bool // function name: returns a UUID or a token
}

// generates reports a field whose default is a function of the module
// that returns a UUID or a token (short_id = CharField(default=short_id)
// after def short_id(): return uuid4().hex): hex digits, or a token's
// URL-safe letters, that the code makes and no one types.
func (md *moduleDefs) generates(line, rest []byte) bool {
	var fn string
	declarationHas(line, rest, func(seg []byte) bool {
		if m := defaultFunc().FindSubmatch(seg); m != nil {
			fn = string(m[1])
			return true
		}
		return false
	})
	if fn == "" {
		return false
	}
	if md.defs == nil {
		md.defs = map[string]bool{}
		for _, m := range defLine().FindAllSubmatchIndex(md.src, -1) {
			name := string(md.src[m[2]:m[3]])
			md.defs[name] = generatedReturn().Match(firstLines(md.src[m[0]:], 6)) // a short function
		}
	}
	return md.defs[fn]
}

// firstLines returns the first n lines of b.
func firstLines(b []byte, n int) []byte {
	end := 0
	for ; n > 0; n-- {
		j := bytes.IndexByte(b[end:], '\n')
		if j < 0 {
			return b
		}
		end += j + 1
	}
	return b[:end]
}

var (
	// defLine matches a function of a module's top level, by name.
	defLine = lazyre.New(`(?m)^def ([A-Za-z_]\w*)\(`)
	// defaultFunc matches default=NAME, a function given uncalled.
	defaultFunc = lazyre.New(`default\s*=\s*([A-Za-z_]\w*)\s*(?:[,)]|$)`)
	// generatedReturn matches a return of a UUID or a random token.
	generatedReturn = lazyre.New(`return\s+(?:str\()?\s*(?:uuid\.)?uuid[14]\(\)(?:\.hex)?|return\s+(?:secrets\.)?token_(?:hex|urlsafe)\(`)
)

// uuidDefault matches a default that makes a UUID: default=uuid.uuid4,
// default=generate_uuid, default=lambda: str(uuid4()).
var uuidDefault = lazyre.New(`default\s*=\s*(?:lambda\s*:\s*str\(\s*)?[\w.]*(?i:uuid)\w*\s*(?:\(\s*\)\s*\)?)?\s*(?:[,)]|$)`)

// declarationHas reports whether has holds for a segment of a field's
// declaration: the arguments on its first line and the lines after, up
// to the parenthesis that closes it or maxDeclLines.
func declarationHas(line, rest []byte, has func([]byte) bool) bool {
	i := bytes.IndexByte(line, '(')
	depth := 0
	for n := 0; n < maxDeclLines; n++ {
		for _, c := range line[i:] {
			switch c {
			case '(', '[', '{':
				depth++
			case ')', ']', '}':
				depth--
			}
		}
		if has(line[i:]) {
			return true
		}
		if depth <= 0 || len(rest) == 0 {
			return false
		}
		i = 0
		line = rest
		if j := bytes.IndexByte(rest, '\n'); j >= 0 {
			line, rest = rest[:j], rest[j+1:]
		} else {
			rest = nil
		}
	}
	return false
}

// identLen is the length of the Python identifier (ASCII) s starts with.
func identLen(s []byte) int {
	for i, c := range s {
		if c != '_' && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			return i
		}
	}
	return len(s)
}

// modelModule reports a module where Django's convention puts models:
// models.py, or a module of a models package.
func modelModule(rel string) bool {
	return path.Base(rel) == "models.py" || strings.Contains("/"+path.Dir(rel)+"/", "/models/")
}
