package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/djsec/djsec/internal/guard"
	"github.com/djsec/djsec/internal/guard/siteinfo"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/render"
	"github.com/djsec/djsec/internal/report"
)

func init() {
	register(&command{name: "guard", summary: "reverse proxy in front of Django: limits, bans, headers, allowlists (init, bans, unban)", run: runGuard})
	helps["guard"] = &help{
		usage:   "djsec guard [flags] | djsec guard init [PATH] | djsec guard bans | djsec guard unban ADDR | djsec guard report",
		summary: "Runs a reverse proxy in front of Django that enforces rate limits, login bans, the admin allowlist, blocked paths and security headers.",
		args: [][2]string{
			{"init", "write a commented guard.toml from the project's URLconf and settings (djsec guard init --help)"},
			{"bans", "list the addresses banned now"},
			{"unban", "lift the ban of one address"},
			{"report", "the running guard's findings (DJG rules): its configuration and what the traffic showed"},
		},
		examples: [][2]string{
			{"djsec guard init", "write guard.toml for the project in the current folder"},
			{"djsec guard --config guard.toml --check", "check a configuration and exit"},
			{"djsec guard --config guard.toml", "run the proxy"},
			{"djsec guard unban 203.0.113.9", "let one address in again"},
			{"djsec guard report --format sarif", "the running guard's findings, as SARIF"},
		},
	}
	helps["guard init"] = &help{
		usage:    "djsec guard init [flags] [PATH]",
		summary:  "Writes a commented guard configuration from the project's URLconf and settings: admin, login, API, static and media routes, each with limits of its kind.",
		args:     [][2]string{{"PATH", "the project's root folder (default: the current folder)"}},
		examples: [][2]string{{"djsec guard init", "write guard.toml for the project in the current folder"}, {"djsec guard init -o - backend", "print the configuration for the project in ./backend"}},
	}
}

func runGuard(e *env, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "init":
			return runGuardInit(e, args[1:])
		case "bans":
			return runGuardBans(e, args[1:])
		case "unban":
			return runGuardUnban(e, args[1:])
		case "report":
			return runGuardReport(e, args[1:])
		}
	}
	fs := flag.NewFlagSet("guard", flag.ContinueOnError)
	config := fs.String("config", "guard.toml", "read the guard's configuration from `FILE`")
	check := fs.Bool("check", false, "check the configuration and exit")
	pos, err := parseFlags(fs, args, e)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return e.fail(err)
	}
	if len(pos) > 0 {
		return e.fail(fmt.Errorf("guard: unexpected argument %q (subcommands: init, bans, unban)", pos[0]))
	}
	cfg, err := guard.LoadConfig(*config)
	if err != nil {
		return e.fail(err)
	}
	if *check {
		if err := guard.Prepare(cfg); err != nil {
			return e.fail(err)
		}
		fmt.Fprintf(e.stdout, "%s: ok (%d routes, upstream %s)\n", *config, len(cfg.Routes), cfg.Upstream)
		// Valid, so it runs; what the rules say about it is advice.
		for _, f := range guard.CheckConfig(cfg).Findings {
			fmt.Fprintf(e.stdout, "%s: %s %s (%s): %s\n", f.Location, f.Rule, f.Name, f.Severity, f.Message)
		}
		return exitOK
	}
	g, err := guard.New(cfg, guard.Options{Events: e.stderr, Log: e.stderr, Version: Version})
	if err != nil {
		return e.fail(err)
	}
	ls, err := g.Listen()
	if err != nil {
		return e.fail(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	guard.TuneGC(ctx, cfg)
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for range hup {
			nc, err := guard.LoadConfig(*config)
			if err == nil {
				err = g.Reload(nc)
			}
			if err != nil {
				fmt.Fprintf(e.stderr, "djsec guard: reload refused, the old config stays: %v\n", err)
				continue
			}
			fmt.Fprintf(e.stderr, "djsec guard: reloaded %s\n", *config)
		}
	}()
	scheme := "http"
	if cfg.TLS.Enabled() {
		scheme = "https"
	}
	fmt.Fprintf(e.stderr, "djsec guard: %s://%s -> %s\n", scheme, ls.Main.Addr(), cfg.Upstream)
	if ls.Metrics != nil {
		fmt.Fprintf(e.stderr, "djsec guard: metrics and bans on http://%s\n", ls.Metrics.Addr())
	}
	if err := g.Serve(ctx, ls); err != nil {
		return e.fail(err)
	}
	return exitOK
}

