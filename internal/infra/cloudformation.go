package infra

import (
	"math/big"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Resource is a CloudFormation resource.
type Resource struct {
	Name  string
	Type  string
	Pos   Pos
	Props *Value // Properties; intrinsic functions (!Ref, Fn::Sub) are unknown values
}

// CloudFormation is a parsed CloudFormation template.
type CloudFormation struct {
	Resources []*Resource
	Errors    []Error
}

// IsCloudFormation reports whether a YAML or JSON file looks like a
// CloudFormation template, cheaply.
func IsCloudFormation(src []byte) bool {
	head := string(src[:min(len(src), 64<<10)])
	return strings.Contains(head, "AWSTemplateFormatVersion") ||
		strings.Contains(head, "Resources") && strings.Contains(head, "AWS::")
}

// ParseCloudFormation parses a template in YAML or JSON (JSON is YAML).
// Short-form tags (!Ref, !Sub, !GetAtt, ...) and long-form intrinsic
// functions (Ref, Fn::Sub) are kept opaque: unknown values.
func ParseCloudFormation(src []byte) *CloudFormation {
	cf := &CloudFormation{}
	d := ParseYAML(src)
	cf.Errors = d.Errors
	res := d.Get("Resources")
	if res == nil || res.Kind != yaml.MappingNode {
		return cf
	}
	budget := maxYAMLValues
	for i := 0; i+1 < len(res.Content); i += 2 {
		k, v := res.Content[i], deref(res.Content[i+1])
		if v == nil || v.Kind != yaml.MappingNode {
			continue
		}
		r := &Resource{Name: k.Value, Pos: posOf(k)}
		if t := mapGet(v, "Type"); t != nil {
			r.Type = t.Value
		}
		if p := mapGet(v, "Properties"); p != nil {
			r.Props = yamlValue(p, 0, &budget)
		} else {
			r.Props = &Value{Known: true, Kind: VMap, Map: map[string]*Value{}, Pos: posOf(v)}
		}
		cf.Resources = append(cf.Resources, r)
	}
	return cf
}

// maxYAMLValues bounds the values made from a template's Properties:
// aliases are followed (a value used twice is copied twice), and a list
// of aliases to lists of aliases grows as a power of its length.
const maxYAMLValues = 100000

func yamlValue(n *yaml.Node, depth int, budget *int) *Value {
	n = deref(n)
	if *budget--; n == nil || depth > maxDepth || *budget < 0 {
		return &Value{}
	}
	pos := posOf(n)
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		return &Value{Pos: pos} // !Ref, !Sub, !If, ...
	}
	switch n.Kind {
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return &Value{Known: true, Kind: VNull, Pos: pos}
		case "!!bool":
			return &Value{Known: true, Kind: VBool, Bool: strings.EqualFold(n.Value, "true"), Pos: pos}
		case "!!int", "!!float":
			if f, _, err := big.ParseFloat(n.Value, 10, 64, big.ToNearestEven); err == nil {
				return &Value{Known: true, Kind: VNumber, Num: f, Str: n.Value, Pos: pos}
			}
		}
		return &Value{Known: true, Kind: VString, Str: n.Value, Pos: pos}
	case yaml.SequenceNode:
		v := &Value{Known: true, Kind: VList, Pos: pos}
		for _, e := range n.Content {
			v.List = append(v.List, yamlValue(e, depth+1, budget))
		}
		return v
	case yaml.MappingNode:
		if len(n.Content) == 2 {
			if k := n.Content[0].Value; k == "Ref" || strings.HasPrefix(k, "Fn::") {
				return &Value{Pos: pos}
			}
		}
		v := &Value{Known: true, Kind: VMap, Pos: pos, Map: map[string]*Value{}}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v.Map[n.Content[i].Value] = yamlValue(n.Content[i+1], depth+1, budget)
		}
		return v
	}
	return &Value{Pos: pos}
}

// Get returns the value of a key of a known map, or nil.
func (v *Value) Get(key string) *Value {
	if v == nil || !v.Known || v.Kind != VMap {
		return nil
	}
	return v.Map[key]
}
