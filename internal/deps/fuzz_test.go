package deps

import "testing"

// FuzzParseVersion checks that a parsed version prints in a normal form that
// parses back to an equal version.
func FuzzParseVersion(f *testing.F) {
	for _, s := range []string{"1.0", "v1!2.3.4rc5.post6.dev7+local.8", "1.0-1", "1.0a", "0", "1..0", "1.0+"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseVersion(s)
		if err != nil {
			return
		}
		w, err := ParseVersion(v.String())
		if err != nil {
			t.Fatalf("%q printed as %q, which does not parse: %v", s, v, err)
		}
		if v.Compare(w) != 0 || w.String() != v.String() {
			t.Fatalf("%q printed as %q, which parses to %q", s, v, w)
		}
	})
}

// FuzzExtractors checks that no input makes an extractor panic, and that
// every package and error it returns has a place in the file.
func FuzzExtractors(f *testing.F) {
	f.Add("django==3.2.0\n-r x.txt\n")
	f.Add("[[package]]\nname = \"django\"\nversion = \"3.2.0\"\n")
	f.Add("{\"default\": {\"django\": {\"version\": \"==3.2.0\"}}}")
	f.Add("[project]\ndependencies = [\"django>=4\"]\n[tool.poetry.dependencies]\npython = \"^3.8\"\n")
	f.Add("FROM python:${V:-3.8}\n")
	paths := []string{"requirements.txt", "poetry.lock", "Pipfile.lock", "pyproject.toml", "Dockerfile", "uv.lock", "pylock.toml", "runtime.txt", ".python-version", "pdm.lock"}
	f.Fuzz(func(t *testing.T, content string) {
		for _, p := range paths {
			for _, x := range Extractors() {
				if !x.FileRequired(p) {
					continue
				}
				r := x.Extract(p, []byte(content))
				for _, pkg := range r.Packages {
					if pkg.Location.Path != p || pkg.Name == "" {
						t.Fatalf("%s: package %+v has no place or name", p, pkg)
					}
				}
			}
		}
	})
}

// FuzzIndexDecode checks that no content of an index file makes its decoder
// panic or allocate without bound.
func FuzzIndexDecode(f *testing.F) {
	dir := f.TempDir()
	writeIndexedDB(f, dir, 4)
	db, err := LoadDB(dir)
	if err != nil {
		f.Fatal(err)
	}
	names := []string{"pkg0", "pkg1", "some-lib"}
	var body encoder
	refs := make([]entriesRef, len(names))
	for i, name := range names {
		start := len(body.b)
		encodeEntries(&body, db.byName[name])
		refs[i] = entriesRef{off: int64(start), n: int64(len(body.b) - start)}
		f.Add(body.b[start:])
	}
	var h encoder
	encodeHeader(&h, db, names, refs)
	f.Add(h.b)
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeHeader(b, 1<<20)
		decodeEntries(b)
	})
}
