package cli

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/config"
	"github.com/djsec/djsec/internal/editdist"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/render"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/rules"
)

func init() {
	register(&command{name: "scan", summary: "audit a Django project tree: settings, code, templates, secrets, dependencies, deployment files", run: runScan})
	helps["scan"] = &help{
		usage:   "djsec scan [flags] [PATH]",
		summary: "Audits a Django project tree: settings, Python code, templates, secrets, dependencies and deployment files.",
		args:    [][2]string{{"PATH", "the project's root folder, or one file (default: the current folder)"}},
		examples: [][2]string{
			{"djsec scan", "audit the project in the current folder"},
			{"djsec scan backend --severity high -q", "high and critical findings only, nothing else"},
			{"djsec scan -f html -o djsec.html", "one self-contained page to share"},
			{"djsec scan -f sarif -o djsec.sarif --fail-on never", "for a code-scanning upload: the upload, not the exit status, reports"},
			{"djsec baseline .djsec-baseline.json && djsec scan --baseline .djsec-baseline.json", "record today's findings, then report only new ones"},
		},
	}
}

type scanFlags struct {
	outputFlags
	baseline, configFile  string
	settings, envFile, db string
	sarifPrefix           string
	exclude, env, only    listFlag
	jobs                  int
	maxFileSize           int64
	// set records the flags given on the command line.
	set                         map[string]bool
	includeTests, followOutside bool
}

func (sf *scanFlags) define(fs *flag.FlagSet) {
	sf.outputFlags.define(fs)
	fs.StringVar(&sf.baseline, "baseline", "", "report only findings not in this earlier JSON report `FILE` (see djsec baseline)")
	fs.StringVar(&sf.configFile, "config", "", "configuration `FILE` (default: .djsec.toml, else [tool.djsec] in pyproject.toml, at the scanned root)")
	fs.Var(&sf.exclude, "exclude", "leave out paths matching this gitignore-style `PATTERN` (repeatable)")
	fs.Var(&sf.only, "rule", "run only this rule `ID`, or every rule of an area (DJK: secrets) (repeatable)")
	fs.StringVar(&sf.settings, "settings", "", "audit only this settings `MODULE` (default: every one found)")
	fs.Var(&sf.env, "env", "environment value `K=V` used to resolve settings (repeatable)")
	fs.StringVar(&sf.envFile, "env-file", "", "read environment values for settings from `FILE` (KEY=VALUE lines)")
	fs.StringVar(&sf.db, "db", "", "OSV vulnerability database: a `PATH` to a directory of records or an all.zip")
	fs.IntVar(&sf.jobs, "jobs", 0, "use `N` CPUs for every stage of the scan (default: every CPU)")
	fs.BoolVar(&sf.includeTests, "include-tests", false, "report findings in tests, fixtures, examples, CI and dev containers (at low severity)")
	fs.BoolVar(&sf.followOutside, "follow-outside-links", false, "follow symbolic links that lead out of the scanned tree (by default they are reported and left alone)")
	fs.Int64Var(&sf.maxFileSize, "max-file-size", project.DefaultMaxFileSize, "skip (and report) files larger than this many `BYTES`")
	fs.StringVar(&sf.sarifPrefix, "sarif-prefix", "", "put `DIR` before every SARIF path (default: the scanned folder's place in its git work tree; . for none)")
}

func runScan(e *env, args []string) int {
	var sf scanFlags
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	sf.define(fs)
	pos, err := parseFlags(fs, args, e)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return e.fail(err)
	}
	sf.set = setFlags(fs)
	if len(pos) > 1 {
		return e.fail(fmt.Errorf("scan takes one path, got %d (%s)", len(pos), strings.Join(pos, " ")))
	}
	target := "."
	if len(pos) == 1 {
		target = pos[0]
	}
	r, enabled, sh, err := scan(e, target, &sf)
	if err != nil {
		return e.fail(err)
	}
	sarif, err := sarifOptions(target, &sf)
	if err != nil {
		return e.fail(err)
	}
	if err := writeReport(e, r, enabled, &sf.outputFlags, sarif); err != nil {
		return e.fail(err)
	}
	return exitStatus(r, sh.failOn)
}

