package infra

import (
	"math/big"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Value is a configuration value of a Terraform attribute or a
// CloudFormation property, reduced to what rules need. Values djsec cannot
// know (a variable, a function call, !Ref) have Known false.
type Value struct {
	Known bool
	Str   string
	Num   *big.Float
	Bool  bool
	Kind  ValueKind
	List  []*Value
	Map   map[string]*Value
	Pos   Pos
	// Ref is the reference an unknown Terraform value is read from:
	// "aws_subnet.public.id", "module.vpc.public_subnets" (splats and
	// indexes dropped).
	Ref string
}

// ValueKind says what a known Value is.
type ValueKind int

// Value kinds.
const (
	VUnknown ValueKind = iota
	VString
	VNumber
	VBool
	VList
	VMap
	VNull
)

// Block is a Terraform block: resource "aws_security_group" "web" { ... }.
type Block struct {
	Type   string
	Labels []string
	Pos    Pos
	Attrs  map[string]*Value
	Blocks []*Block
}

// Terraform is a parsed .tf file.
type Terraform struct {
	Blocks []*Block
	Errors []Error
}

// ParseTerraform parses a Terraform file with HCL's native syntax parser.
// Attribute values are evaluated only when they need no variables or
// functions; the rest are unknown.
func ParseTerraform(src []byte, filename string) *Terraform {
	t := &Terraform{}
	f, diags := hclsyntax.ParseConfig(src, filename, hcl.Pos{Line: 1, Column: 1, Byte: 0})
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			pos := Pos{1, 1}
			if d.Subject != nil {
				pos = Pos{d.Subject.Start.Line, d.Subject.Start.Column}
			}
			t.Errors = append(t.Errors, Error{pos, d.Summary})
		}
	}
	if f == nil {
		return t
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return t
	}
	t.Blocks = tfBlocks(body, 0)
	return t
}

func tfBlocks(body *hclsyntax.Body, depth int) []*Block {
	if body == nil || depth > maxDepth {
		return nil
	}
	var out []*Block
	for _, b := range body.Blocks {
		blk := &Block{Type: b.Type, Labels: b.Labels, Pos: Pos{b.TypeRange.Start.Line, b.TypeRange.Start.Column}, Attrs: map[string]*Value{}}
		for name, a := range b.Body.Attributes {
			blk.Attrs[name] = exprValue(a.Expr)
		}
		blk.Blocks = tfBlocks(b.Body, depth+1)
		out = append(out, blk)
	}
	return out
}

func exprValue(e hclsyntax.Expression) *Value {
	r := e.Range()
	pos := Pos{r.Start.Line, r.Start.Column}
	// Lists and objects are taken apart element by element, so that one
	// variable in a list does not hide the literal "0.0.0.0/0" beside it.
	switch x := e.(type) {
	case *hclsyntax.TupleConsExpr:
		v := &Value{Known: true, Kind: VList, Pos: pos}
		for _, el := range x.Exprs {
			v.List = append(v.List, exprValue(el))
		}
		return v
	case *hclsyntax.ObjectConsExpr:
		v := &Value{Known: true, Kind: VMap, Pos: pos, Map: map[string]*Value{}}
		for _, it := range x.Items {
			kv, diags := it.KeyExpr.Value(nil)
			if diags.HasErrors() || !kv.IsKnown() || kv.IsNull() || kv.Type() != cty.String {
				continue
			}
			v.Map[kv.AsString()] = exprValue(it.ValueExpr)
		}
		return v
	}
	switch x := e.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		return &Value{Pos: pos, Ref: traversalName(x.Traversal)}
	case *hclsyntax.SplatExpr:
		if src, ok := x.Source.(*hclsyntax.ScopeTraversalExpr); ok {
			return &Value{Pos: pos, Ref: traversalName(src.Traversal)}
		}
	case *hclsyntax.RelativeTraversalExpr:
		if src, ok := x.Source.(*hclsyntax.ScopeTraversalExpr); ok {
			return &Value{Pos: pos, Ref: traversalName(src.Traversal) + "." + traversalName(x.Traversal)}
		}
	}
	if hasFor(e) {
		// [for a in [..] : [for b in [..] : ...]] evaluates to a value
		// as large as the product of its lists: not worth knowing
		return &Value{Pos: pos}
	}
	val, diags := e.Value(nil)
	if diags.HasErrors() {
		return &Value{Pos: pos}
	}
	return ctyValue(val, pos, 0)
}