// guardAdmin is the running guard's admin listener, if the config names one.
func guardAdmin(cfg *guard.Config) string {
	a := cfg.Metrics.Listen
	if a == "" || strings.HasPrefix(a, "unix:") {
		return ""
	}
	if strings.HasPrefix(a, ":") {
		a = "127.0.0.1" + a
	}
	return "http://" + a
}

func guardSubFlags(name string, e *env, args []string) (*guard.Config, []string, int) {
	fs := flag.NewFlagSet("guard "+name, flag.ContinueOnError)
	config := fs.String("config", "guard.toml", "the guard's configuration `FILE`")
	pos, err := parseFlags(fs, args, e)
	if errors.Is(err, flag.ErrHelp) {
		return nil, nil, exitOK
	}
	if err != nil {
		return nil, nil, e.fail(err)
	}
	cfg, err := guard.LoadConfig(*config)
	if err != nil {
		return nil, nil, e.fail(err)
	}
	return cfg, pos, -1
}

func runGuardBans(e *env, args []string) int {
	cfg, pos, st := guardSubFlags("bans", e, args)
	if st >= 0 {
		return st
	}
	if len(pos) > 0 {
		return e.fail(fmt.Errorf("guard bans takes no argument"))
	}
	bans, err := guardBans(cfg)
	if err != nil {
		return e.fail(err)
	}
	if len(bans) == 0 {
		fmt.Fprintln(e.stdout, "no bans in force")
		return exitOK
	}
	for _, b := range bans {
		fmt.Fprintf(e.stdout, "%-24s until %s  (ban %d) %s\n", b.Client, b.Until.UTC().Format(time.RFC3339), b.Count, b.Reason)
	}
	return exitOK
}

// guardBans asks the running guard, then Redis, then the state file.
func guardBans(cfg *guard.Config) ([]guard.Ban, error) {
	if a := guardAdmin(cfg); a != "" {
		resp, err := adminDo(cfg, http.MethodGet, a+"/bans")
		if err == nil {
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return nil, fmt.Errorf("asking %s for the bans: %s", a, resp.Status)
			}
			var out struct{ Bans []guard.Ban }
			if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
				return nil, fmt.Errorf("reading the ban list from %s: %w", a, err)
			}
			return out.Bans, nil
		}
	}
	return guard.OfflineBans(cfg, time.Now())
}

var adminClient = &http.Client{Timeout: 5 * time.Second}

// adminDo asks the running guard's admin listener, with its bearer token
// when the config names one.
func adminDo(cfg *guard.Config, method, url string) (*http.Response, error) {
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		return nil, err
	}
	tok, err := cfg.AdminToken()
	if err != nil {
		return nil, err
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	return adminClient.Do(req)
}

func runGuardUnban(e *env, args []string) int {
	cfg, pos, st := guardSubFlags("unban", e, args)
	if st >= 0 {
		return st
	}
	if len(pos) != 1 {
		return e.fail(fmt.Errorf("guard unban takes one address (djsec guard unban 203.0.113.7)"))
	}
	k, err := guard.ParseClientKey(pos[0])
	if err != nil {
		return e.fail(err)
	}
	if a := guardAdmin(cfg); a != "" {
		resp, err := adminDo(cfg, http.MethodDelete, a+"/bans/"+pos[0])
		if err == nil {
			defer resp.Body.Close()
			msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
			if resp.StatusCode == http.StatusOK {
				fmt.Fprint(e.stdout, string(msg))
				return exitOK
			}
			return e.fail(errors.New(strings.TrimSpace(string(msg))))
		}
	}
	ok, err := guard.OfflineUnban(cfg, k)
	if err != nil {
		return e.fail(err)
	}
	if !ok {
		return e.fail(fmt.Errorf("%s is not banned", pos[0]))
	}
	fmt.Fprintf(e.stdout, "%s unbanned\n", pos[0])
	return exitOK
}