// setFlags returns the names of the flags given on the command line.
func setFlags(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// scan does the work of runScan; every error it returns is one line for the
// user.
func scan(e *env, target string, sf *scanFlags) (*report.Report, []*analysis.Rule, shown, error) {
	var sh shown
	if err := checkFormat(sf.format); err != nil {
		return nil, nil, sh, err
	}
	if sf.set["jobs"] && sf.jobs < 1 {
		return nil, nil, sh, fmt.Errorf("--jobs %d: want at least 1 (without --jobs, one per CPU)", sf.jobs)
	}
	if sf.jobs > 0 {
		// --jobs bounds every stage, the project-wide analyses and the
		// garbage collector included, not only the per-file workers: with
		// --jobs 1 the scan runs on one CPU.
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(sf.jobs))
	}
	info, err := os.Stat(target)
	if err != nil {
		return nil, nil, sh, fmt.Errorf("cannot scan %s: %v", target, unwrapPath(err))
	}
	root := target
	if !info.IsDir() {
		root = filepath.Dir(target)
	}
	cfg, cfgProblem, err := loadConfig(root, sf.configFile)
	if err != nil {
		return nil, nil, sh, err
	}
	if sh, err = sf.outputFlags.check(cfg.FailOn); err != nil {
		return nil, nil, sh, err
	}
	opts, enabled, err := scanOptions(target, sf, cfg)
	if err != nil {
		return nil, nil, sh, err
	}
	if opts.Inputs.Settings != "" {
		if err := checkSettingsModule(root, opts.Inputs.Settings, sf.set["settings"]); err != nil {
			return nil, nil, sh, err
		}
	}
	stop := e.progress(sf.quiet, func(p progressState) string {
		if p.total == 0 {
			return fmt.Sprintf("scanning %s", target)
		}
		return fmt.Sprintf("scanning %s: %s, %d of %d", target, p.stage, p.done, p.total)
	}, &opts.Progress)
	res, err := analysis.Scan(opts)
	stop()
	if err != nil {
		return nil, nil, sh, fmt.Errorf("cannot scan %s: %v", target, unwrapPath(err))
	}
	res.Findings, res.Notes = sh.filter(res.Findings, res.Notes)
	res.Notes = append(res.Notes, ignoreNotes(cfg, time.Now())...)
	r := analysis.NewReport(target, Version, enabled, rules.All(), res)
	if cfgProblem != nil {
		r.Problems = append([]report.Problem{*cfgProblem}, r.Problems...)
	}
	if n := configNote(target, cfg); n != "" {
		r.Notes = append(r.Notes, n)
		sort.Strings(r.Notes)
	}
	return r, enabled, sh, nil
}

// ignoreNotes says which [[ignore]] entries have expired: they hide nothing
// any more, and the findings they hid are back in the report.
func ignoreNotes(cfg *config.Config, now time.Time) []string {
	var notes []string
	for _, ig := range cfg.Ignore {
		if !ig.Expired(now) {
			continue
		}
		what := ig.Rule
		if ig.Path != "" {
			what = strings.TrimSpace(what + " in " + ig.Path)
		}
		notes = append(notes, fmt.Sprintf("%s:%d: the [[ignore]] of %s expired on %s: its findings are reported again (renew it with a new until, or remove it)",
			cfg.Path, ig.Line, what, ig.Until.Format(time.DateOnly)))
	}
	return notes
}

// configInTree reports whether the configuration file sits in the scanned
// tree, where a pull request can change it.
func configInTree(target string, cfg *config.Config) bool {
	if cfg.Path == "" {
		return false
	}
	rel := relConfig(target, cfg)
	return rel != "" && !filepath.IsAbs(rel) && rel != ".." && !strings.HasPrefix(rel, "../")
}

