package taint

import (
	"reflect"
	"sync"

	"github.com/djsec/djsec/internal/python"
)

// Inspect walks the tree rooted at n in source order, calling fn for each
// node; when fn returns false the node's children are skipped.
func Inspect(n python.Node, fn func(python.Node) bool) {
	if n == nil || isNil(n) || !fn(n) {
		return
	}
	v := reflect.ValueOf(n).Elem()
	for _, i := range childFields(v.Type()) {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.Interface, reflect.Pointer:
			if f.IsNil() {
				continue
			}
			if c, ok := f.Interface().(python.Node); ok {
				Inspect(c, fn)
			}
		case reflect.Slice:
			for j := 0; j < f.Len(); j++ {
				e := f.Index(j)
				if e.IsNil() {
					continue
				}
				if c, ok := e.Interface().(python.Node); ok {
					Inspect(c, fn)
				}
			}
		}
	}
}

func isNil(n python.Node) bool {
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

var (
	nodeType   = reflect.TypeOf((*python.Node)(nil)).Elem()
	fieldCache sync.Map // reflect.Type -> []int
)

// childFields lists the fields of a node struct that hold nodes.
func childFields(t reflect.Type) []int {
	if v, ok := fieldCache.Load(t); ok {
		return v.([]int)
	}
	var out []int
	for i := 0; i < t.NumField(); i++ {
		ft := t.Field(i).Type
		if ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if ft.Implements(nodeType) && t.Field(i).Name != "Span" {
			out = append(out, i)
		}
	}
	fieldCache.Store(t, out)
	return out
}
