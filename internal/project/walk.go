package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// skipDirs are directories nobody wants scanned: version control, caches and
// installed third-party code.
var skipDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true,
	"node_modules": true, "site-packages": true, "dist-packages": true, "__pycache__": true,
	".tox": true, ".nox": true, ".mypy_cache": true, ".pytest_cache": true, ".ruff_cache": true,
}

// DefaultMaxFileSize is the size above which a file is skipped (and reported):
// such files are data dumps or bundles, not source.
const DefaultMaxFileSize = 16 << 20

// WalkOptions says what to leave out of a walk.
type WalkOptions struct {
	Exclude     *Ignore // extra patterns from --exclude
	MaxFileSize int64   // 0 means DefaultMaxFileSize
	// ConfigExclude holds the exclude patterns of a configuration file in
	// the scanned tree, which whoever writes the repository controls: the
	// files they leave out are counted, and a note says how many.
	ConfigExclude *Ignore
	ConfigName    string // the configuration's path, for that note
	// FollowOutside follows symbolic links that lead out of the root. By
	// default they are not followed: the tree is written by whoever wrote
	// the repository, and a link to /etc must not put /etc in the report
	// under an in-tree name.
	FollowOutside bool
}

// walker holds the state of one walk.
type walker struct {
	root string
	real string // the root with symbolic links resolved
	opts WalkOptions
	// visited holds the real paths of directories entered, to break
	// symlink loops; nil when the walk follows no link, which makes every
	// directory's real path the root's followed by its own, each met once.
	visited map[string]bool
	// linkedDir says that a link the walk could not resolve turned out to
	// be a directory, which a parallel walk cannot check for loops in the
	// order a serial one would: Walk then walks again, serially.
	linkedDir atomic.Bool
}

// walkDir is what the walk found in one directory, in the order of its
// entries: files, issues and the walks of its subdirectories. Walk puts
// the tree of them together in that order, so that its result does not
// depend on how many directories were read at once.
type walkDir struct {
	rel, abs string
	ignore   *Ignore // .gitignore patterns in force inside
	items    []walkItem
}

type walkItem struct {
	file  *File
	issue *Issue
	dir   *walkDir
	// outside is a symbolic link out of the root, left alone: the first
	// maxLinkNotes get a note of their own.
	outside string
	// configExcluded counts files ConfigExclude left out.
	configExcluded int
	// distribution is a folder left out as a third-party package copied
	// into the tree (unpackedDistribution).
	distribution string
}

// countFiles counts the regular files at abs (one, or those below a
// folder), without following links or reading them.
func countFiles(abs string, isDir bool) int {
	if !isDir {
		return 1
	}
	n := 0
	filepath.WalkDir(abs, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			n++
		}
		return nil
	})
	return n
}

// maxLinkNotes bounds the notes about links out of the root: one each for
// the first ones, then one note counting the rest.
const maxLinkNotes = 20

// Issue is something that kept part of the tree from being scanned, a
// note about what the walk chose to leave out, or an alias.
type Issue struct {
	Path    string
	Line    int
	Column  int
	Message string
	// Note marks a choice the user should know of (a link out of the root
	// left alone) rather than a problem.
	Note bool
	// Alias, when set, says that Path is a symbolic link to Alias, a path
	// inside the tree that is scanned under its own name; Message is empty.
	Alias string
}

// Walk lists the files under root that a scan should read, in path order,
// and the problems met on the way (unreadable directories, symlink loops,
// files too large).
//
// Directories are read in parallel (as many at once as GOMAXPROCS), unless
// the walk follows links out of the root (FollowOutside): then a directory
// can be reached twice, the order of the walk decides which way in is
// kept, and it stays serial.
func Walk(root string, opts WalkOptions) ([]*File, []Issue, error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, nil, err
	}
	if opts.MaxFileSize == 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	w := &walker{root: root, opts: opts}
	w.real, err = filepath.EvalSymlinks(root)
	if err != nil {
		return nil, nil, err
	}
	if !info.IsDir() {
		// A single file: scan it as if its directory were the root.
		w.real = filepath.Dir(w.real)
		w.root = filepath.Dir(root)
		top := &walkDir{}
		w.addFile(top, filepath.Base(root), info)
		return w.collect(top)
	}
	if opts.FollowOutside {
		w.visited = map[string]bool{}
	}
	top := w.walk(runtime.GOMAXPROCS(0) > 1 && !opts.FollowOutside)
	if w.linkedDir.Load() {
		w.visited = map[string]bool{}
		top = w.walk(false)
	}
	return w.collect(top)
}