// relConfig is the configuration's path relative to the scanned root.
func relConfig(target string, cfg *config.Config) string {
	if cfg.Path == "" {
		return ""
	}
	root, err := filepath.Abs(target)
	if info, serr := os.Stat(target); serr == nil && !info.IsDir() {
		root = filepath.Dir(root)
	}
	p, err2 := filepath.Abs(cfg.Path)
	if err != nil || err2 != nil {
		return cfg.Path
	}
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return cfg.Path
	}
	return filepath.ToSlash(rel)
}

// configNote says what a configuration file in the scanned tree turns off:
// a pull request that adds one must not quietly silence the scan.
func configNote(target string, cfg *config.Config) string {
	if !configInTree(target, cfg) {
		return ""
	}
	var parts []string
	if len(cfg.Disable) > 0 {
		parts = append(parts, "disables rules "+strings.Join(cfg.Disable, ", "))
	}
	if len(cfg.Exclude) > 0 {
		parts = append(parts, "excludes "+strings.Join(cfg.Exclude, ", "))
	}
	if n := len(cfg.Ignore); n > 0 {
		parts = append(parts, fmt.Sprintf("hides findings with %d [[ignore]] entries", n))
	}
	var lowered []string
	for _, id := range slices.Sorted(maps.Keys(cfg.Severities)) {
		if r := rules.Lookup(id); r != nil && cfg.Severities[id] < r.Severity {
			lowered = append(lowered, id+" to "+cfg.Severities[id].String())
		}
	}
	if len(lowered) > 0 {
		parts = append(parts, "lowers the severity of "+strings.Join(lowered, ", "))
	}
	if cfg.FailOn != "" {
		parts = append(parts, "sets fail_on = "+cfg.FailOn)
	}
	if len(parts) == 0 {
		return ""
	}
	return relConfig(target, cfg) + " (in the scanned tree) " + strings.Join(parts, "; ")
}

// loadConfig reads --config, or the project's own configuration at the root
// (.djsec.toml, else [tool.djsec] in pyproject.toml). A configuration file
// that is not a regular file (a FIFO, a device) is no configuration anyone
// wrote: the scan goes on without it and the report says so.
func loadConfig(root, explicit string) (*config.Config, *report.Problem, error) {
	if explicit != "" {
		c, err := config.Load(explicit, true)
		return c, nil, err
	}
	c, err := config.Find(root)
	if errors.Is(err, project.ErrNotRegular) {
		name := config.FileName
		var pe *fs.PathError
		if errors.As(err, &pe) {
			name = filepath.Base(pe.Path)
		}
		return &config.Config{}, &report.Problem{Location: report.Location{Path: name},
			Message: "not a regular file; the scan ran without this configuration"}, nil
	}
	return c, nil, err
}

func scanOptions(target string, sf *scanFlags, cfg *config.Config) (analysis.Options, []*analysis.Rule, error) {
	enabled, err := selectRules(cfg, sf.only)
	if err != nil {
		return analysis.Options{}, nil, err
	}
	exclude, cfgExclude := &project.Ignore{}, &project.Ignore{}
	inTree := configInTree(target, cfg)
	for _, p := range cfg.Exclude {
		if inTree {
			cfgExclude.Add("", p)
		} else {
			exclude.Add("", p)
		}
	}
	for _, p := range sf.exclude {
		exclude.Add("", p)
	}
	in, err := inputs(sf, cfg)
	if err != nil {
		return analysis.Options{}, nil, err
	}
	baseline, err := loadBaseline(sf.baseline)
	if err != nil {
		return analysis.Options{}, nil, err
	}
	opts := analysis.Options{
		Root:  target,
		Rules: enabled,
		Walk: project.WalkOptions{Exclude: exclude, MaxFileSize: sf.maxFileSize, FollowOutside: sf.followOutside,
			ConfigExclude: cfgExclude, ConfigName: relConfig(target, cfg)},
		Inputs:   in,
		Jobs:     sf.jobs,
		Severity: cfg.Severities,
		Baseline: baseline,
		Tests:    analysis.TestsLeftOut,
	}
	if sf.includeTests {
		opts.Tests = analysis.TestsLow
	}
	for _, ig := range cfg.Ignore {
		opts.Ignores = append(opts.Ignores, analysis.Ignore{Rule: ig.Rule, Path: ig.Path, Reason: ig.Reason, Until: ig.Until})
	}
	return opts, enabled, nil
}