func runGuardInit(e *env, args []string) int {
	fs := flag.NewFlagSet("guard init", flag.ContinueOnError)
	output := fs.String("output", "guard.toml", "write the configuration to `FILE` (- for standard output)")
	fs.StringVar(output, "o", "guard.toml", "short for --output")
	force := fs.Bool("force", false, "overwrite FILE if it exists")
	pos, err := parseFlags(fs, args, e)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return e.fail(err)
	}
	if len(pos) > 1 {
		return e.fail(fmt.Errorf("guard init takes one project directory, got %d", len(pos)))
	}
	root := "."
	if len(pos) == 1 {
		root = pos[0]
	}
	files, _, err := project.Walk(root, project.WalkOptions{})
	if err != nil {
		return e.fail(fmt.Errorf("reading the project: %v", unwrapPath(err)))
	}
	abs, _ := filepath.Abs(root)
	site := siteinfo.Discover(project.New(root, files, project.Inputs{Env: map[string]string{}}), filepath.Base(abs))
	var out bytes.Buffer
	if err := guard.WriteConfig(&out, site); err != nil {
		return e.fail(err)
	}
	// What we write must be what --check accepts.
	if _, err := guard.ParseConfig(*output, out.Bytes()); err != nil {
		return e.fail(fmt.Errorf("guard init wrote a config it cannot read back (a bug): %v", err))
	}
	if *output == "-" {
		_, _ = e.stdout.Write(out.Bytes())
		return exitOK
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if *force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(*output, flags, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return e.fail(fmt.Errorf("%s exists; use --force to overwrite it or --output to write elsewhere", *output))
		}
		return e.fail(err)
	}
	if _, err := f.Write(out.Bytes()); err != nil {
		f.Close()
		return e.fail(err)
	}
	if err := f.Close(); err != nil {
		return e.fail(err)
	}
	fmt.Fprintf(e.stdout, "wrote %s: %d admin, %d login and %d API routes; check it with djsec guard --check --config %s\n",
		*output, len(site.Admin), len(site.Logins), len(site.APIs), *output)
	for _, n := range site.Notes {
		fmt.Fprintf(e.stdout, "note: %s\n", n)
	}
	return exitOK
}

// runGuardReport renders the running guard's report (GET /report on its
// metrics listener) like any other djsec report.
func runGuardReport(e *env, args []string) int {
	fs := flag.NewFlagSet("guard report", flag.ContinueOnError)
	config := fs.String("config", "guard.toml", "the guard's configuration `FILE`")
	var of outputFlags
	of.define(fs)
	pos, err := parseFlags(fs, args, e)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return e.fail(err)
	}
	if len(pos) > 0 {
		return e.fail(fmt.Errorf("guard report takes no argument"))
	}
	sh, err := of.check("")
	if err != nil {
		return e.fail(err)
	}
	cfg, err := guard.LoadConfig(*config)
	if err != nil {
		return e.fail(err)
	}
	a := guardAdmin(cfg)
	if a == "" {
		return e.fail(fmt.Errorf("%s has no [metrics] listen: the running guard cannot be asked for its report", *config))
	}
	resp, err := adminDo(cfg, http.MethodGet, a+"/report")
	if err != nil {
		return e.fail(fmt.Errorf("asking the guard at %s: %v", a, err))
	}
	defer resp.Body.Close()
	var r report.Report
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<20)).Decode(&r); err != nil || resp.StatusCode != http.StatusOK {
		return e.fail(fmt.Errorf("reading the guard's report from %s: %s %v", a, resp.Status, err))
	}
	r.Findings, r.Notes = sh.filter(r.Findings, r.Notes)
	if err := writeReport(e, &r, guard.Rules(), &of, render.SARIFOptions{}); err != nil {
		return e.fail(err)
	}
	return exitStatus(&r, sh.failOn)
}
