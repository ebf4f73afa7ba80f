package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
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
	root    string
	real    string // the root with symbolic links resolved
	opts    WalkOptions
	files   []*File
	issues  []Issue
	visited map[string]bool // real paths of directories entered, to break symlink loops
	ignore  *Ignore         // .gitignore patterns seen so far on this branch
	outside int             // symbolic links out of the root left alone
	// configExcluded counts the files ConfigExclude left out.
	configExcluded int
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
func Walk(root string, opts WalkOptions) ([]*File, []Issue, error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, nil, err
	}
	if opts.MaxFileSize == 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	w := &walker{root: root, opts: opts, visited: map[string]bool{}, ignore: &Ignore{}}
	w.real, err = filepath.EvalSymlinks(root)
	if err != nil {
		return nil, nil, err
	}
	if !info.IsDir() {
		w.real = filepath.Dir(w.real)
	}
	if !info.IsDir() {
		// A single file: scan it as if its directory were the root.
		w.root = filepath.Dir(root)
		w.addFile(filepath.Base(root), info)
		return w.files, w.issues, nil
	}
	w.dir("", root)
	if w.configExcluded > 0 {
		w.issues = append(w.issues, Issue{Path: opts.ConfigName, Note: true,
			Message: fmt.Sprintf("its exclude patterns left %d files out of the scan", w.configExcluded)})
	}
	if n := w.outside - maxLinkNotes; n > 0 {
		w.issues = append(w.issues, Issue{Path: ".", Note: true,
			Message: fmt.Sprintf("%d more symbolic links lead out of the scanned tree; not followed (--follow-outside-links follows them)", n)})
	}
	sort.Slice(w.files, func(i, j int) bool { return w.files[i].Path < w.files[j].Path })
	return w.files, w.issues, nil
}

func (w *walker) problem(rel, format string, args ...any) {
	w.issues = append(w.issues, Issue{Path: rel, Message: fmt.Sprintf(format, args...)})
}

// dir walks one directory. rel is its path relative to the root ("" for the
// root), abs its path on disk (which may go through symlinks).
func (w *walker) dir(rel, abs string) {
	if strings.Count(rel, "/") >= maxDirDepth {
		w.problem(rel, "skipped: folders nested more than %d deep", maxDirDepth)
		return
	}
	real, err := filepath.EvalSymlinks(abs)
	if err == nil {
		if w.visited[real] {
			w.problem(rel, "symbolic link loop: %s leads back to a directory already scanned; skipped", rel)
			return
		}
		w.visited[real] = true
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		w.problem(displayPath(rel), "cannot read directory: %v", unwrapPathError(err))
		return
	}
	if isVirtualenv(entries) {
		return
	}
	saved := w.ignore
	if data, err := ReadRegular(filepath.Join(abs, ".gitignore"), maxIgnoreFile); err == nil {
		w.ignore = w.ignore.Merge(ParseIgnore(rel, data))
	} else if !errors.Is(err, fs.ErrNotExist) {
		w.problem(joinRel(rel, ".gitignore"), "cannot read: %v; its patterns were not applied", unwrapPathError(err))
	}
	defer func() { w.ignore = saved }()
	for _, e := range entries {
		w.entry(rel, abs, e)
	}
}

func (w *walker) entry(parentRel, parentAbs string, e fs.DirEntry) {
	name := e.Name()
	rel := joinRel(parentRel, name)
	abs := filepath.Join(parentAbs, name)
	if e.Type()&fs.ModeSymlink != 0 && !w.link(rel, abs) {
		return
	}
	info, err := os.Stat(abs) // follows symlinks
	if err != nil {
		if e.Type()&fs.ModeSymlink != 0 && errors.Is(err, fs.ErrNotExist) {
			return // a dangling link points at nothing to scan
		}
		if errors.Is(err, fs.ErrNotExist) {
			return // removed while we walked
		}
		w.problem(rel, "cannot read: %v", unwrapPathError(err))
		return
	}
	isDir := info.IsDir()
	if isDir && skipDirs[name] {
		return
	}
	if w.ignore.Match(rel, isDir) || w.opts.Exclude.Match(rel, isDir) {
		return
	}
	if w.opts.ConfigExclude.Match(rel, isDir) {
		w.configExcluded += countFiles(abs, isDir)
		return
	}
	switch {
	case isDir:
		w.dir(rel, abs)
	case info.Mode().IsRegular():
		w.addFile(rel, info)
	case name == ".gitignore":
		// dir already said that its patterns were not applied.
	default:
		w.problem(rel, "skipped: %s, not a regular file", modeName(info.Mode()))
	}
}

// link decides whether to follow the symbolic link at rel. A link that
// leads out of the root is not followed unless FollowOutside is set (a
// note says so). A link to a file or folder inside the tree is not
// followed either: the walk reaches its target under its own name, so it
// is scanned once, and the alias lets lookups through the link (an include
// of requirements/base.txt where requirements links to reqs) find it.
func (w *walker) link(rel, abs string) bool {
	target, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return true // dangling or unreadable: entry says what it can
	}
	inside, err := filepath.Rel(w.real, target)
	if err != nil || inside == ".." || strings.HasPrefix(inside, ".."+string(filepath.Separator)) || filepath.IsAbs(inside) {
		if w.opts.FollowOutside {
			return true
		}
		w.outside++
		if w.outside <= maxLinkNotes {
			w.issues = append(w.issues, Issue{Path: rel, Note: true,
				Message: "symbolic link leads out of the scanned tree; not followed (--follow-outside-links follows it)"})
		}
		return false
	}
	w.issues = append(w.issues, Issue{Path: rel, Alias: filepath.ToSlash(inside)})
	return false
}

func (w *walker) addFile(rel string, info fs.FileInfo) {
	if info.Size() > w.opts.MaxFileSize {
		w.problem(rel, "skipped: %s is larger than the %s limit (--max-file-size)",
			humanSize(info.Size()), humanSize(w.opts.MaxFileSize))
		return
	}
	if info.Size() > MaxConfigFileSize && info.Size() > 0 && isConfigFile(rel) {
		w.problem(rel, "skipped: %s is larger than the %s limit for configuration and deployment files",
			humanSize(info.Size()), humanSize(MaxConfigFileSize))
		return
	}
	w.files = append(w.files, &File{Path: rel, Abs: filepath.Join(w.root, filepath.FromSlash(rel)), Size: info.Size(),
		byName: NameKind(rel), byNameOK: true})
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
