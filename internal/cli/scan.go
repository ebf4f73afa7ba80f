package cli

import (
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/analysis"
	"github.com/djsec/djsec/internal/config"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/report"
	"github.com/djsec/djsec/internal/rules"
)

func init() {
	register(&command{name: "scan", summary: "audit a Django project tree: settings, code, templates, secrets, dependencies", run: runScan})
}

type scanFlags struct {
	format, output, failOn, baseline, configFile string
	settings, envFile, db                        string
	exclude, env, only                           listFlag
	jobs                                         int
	maxFileSize                                  int64
	followOutside                                bool
}

func (sf *scanFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&sf.format, "format", "text", "output format: text, json, sarif or html")
	fs.StringVar(&sf.output, "output", "", "write the report to `FILE` instead of standard output")
	fs.StringVar(&sf.failOn, "fail-on", "", "exit 1 when a finding is at or above `SEVERITY` (default low)")
	fs.StringVar(&sf.baseline, "baseline", "", "report only findings not in this earlier JSON report `FILE`")
	fs.StringVar(&sf.configFile, "config", "", "configuration `FILE` (default: .djsec.toml at the scanned root)")
	fs.Var(&sf.exclude, "exclude", "leave out paths matching this gitignore-style `PATTERN` (repeatable)")
	fs.Var(&sf.only, "rule", "run only this rule `ID` (repeatable)")
	fs.StringVar(&sf.settings, "settings", "", "audit only this settings `MODULE` (default: every one found)")
	fs.Var(&sf.env, "env", "environment value `K=V` used to resolve settings (repeatable)")
	fs.StringVar(&sf.envFile, "env-file", "", "read environment values for settings from `FILE` (KEY=VALUE lines)")
	fs.StringVar(&sf.db, "db", "", "OSV vulnerability database: a `PATH` to a directory of records or an all.zip")
	fs.IntVar(&sf.jobs, "jobs", 0, "files processed in parallel (default: number of CPUs)")
	fs.BoolVar(&sf.followOutside, "follow-outside-links", false, "follow symbolic links that lead out of the scanned tree (by default they are reported and left alone)")
	fs.Int64Var(&sf.maxFileSize, "max-file-size", project.DefaultMaxFileSize, "skip (and report) files larger than this many `BYTES`")
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
	if len(pos) > 1 {
		return e.fail(fmt.Errorf("scan takes one path, got %d", len(pos)))
	}
	target := "."
	if len(pos) == 1 {
		target = pos[0]
	}
	r, enabled, failOn, err := scan(target, &sf)
	if err != nil {
		return e.fail(err)
	}
	if err := writeReport(e, r, enabled, sf.format, sf.output); err != nil {
		return e.fail(err)
	}
	return exitStatus(r, failOn)
}

// scan does the work of runScan; every error it returns is one line for the
// user.
func scan(target string, sf *scanFlags) (*report.Report, []*analysis.Rule, report.Severity, error) {
	if err := checkFormat(sf.format); err != nil {
		return nil, nil, 0, err
	}
	info, err := os.Stat(target)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("cannot scan %s: %v", target, unwrapPath(err))
	}
	root := target
	if !info.IsDir() {
		root = filepath.Dir(target)
	}
	cfg, cfgProblem, err := loadConfig(root, sf.configFile)
	if err != nil {
		return nil, nil, 0, err
	}
	failOn, err := failOnLevel(sf.failOn, cfg.FailOn)
	if err != nil {
		return nil, nil, 0, err
	}
	opts, enabled, err := scanOptions(target, sf, cfg)
	if err != nil {
		return nil, nil, 0, err
	}
	res, err := analysis.Scan(opts)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("cannot scan %s: %v", target, unwrapPath(err))
	}
	r := analysis.NewReport(target, Version, enabled, rules.All(), res)
	if cfgProblem != nil {
		r.Problems = append([]report.Problem{*cfgProblem}, r.Problems...)
	}
	if n := configNote(target, cfg); n != "" {
		r.Notes = append(r.Notes, n)
		sort.Strings(r.Notes)
	}
	return r, enabled, failOn, nil
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

// loadConfig reads --config, or the .djsec.toml at the root. A .djsec.toml
// that is not a regular file (a FIFO, a device) is no configuration anyone
// wrote: the scan goes on without it and the report says so.
func loadConfig(root, explicit string) (*config.Config, *report.Problem, error) {
	if explicit != "" {
		c, err := config.Load(explicit, true)
		return c, nil, err
	}
	c, err := config.Load(filepath.Join(root, config.FileName), false)
	if errors.Is(err, project.ErrNotRegular) {
		return &config.Config{}, &report.Problem{Location: report.Location{Path: config.FileName},
			Message: "not a regular file; the scan ran without this configuration"}, nil
	}
	return c, nil, err
}

func failOnLevel(flagValue, configValue string) (report.Severity, error) {
	v := flagValue
	if v == "" {
		v = configValue
	}
	if v == "" {
		return report.Low, nil
	}
	s, err := report.ParseSeverity(v)
	if err != nil {
		return 0, fmt.Errorf("--fail-on: %v", err)
	}
	return s, nil
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
		r := rules.Lookup(id)
		if r == nil {
			return nil, fmt.Errorf("--rule: unknown rule %q (djsec rules lists them)", id)
		}
		want[r.ID] = true
	}
	var out []*analysis.Rule
	for _, r := range rules.All() {
		if off[r.ID] || r.Scope == analysis.Live || (len(want) > 0 && !want[r.ID] && r.Scope != analysis.Builtin) {
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
	r, err := report.ReadJSON(f)
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