// selectRules applies --rule and the config's disable list. Unknown ids are
// errors: a typo must not silently turn a rule back on.
func selectRules(cfg *config.Config, only []string) ([]*analysis.Rule, error) {
	off := map[string]bool{}
	for _, id := range cfg.Disable {
		r := rules.Lookup(id)
		if r == nil {
			return nil, fmt.Errorf("%s: disable: unknown rule %q", cfg.Path, id)
		}
		off[r.ID] = true
	}
	for id := range cfg.Severities {
		if rules.Lookup(id) == nil {
			return nil, fmt.Errorf("%s: severity: unknown rule %q", cfg.Path, id)
		}
	}
	want := map[string]bool{}
	for _, id := range only {
		if r := rules.Lookup(id); r != nil {
			want[r.ID] = true
			continue
		}
		// An area's prefix (DJK: every secrets rule) selects its rules, so
		// that a hook stays complete when rules are added.
		area := false
		for _, r := range rules.All() {
			if len(id) == 3 && strings.EqualFold(r.ID[:3], id) && r.Scope != analysis.Builtin {
				want[r.ID], area = true, true
			}
		}
		if !area {
			return nil, fmt.Errorf("--rule: unknown rule %q (djsec rules lists them)", id)
		}
	}
	var out []*analysis.Rule
	for _, r := range rules.All() {
		if off[r.ID] || r.Scope == analysis.Live || r.Scope == analysis.Guard || (len(want) > 0 && !want[r.ID] && r.Scope != analysis.Builtin) {
			continue
		}
		out = append(out, r)
	}
	return out, nil
}

func inputs(sf *scanFlags, cfg *config.Config) (project.Inputs, error) {
	in := project.Inputs{Settings: cfg.Settings, DB: cfg.DB, Env: map[string]string{}}
	for k, v := range cfg.Env {
		in.Env[k] = v
	}
	if sf.envFile != "" {
		vals, err := readEnvFile(sf.envFile)
		if err != nil {
			return in, err
		}
		for k, v := range vals {
			in.Env[k] = v
		}
	}
	for _, kv := range sf.env {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return in, fmt.Errorf("--env %q: want KEY=VALUE", kv)
		}
		in.Env[k] = v
	}
	if sf.settings != "" {
		in.Settings = sf.settings
	}
	in.FollowOutside = sf.followOutside
	if sf.db != "" {
		// A database the user named must exist: scanning on without it would
		// look like a clean dependency report.
		if _, err := os.Stat(sf.db); err != nil {
			return in, fmt.Errorf("--db %s: %v", sf.db, unwrapPath(err))
		}
		in.DB = sf.db
	}
	return in, nil
}