// walk reads the tree from the root, serially (depth first, as the
// result lists it) or in parallel.
func (w *walker) walk(parallel bool) *walkDir {
	top := &walkDir{abs: w.root, ignore: &Ignore{}}
	if !parallel {
		var visit func(d *walkDir)
		visit = func(d *walkDir) {
			w.dir(d, visit)
		}
		visit(top)
		return top
	}
	// A stack of directories to read, shared by the workers: last in,
	// first out, so that the walk stays near the deepest folder it found
	// and the queue stays short.
	var (
		mu      sync.Mutex
		cond    = sync.NewCond(&mu)
		todo    = []*walkDir{top}
		pending = 1 // directories queued or being read
	)
	push := func(d *walkDir) {
		mu.Lock()
		todo = append(todo, d)
		pending++
		mu.Unlock()
		cond.Signal()
	}
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				for len(todo) == 0 && pending > 0 {
					cond.Wait()
				}
				if pending == 0 {
					mu.Unlock()
					cond.Broadcast()
					return
				}
				d := todo[len(todo)-1]
				todo = todo[:len(todo)-1]
				mu.Unlock()
				w.dir(d, push)
				mu.Lock()
				pending--
				done := pending == 0
				mu.Unlock()
				if done {
					cond.Broadcast()
				}
			}
		}()
	}
	wg.Wait()
	return top
}