// hasFor reports whether an expression holds a for expression (or a
// template's %{for} directive, which HCL makes of one).
func hasFor(e hclsyntax.Expression) bool {
	found := false
	hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		if _, ok := n.(*hclsyntax.ForExpr); ok {
			found = true
		}
		return nil
	})
	return found
}

// traversalName joins the names of a traversal: aws_subnet.public.id.
func traversalName(t hcl.Traversal) string {
	var parts []string
	for _, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			parts = append(parts, s.Name)
		case hcl.TraverseAttr:
			parts = append(parts, s.Name)
		}
	}
	return strings.Join(parts, ".")
}

func ctyValue(v cty.Value, pos Pos, depth int) *Value {
	if !v.IsWhollyKnown() || depth > maxDepth {
		return &Value{Pos: pos}
	}
	if v.IsNull() {
		return &Value{Known: true, Kind: VNull, Pos: pos}
	}
	t := v.Type()
	switch {
	case t == cty.String:
		return &Value{Known: true, Kind: VString, Str: v.AsString(), Pos: pos}
	case t == cty.Number:
		return &Value{Known: true, Kind: VNumber, Num: v.AsBigFloat(), Str: v.AsBigFloat().Text('f', -1), Pos: pos}
	case t == cty.Bool:
		return &Value{Known: true, Kind: VBool, Bool: v.True(), Pos: pos}
	case t.IsListType() || t.IsTupleType() || t.IsSetType():
		out := &Value{Known: true, Kind: VList, Pos: pos}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out.List = append(out.List, ctyValue(e, pos, depth+1))
		}
		return out
	case t.IsMapType() || t.IsObjectType():
		out := &Value{Known: true, Kind: VMap, Pos: pos, Map: map[string]*Value{}}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if k.Type() == cty.String {
				out.Map[k.AsString()] = ctyValue(e, pos, depth+1)
			}
		}
		return out
	}
	return &Value{Pos: pos}
}

// String returns the value as text when it is a known string, number or
// bool.
func (v *Value) String() (string, bool) {
	if v == nil || !v.Known {
		return "", false
	}
	switch v.Kind {
	case VString, VNumber:
		return v.Str, true
	case VBool:
		if v.Bool {
			return "true", true
		}
		return "false", true
	}
	return "", false
}

// Int returns the value as an integer when it is a known number or a
// string holding one.
func (v *Value) Int() (int64, bool) {
	s, ok := v.String()
	if !ok {
		return 0, false
	}
	f, _, err := big.ParseFloat(s, 10, 64, big.ToNearestEven)
	if err != nil {
		return 0, false
	}
	i, acc := f.Int64()
	return i, acc == big.Exact
}

// Truth returns 1 for a known true value ("true" strings included), 0 for
// a known false one, -1 otherwise.
func (v *Value) Truth() int {
	s, ok := v.String()
	if !ok {
		return -1
	}
	switch s {
	case "true", "True", "TRUE":
		return 1
	case "false", "False", "FALSE":
		return 0
	}
	return -1
}

// Strings returns the known strings of a value that is a string or a list.
func (v *Value) Strings() []string {
	if v == nil || !v.Known {
		return nil
	}
	if v.Kind == VList {
		var out []string
		for _, e := range v.List {
			if s, ok := e.String(); ok {
				out = append(out, s)
			}
		}
		return out
	}
	if s, ok := v.String(); ok {
		return []string{s}
	}
	return nil
}
