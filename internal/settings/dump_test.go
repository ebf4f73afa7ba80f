package settings

import (
	"fmt"
	"path/filepath"
	"sort"
	"testing"

	"github.com/djsec/djsec/internal/project"
)

func loadDir(t testing.TB, dir string, env map[string]string) *Settings {
	t.Helper()
	files, _, err := project.Walk(dir, project.WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(dir)
	return Load(project.New(abs, files, project.Inputs{Env: env}))
}

func TestDumpShopfront(t *testing.T) {
	s := loadDir(t, "../../examples/shopfront", nil)
	for _, e := range s.Entries {
		fmt.Println("ENTRY", e.Name, e.File.Path, e.Reason, e.Dev)
		if e.ns == nil {
			continue
		}
		names := e.ns.Names()
		sort.Strings(names)
		for _, n := range names {
			v := e.ns.vars[n]
			fmt.Printf("  %s = %s  [%s] %s\n", n, v.Repr(), v.Origin, v.Why)
		}
	}
	fmt.Println(s.Notes, s.Problems)
}