// collect puts the walk's tree together: its files in path order, and
// its issues in the order of a depth-first walk.
func (w *walker) collect(top *walkDir) ([]*File, []Issue, error) {
	var files []*File
	var issues []Issue
	outside, configExcluded := 0, 0
	var distributions []string
	var visit func(d *walkDir)
	visit = func(d *walkDir) {
		for _, it := range d.items {
			switch {
			case it.file != nil:
				files = append(files, it.file)
			case it.issue != nil:
				issues = append(issues, *it.issue)
			case it.dir != nil:
				visit(it.dir)
			case it.outside != "":
				outside++
				if outside <= maxLinkNotes {
					issues = append(issues, Issue{Path: it.outside, Note: true,
						Message: "symbolic link leads out of the scanned tree; not followed (--follow-outside-links follows it)"})
				}
			}
			configExcluded += it.configExcluded
			if it.distribution != "" {
				distributions = append(distributions, it.distribution)
			}
		}
	}
	visit(top)
	if len(distributions) > 0 {
		issues = append(issues, distributionNote(distributions))
	}
	if configExcluded > 0 {
		issues = append(issues, Issue{Path: w.opts.ConfigName, Note: true,
			Message: fmt.Sprintf("its exclude patterns left %d files out of the scan", configExcluded)})
	}
	if n := outside - maxLinkNotes; n > 0 {
		issues = append(issues, Issue{Path: ".", Note: true,
			Message: fmt.Sprintf("%d more symbolic links lead out of the scanned tree; not followed (--follow-outside-links follows them)", n)})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, issues, nil
}

// distributionNote says which third-party packages copied into the tree
// the walk left out, the first few by name.
func distributionNote(dirs []string) Issue {
	const named = 3
	msg := "left out " + strings.Join(dirs[:min(named, len(dirs))], ", ")
	if n := len(dirs) - named; n > 0 {
		msg += fmt.Sprintf(" and %d more folders", n)
	}
	return Issue{Path: ".", Note: true, Message: msg + ": third-party packages copied into the tree (a folder holding a PKG-INFO, " +
		"or a vendor or packages folder of them); scan such a folder on its own to check it"}
}

func (d *walkDir) problem(rel, format string, args ...any) {
	d.items = append(d.items, walkItem{issue: &Issue{Path: rel, Message: fmt.Sprintf(format, args...)}})
}

// dir reads one directory, d.rel relative to the root ("" for the root)
// at d.abs on disk (which may go through symlinks), with the .gitignore
// patterns of its parents in d.ignore. It hands each subdirectory to walk,
// which reads it at once or later.
func (w *walker) dir(d *walkDir, walk func(*walkDir)) {
	rel, abs := d.rel, d.abs
	if strings.Count(rel, "/") >= maxDirDepth {
		d.problem(rel, "skipped: folders nested more than %d deep", maxDirDepth)
		return
	}
	if w.visited != nil {
		real, err := filepath.EvalSymlinks(abs)
		if err == nil {
			if w.visited[real] {
				d.problem(rel, "symbolic link loop: %s leads back to a directory already scanned; skipped", rel)
				return
			}
			w.visited[real] = true
		}
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		d.problem(displayPath(rel), "cannot read directory: %v", unwrapPathError(err))
		return
	}
	if isVirtualenv(entries) {
		return
	}
	if rel != "" && (unpackedDistribution(entries, path.Base(rel)) || packagesFolder(abs, path.Base(rel), entries)) {
		d.items = append(d.items, walkItem{distribution: rel})
		return
	}
	// Most folders have no .gitignore: the listing says so without a
	// failed open.
	if hasEntry(entries, ".gitignore") {
		if data, err := ReadRegular(filepath.Join(abs, ".gitignore"), maxIgnoreFile); err == nil {
			d.ignore = d.ignore.Merge(ParseIgnore(rel, data))
		} else if !errors.Is(err, fs.ErrNotExist) {
			d.problem(joinRel(rel, ".gitignore"), "cannot read: %v; its patterns were not applied", unwrapPathError(err))
		}
	}
	for _, e := range entries {
		if sub := w.entry(d, e); sub != nil {
			walk(sub)
		}
	}
}

// entry looks at one entry of directory d and returns the subdirectory to
// walk, if it is one.
func (w *walker) entry(d *walkDir, e fs.DirEntry) *walkDir {
	name := e.Name()
	rel := joinRel(d.rel, name)
	abs := filepath.Join(d.abs, name)
	link := e.Type()&fs.ModeSymlink != 0
	if link && !w.link(d, rel, abs) {
		return nil
	}
	if !link && e.IsDir() {
		// The listing tells a folder; only a file's size needs a stat.
		return w.subdir(d, name, rel, abs, false)
	}
	info, err := os.Stat(abs) // follows symlinks
	if err != nil {
		if link && errors.Is(err, fs.ErrNotExist) {
			return nil // a dangling link points at nothing to scan
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil // removed while we walked
		}
		d.problem(rel, "cannot read: %v", unwrapPathError(err))
		return nil
	}
	if info.IsDir() {
		return w.subdir(d, name, rel, abs, link)
	}
	if d.ignore.Match(rel, false) || w.opts.Exclude.Match(rel, false) {
		return nil
	}
	if w.opts.ConfigExclude.Match(rel, false) {
		d.items = append(d.items, walkItem{configExcluded: countFiles(abs, false)})
		return nil
	}
	switch {
	case info.Mode().IsRegular():
		w.addFile(d, rel, info)
	case name == ".gitignore":
		// dir already said that its patterns were not applied.
	default:
		d.problem(rel, "skipped: %s, not a regular file", modeName(info.Mode()))
	}
	return nil
}

// subdir returns the walk of the folder name in d, if it is to be walked;
// link says that the entry is a symbolic link to it.
func (w *walker) subdir(d *walkDir, name, rel, abs string, link bool) *walkDir {
	if skipDirs[name] || d.ignore.Match(rel, true) || w.opts.Exclude.Match(rel, true) {
		return nil
	}
	if w.opts.ConfigExclude.Match(rel, true) {
		d.items = append(d.items, walkItem{configExcluded: countFiles(abs, true)})
		return nil
	}
	if link && w.visited == nil {
		// a link that did not resolve, yet leads to a folder
		w.linkedDir.Store(true)
		return nil
	}
	sub := &walkDir{rel: rel, abs: abs, ignore: d.ignore}
	d.items = append(d.items, walkItem{dir: sub})
	return sub
}

func hasEntry(entries []fs.DirEntry, name string) bool {
	for _, e := range entries {
		if e.Name() == name {
			return true
		}
	}
	return false
}

// link decides whether to follow the symbolic link at rel. A link that
// leads out of the root is not followed unless FollowOutside is set (a
// note says so). A link to a file or folder inside the tree is not
// followed either: the walk reaches its target under its own name, so it
// is scanned once, and the alias lets lookups through the link (an include
// of requirements/base.txt where requirements links to reqs) find it.
func (w *walker) link(d *walkDir, rel, abs string) bool {
	target, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return true // dangling or unreadable: entry says what it can
	}
	inside, err := filepath.Rel(w.real, target)
	if err != nil || inside == ".." || strings.HasPrefix(inside, ".."+string(filepath.Separator)) || filepath.IsAbs(inside) {
		if w.opts.FollowOutside {
			return true
		}
		d.items = append(d.items, walkItem{outside: rel})
		return false
	}
	d.items = append(d.items, walkItem{issue: &Issue{Path: rel, Alias: filepath.ToSlash(inside)}})
	return false
}

