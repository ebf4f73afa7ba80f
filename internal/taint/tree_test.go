package taint

import (
	"testing"

	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
)

// TestReleasedTreeComesBack checks that a released tree is parsed again on
// its next read, with every function, method and class found again at its
// position and the same index, and that a pinned tree is never released.
func TestReleasedTreeComesBack(t *testing.T) {
	dir, fs := writeTree(t, map[string]string{
		"shop/views.py": "import random\n\n" +
			"def token():\n    return random.choice('ab')\n\n" +
			"if True:\n    def maybe(x):\n        pass\n\n" +
			"class Cart:\n    def add(self, item):\n        pass\n\n" +
			"    try:\n        def remove(self, item):\n            pass\n    except ImportError:\n        pass\n",
		"shop/models.py": "class Item:\n    pass\n",
	})
	prog := Load(project.New(dir, fs, project.Inputs{}))
	m := prog.Module("shop.views")
	if m.tree.pinned.Load() {
		t.Fatal("pinned after load")
	}
	first := m.unpinned()
	defs := len(m.indexOf(first).Funcs)
	m.release()
	if m.tree.ast.Load() != nil || m.tree.index.Load() != nil {
		t.Fatal("release left the tree or its index")
	}
	names := []string{"shop.views.token", "shop.views.maybe", "shop.views.Cart.add", "shop.views.Cart.remove"}
	for _, q := range names {
		if f := prog.Funcs[q]; f == nil {
			t.Fatalf("no function %s", q)
		} else if f.def.Load() != nil {
			t.Errorf("%s kept its definition in the released tree", q)
		}
	}
	for _, q := range names {
		f := prog.Funcs[q]
		d := f.Def()
		if d == nil || d.Pos() != f.pos || d.Name != f.Name {
			t.Errorf("%s.Def() = %v, want the def named %s at %d", q, d, f.Name, f.pos)
		}
	}
	second := m.Tree()
	if second == first {
		t.Error("the released tree came back instead of a new parse")
	}
	if c := prog.Classes["shop.views.Cart"].Def(); c == nil || c.Name != "Cart" {
		t.Errorf("Cart.Def() = %v", c)
	}
	if got := len(m.Index().Funcs); got != defs || defs != 4 {
		t.Errorf("index of the new tree has %d functions, the first had %d, want 4", got, defs)
	}
	if !inTree(second, prog.Funcs["shop.views.Cart.remove"].Def()) {
		t.Error("Cart.remove's definition is not a node of the current tree")
	}
	m.release()
	if m.tree.ast.Load() != second {
		t.Error("a pinned tree was released")
	}
}

func inTree(t *python.Module, d *python.FunctionDef) bool {
	found := false
	python.Inspect(t, func(n python.Node) bool {
		found = found || n == python.Node(d)
		return !found
	})
	return found
}