func loadBaseline(name string) (map[string]bool, error) {
	if name == "" {
		return nil, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("--baseline: %v", err)
	}
	defer f.Close()
	r, err := render.ReadJSON(f)
	if err != nil {
		return nil, fmt.Errorf("--baseline %s: not a djsec JSON report: %v", name, err)
	}
	if r.Schema != report.Schema {
		return nil, fmt.Errorf("--baseline %s: schema %q, want %q", name, r.Schema, report.Schema)
	}
	set := make(map[string]bool, len(r.Findings))
	for _, f := range r.Findings {
		set[f.Fingerprint] = true
	}
	return set, nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// checkSettingsModule makes a settings module that is nowhere in the tree
// a usage error, with the nearest module's name when one is close: a typo
// in --settings must not turn into a scan that audits no settings at all.
func checkSettingsModule(root, module string, fromFlag bool) error {
	rel := strings.ReplaceAll(module, ".", "/")
	found := false
	var candidates []string
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || found {
			return nil
		}
		if d.IsDir() {
			name := d.Name()
			if p != root && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "__pycache__" || name == "site-packages") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(p, "pyvenv.cfg")); err == nil {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".py") {
			return nil
		}
		slash := filepath.ToSlash(p)
		if strings.HasSuffix(slash, "/"+rel+".py") || strings.HasSuffix(slash, "/"+rel+"/__init__.py") ||
			slash == rel+".py" || slash == rel+"/__init__.py" {
			found = true
			return nil
		}
		if r, err := filepath.Rel(root, p); err == nil && strings.Contains(r, "settings") {
			m := strings.TrimSuffix(strings.TrimSuffix(filepath.ToSlash(r), ".py"), "/__init__")
			candidates = append(candidates, strings.ReplaceAll(m, "/", "."))
		}
		return nil
	})
	if found {
		return nil
	}
	where := "--settings " + module
	if !fromFlag {
		where = "settings = " + strconv.Quote(module) + " (configuration)"
	}
	hint := ""
	best, bestDist := "", 0
	for _, c := range candidates {
		// Compare with the module's tail: the tree may sit under a source
		// folder (src/shop/settings.py is the module shop.settings).
		for tail := c; ; {
			if d := editdist.Distance(tail, module); best == "" || d < bestDist {
				best, bestDist = tail, d
			}
			i := strings.IndexByte(tail, '.')
			if i < 0 {
				break
			}
			tail = tail[i+1:]
		}
	}
	if best != "" && bestDist <= max(3, len(module)/4) {
		hint = fmt.Sprintf(" (did you mean %s?)", best)
	}
	return fmt.Errorf("%s: no such module in %s%s", where, root, hint)
}

// sarifOptions places SARIF paths in the repository: code scanning reads
// them from the root of the git work tree, so a scan of backend/ gets the
// prefix backend/ unless --sarif-prefix says otherwise.
func sarifOptions(target string, sf *scanFlags) (render.SARIFOptions, error) {
	if sf.format != "sarif" {
		return render.SARIFOptions{}, nil
	}
	abs, err := filepath.Abs(target)
	if err != nil {
		return render.SARIFOptions{}, err
	}
	if info, err := os.Stat(abs); err == nil && !info.IsDir() {
		abs = filepath.Dir(abs)
	}
	if sf.set["sarif-prefix"] {
		p := strings.Trim(filepath.ToSlash(sf.sarifPrefix), "/")
		if p == "." {
			p = ""
		}
		if strings.HasPrefix(p, "../") || p == ".." || filepath.IsAbs(sf.sarifPrefix) {
			return render.SARIFOptions{}, fmt.Errorf("--sarif-prefix %s: want a relative path inside the repository", sf.sarifPrefix)
		}
		return render.SARIFOptions{PathPrefix: p}, nil
	}
	// The %SRCROOT% base is an absolute file URI, given only when the user
	// gave an absolute target: a log must not depend on where it was made.
	top := gitWorkTree(abs)
	if top == "" {
		return render.SARIFOptions{}, nil
	}
	opts := render.SARIFOptions{}
	if filepath.IsAbs(target) {
		opts.SrcRoot = top
	}
	if rel, err := filepath.Rel(top, abs); err == nil && rel != "." {
		opts.PathPrefix = filepath.ToSlash(rel)
	}
	return opts, nil
}

// gitWorkTree returns the top of the git work tree holding dir (the folder
// with .git, a directory or a worktree's file), or "".
func gitWorkTree(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}