func (w *walker) addFile(d *walkDir, rel string, info fs.FileInfo) {
	if info.Size() > w.opts.MaxFileSize {
		d.problem(rel, "skipped: %s is larger than the %s limit (--max-file-size)",
			humanSize(info.Size()), humanSize(w.opts.MaxFileSize))
		return
	}
	if info.Size() > MaxConfigFileSize && info.Size() > 0 && isConfigFile(rel) {
		d.problem(rel, "skipped: %s is larger than the %s limit for configuration and deployment files",
			humanSize(info.Size()), humanSize(MaxConfigFileSize))
		return
	}
	d.items = append(d.items, walkItem{file: &File{Path: rel, Abs: filepath.Join(w.root, filepath.FromSlash(rel)), Size: info.Size(),
		byName: NameKind(rel), byNameOK: true, walked: true}})
}

// modeName says what kind of file a non-regular file is.
func modeName(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// maxDirDepth bounds the nesting of folders walked: real trees nest a few
// dozen deep at most, and each level costs every file below it the
// patterns of its .gitignore.
const maxDirDepth = 100

// maxIgnoreFile bounds a .gitignore file: real ones are a few kilobytes.
const maxIgnoreFile = 1 << 20

// MaxConfigFileSize bounds configuration and deployment files (YAML,
// Dockerfiles, INI, .env): they are parsed into trees many times their
// size, and real ones are kilobytes.
const MaxConfigFileSize = 2 << 20

// isConfigFile reports whether rel names a configuration or deployment
// file, which MaxConfigFileSize bounds.
//
// Any YAML file is a Deploy file, but most are data (test cassettes,
// fixtures) that only the secrets rules read, and a large one may be just
// where a token leaked: those stay, and the YAML decoder bounds itself
// (infra.MaxYAML).
func isConfigFile(rel string) bool {
	if k := NameKind(rel); k&(Nginx|Compose|Dockerfile) != 0 || k&Deploy != 0 && DeployName(rel) != "yaml" && DeployName(rel) != "cloudformation" {
		return true
	}
	base := strings.ToLower(path.Base(rel))
	switch ext := path.Ext(base); {
	case ext == ".ini" || ext == ".cfg" || base == "procfile" || base == ".env" || strings.HasPrefix(base, ".env."):
		return true
	}
	return false
}

// unpackedDistribution reports a folder that holds a PKG-INFO: a source
// distribution of a package unpacked into the tree (vendor/packages/Django,
// a library copied in whole), third-party code like what site-packages
// holds. The .egg-info and .dist-info folders that describe a package
// hold one too, and nothing else to scan. The root itself is scanned
// whatever it holds: scanning such a folder on its own checks it.
func unpackedDistribution(entries []fs.DirEntry, name string) bool {
	if strings.HasSuffix(name, ".egg-info") || strings.HasSuffix(name, ".dist-info") {
		return false
	}
	for _, e := range entries {
		if e.Name() == "PKG-INFO" && e.Type().IsRegular() {
			return true
		}
	}
	return false
}

// packageFolders are the names of the folders projects copy third-party
// packages into.
var packageFolders = map[string]bool{"vendor": true, "vendored": true, "_vendor": true, "third_party": true,
	"thirdparty": true, "packages": true, "external": true, "libs": true}

// packagesFolder reports a folder of third-party packages copied into the
// tree (vendor/packages): named for one, with two of its folders or more
// unpacked distributions. The others beside them (a package copied
// without its PKG-INFO) are third-party code too.
func packagesFolder(abs, name string, entries []fs.DirEntry) bool {
	if !packageFolders[name] {
		return false
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if info, err := os.Lstat(filepath.Join(abs, e.Name(), "PKG-INFO")); err == nil && info.Mode().IsRegular() {
			if n++; n >= 2 {
				return true
			}
		}
	}
	return false
}

func isVirtualenv(entries []fs.DirEntry) bool {
	for _, e := range entries {
		if e.Name() == "pyvenv.cfg" {
			return true
		}
	}
	return false
}

func joinRel(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}

func displayPath(rel string) string {
	if rel == "" {
		return "."
	}
	return rel
}

// unwrapPathError drops the path from an os error: the report already says it.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return strings.TrimSuffix(fmt.Sprintf("%.1f", float64(n)/(1<<20)), ".0") + " MB"
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
