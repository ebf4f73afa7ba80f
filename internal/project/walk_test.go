package project

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
)

func mkfile(t *testing.T, root, rel, content string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestWalkHostileTree checks that binary files, a file over the size limit,
// a symlink loop and an unreadable file each give one problem at most, and
// that the rest of the tree is still listed.
func TestWalkHostileTree(t *testing.T) {
	root := t.TempDir()
	mkfile(t, root, "app/views.py", "x = 1\n")
	mkfile(t, root, "app/templates/app/page.html", "<p>{{ x }}</p>\n")
	mkfile(t, root, "logo.png", "\x89PNG\r\n\x1a\n\x00\x00\x00")
	mkfile(t, root, ".gitignore", "ignored/\n*.log\n!keep.log\n")
	mkfile(t, root, "ignored/a.py", "")
	mkfile(t, root, "debug.log", "")
	mkfile(t, root, "keep.log", "")
	mkfile(t, root, "venv/pyvenv.cfg", "home = /usr/bin\n")
	mkfile(t, root, "venv/lib/x.py", "")
	mkfile(t, root, "node_modules/x/index.js", "")
	mkfile(t, root, "lib/dist-packages/django/conf/global_settings.py", "")
	mkfile(t, root, "app/__pycache__/views.cpython-311.pyc", "")
	big, err := os.Create(filepath.Join(root, "dump.sql"))
	if err != nil {
		t.Fatal(err)
	}
	big.Truncate(50 << 20) // sparse: 50 MB without writing them
	big.Close()
	if err := os.Symlink("..", filepath.Join(root, "app", "loop")); err != nil {
		t.Fatal(err)
	}
	os.Symlink("nowhere", filepath.Join(root, "dangling"))
	if runtime.GOOS == "linux" {
		// Reading /proc/self/mem at offset 0 fails even for root, which
		// chmod 000 cannot arrange.
		os.Symlink("/proc/self/mem", filepath.Join(root, "unreadable.txt"))
		os.Symlink("/etc", filepath.Join(root, "etc"))
		if err := mkfifo(filepath.Join(root, "fifo.py")); err != nil {
			t.Fatal(err)
		}
	}

	files, issues, err := Walk(root, WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	got := strings.Join(paths, " ")
	want := ".gitignore app/templates/app/page.html app/views.py keep.log logo.png"
	if got != want {
		t.Errorf("files:\ngot  %s\nwant %s", got, want)
	}
	var msgs []string
	for _, is := range issues {
		msgs = append(msgs, is.Path+": "+is.Message+" alias="+is.Alias)
	}
	wantIssues := []string{
		"app/loop:  alias=.",
		"dump.sql: skipped: 50 MB is larger than the 16 MB limit",
	}
	if runtime.GOOS == "linux" {
		wantIssues = append(wantIssues,
			"etc: symbolic link leads out of the scanned tree; not followed",
			"fifo.py: skipped: a named pipe (FIFO), not a regular file",
			"unreadable.txt: symbolic link leads out of the scanned tree; not followed")
		sort.Strings(wantIssues)
		sort.Slice(issues, func(i, j int) bool { return issues[i].Path < issues[j].Path })
		msgs = msgs[:0]
		for _, is := range issues {
			msgs = append(msgs, is.Path+": "+is.Message+" alias="+is.Alias)
		}
	}
	if len(msgs) != len(wantIssues) {
		t.Fatalf("issues: got %q, want %d", msgs, len(wantIssues))
	}
	for i, w := range wantIssues {
		if !strings.HasPrefix(msgs[i], w) {
			t.Errorf("issue %d: got %q, want prefix %q", i, msgs[i], w)
		}
	}
	for _, f := range files {
		switch f.Path {
		case "logo.png":
			if !f.Binary() || f.Kind() != 0 {
				t.Errorf("logo.png: got binary=%v kind=%v, want binary and no kind", f.Binary(), f.Kind())
			}
		case "app/templates/app/page.html":
			if f.Kind() != Text|Template {
				t.Errorf("page.html: got kind %v, want text|template", f.Kind())
			}
		}
	}
}

// TestWalkFollowOutside checks that links out of the root are followed
// only when asked, and that a file the link leads to that cannot be read
// is a read error, not a crash.
func TestWalkFollowOutside(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("uses /proc/self/mem, which only Linux has")
	}
	root := t.TempDir()
	os.Symlink("/proc/self/mem", filepath.Join(root, "unreadable.txt"))
	files, _, err := Walk(root, WalkOptions{FollowOutside: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 {
		t.Fatalf("got %d files, want unreadable.txt", len(files))
	}
	if _, err := files[0].Content(); err == nil {
		t.Error("unreadable.txt: got no read error")
	}
}

// TestWalkInTreeLinks checks that a link to a folder inside the tree is
// scanned once, under the real folder's name, and that paths through the
// link find the real files.
func TestWalkInTreeLinks(t *testing.T) {
	root := t.TempDir()
	mkfile(t, root, "reqs/base.txt", "django==4.2\n")
	mkfile(t, root, "reqs/pip.txt", "-r base.txt\n")
	if err := os.Symlink("reqs", filepath.Join(root, "requirements")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.Symlink("reqs/base.txt", filepath.Join(root, "base.txt"))
	files, issues, err := Walk(root, WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	if got, want := strings.Join(paths, " "), "reqs/base.txt reqs/pip.txt"; got != want {
		t.Errorf("files: got %s, want %s", got, want)
	}
	p := New(root, files, Inputs{})
	for _, is := range issues {
		if is.Alias == "" {
			t.Errorf("got issue %+v, want only aliases", is)
		}
		p.Alias(is.Path, is.Alias)
	}
	for rel, want := range map[string]string{"requirements/pip.txt": "reqs/pip.txt", "base.txt": "reqs/base.txt", "requirements/nope.txt": ""} {
		f := p.File(rel)
		switch {
		case want == "" && f != nil:
			t.Errorf("File(%s): got %s, want none", rel, f.Path)
		case want != "" && (f == nil || f.Path != want):
			t.Errorf("File(%s): got %v, want %s", rel, f, want)
		}
	}
}

func TestWalkSingleFile(t *testing.T) {
	root := t.TempDir()
	mkfile(t, root, "settings.py", "DEBUG = True\n")
	files, _, err := Walk(filepath.Join(root, "settings.py"), WalkOptions{})
	if err != nil || len(files) != 1 || files[0].Path != "settings.py" {
		t.Fatalf("got %v, %v; want one file settings.py", files, err)
	}
}

// TestWalkLeavesOutDistributions checks that folders of third-party
// packages copied into the tree (a PKG-INFO beside their code, or a
// vendor folder of such packages, one copied without its PKG-INFO too)
// are left out with one note naming them, that an .egg-info folder is not
// taken for one, and that such a folder given as the root is scanned.
func TestWalkLeavesOutDistributions(t *testing.T) {
	root := t.TempDir()
	mkfile(t, root, "shop/views.py", "")
	mkfile(t, root, "shop.egg-info/PKG-INFO", "Name: shop\n")
	for _, pkg := range []string{"Django", "bleach"} {
		mkfile(t, root, "vendor/packages/"+pkg+"/PKG-INFO", "Name: "+pkg+"\n")
		mkfile(t, root, "vendor/packages/"+pkg+"/"+strings.ToLower(pkg)+"/__init__.py", "")
	}
	mkfile(t, root, "vendor/packages/twisted/twisted/__init__.py", "")
	for _, pkg := range []string{"celery", "kombu", "redis"} {
		mkfile(t, root, "contrib/"+pkg+"/PKG-INFO", "Name: "+pkg+"\n")
		mkfile(t, root, "contrib/"+pkg+"/"+pkg+"/__init__.py", "")
	}
	mkfile(t, root, "contrib/ours/views.py", "")
	files, issues, err := Walk(root, WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	if want := []string{"contrib/ours/views.py", "shop.egg-info/PKG-INFO", "shop/views.py"}; !slices.Equal(paths, want) {
		t.Errorf("files %v, want %v", paths, want)
	}
	if len(issues) != 1 || !issues[0].Note ||
		!strings.HasPrefix(issues[0].Message, "left out contrib/celery, contrib/kombu, contrib/redis and 1 more folders: ") {
		t.Errorf("issues %+v, want one note naming the first three", issues)
	}
	files, _, err = Walk(filepath.Join(root, "vendor/packages/Django"), WalkOptions{})
	if err != nil || len(files) != 2 {
		t.Errorf("the package as the root: %d files, %v; want its 2", len(files), err)
	}
}

func TestFileLine(t *testing.T) {
	f := &File{Path: "a.py"}
	f.content, f.loaded = []byte("one\r\ntwo\nthree"), true
	for n, want := range map[int]string{0: "", 1: "one", 2: "two", 3: "three", 4: ""} {
		if got := f.Line(n); got != want {
			t.Errorf("Line(%d): got %q, want %q", n, got, want)
		}
	}
}

// TestWalkSameInParallel checks that a walk reading directories in
// parallel lists the same files and issues, in the same order, as one
// reading them one at a time: nested .gitignore files, links out of the
// root (more than get a note each), links inside it, exclude patterns,
// files over the limits and folders deeper than the walk goes.
func TestWalkSameInParallel(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	mkfile(t, outside, "secret.py", "x = 1\n")
	mkfile(t, root, ".gitignore", "*.log\nbuild/\n")
	for i := range 12 {
		dir := fmt.Sprintf("pkg%02d", i)
		mkfile(t, root, dir+"/views.py", strings.Repeat("x = 1\n", i+1))
		mkfile(t, root, dir+"/debug.log", "")
		mkfile(t, root, dir+"/build/out.py", "")
		mkfile(t, root, dir+"/sub/templates/page.html", "<p></p>\n")
		mkfile(t, root, dir+"/sub/deep/er/models.py", "")
		mkfile(t, root, dir+"/sub/.gitignore", "*.tmp\n!keep.tmp\n")
		mkfile(t, root, dir+"/sub/a.tmp", "")
		mkfile(t, root, dir+"/sub/keep.tmp", "")
		mkfile(t, root, dir+"/vendor/lib.py", "")
		os.Symlink(outside, filepath.Join(root, dir, "out1"))
		os.Symlink(filepath.Join(outside, "secret.py"), filepath.Join(root, dir, "sub", "out2.py"))
		os.Symlink("../pkg00", filepath.Join(root, dir, "sibling"))
		big, err := os.Create(filepath.Join(root, dir, ".env"))
		if err != nil {
			t.Fatal(err)
		}
		big.Truncate(3 << 20) // sparse, over MaxConfigFileSize
		big.Close()
	}
	deep := "deep"
	for range maxDirDepth + 1 {
		deep += "/d"
	}
	mkfile(t, root, deep+"/x.py", "")
	exclude := &Ignore{}
	exclude.Add("", "pkg03/sub/")
	config := &Ignore{}
	config.Add("", "vendor/")
	opts := WalkOptions{Exclude: exclude, ConfigExclude: config, ConfigName: ".djsec.toml"}

	walk := func(procs int) string {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		files, issues, err := Walk(root, opts)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, f := range files {
			fmt.Fprintf(&b, "%s %d\n", f.Path, f.Size)
		}
		for _, is := range issues {
			fmt.Fprintf(&b, "%+v\n", is)
		}
		return b.String()
	}
	want := walk(1)
	for _, s := range []string{"symbolic link leads out", "more symbolic links lead out", "left 12 files out",
		"nested more than", "Alias:pkg00", "larger than the 2 MB limit", "pkg11/views.py"} {
		if !strings.Contains(want, s) {
			t.Errorf("the walk did not meet what the test means it to: no %q in\n%s", s, want)
		}
	}
	for _, procs := range []int{2, 4, 8} {
		if got := walk(procs); got != want {
			t.Errorf("GOMAXPROCS %d: got\n%s\nwant (one at a time)\n%s", procs, got, want)
		}
	}
}
