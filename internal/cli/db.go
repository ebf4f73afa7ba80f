package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/djsec/djsec/internal/deps"
)

func init() {
	register(&command{name: "db", summary: "fetch (update) or describe (status) the vulnerability database", run: runDB})
	helps["db"] = &help{
		usage:   "djsec db update [flags] | djsec db status [flags]",
		summary: "Keeps the OSV vulnerability database (PyPI ecosystem) that djsec scan checks dependencies against.",
		args: [][2]string{
			{"update", "download the OSV PyPI export into the user cache (djsec db update --help)"},
			{"status", "print the database's source, record count and age (djsec db status --help)"},
		},
		examples: [][2]string{
			{"djsec db update", "fetch or refresh the cached database"},
			{"djsec db status", "how old the cached database is"},
			{"djsec db status --db ~/advisory-database", "describe a local checkout of the PyPA advisory database"},
		},
	}
	helps["db update"] = &help{
		usage:    "djsec db update [flags]",
		summary:  "Downloads the OSV export of PyPI advisories into the user cache, where djsec scan finds it.",
		examples: [][2]string{{"djsec db update", ""}, {"djsec db update --url https://mirror.example.com/PyPI/all.zip", "from a mirror"}},
	}
	helps["db status"] = &help{
		usage:    "djsec db status [flags]",
		summary:  "Prints the vulnerability database's source, record count and age; without one, how to get one.",
		examples: [][2]string{{"djsec db status", "the cached database"}, {"djsec db status --db ~/advisory-database", "a local one"}},
	}
}

func runDB(e *env, args []string) int {
	if len(args) == 0 {
		return e.fail(errors.New("db needs a subcommand: update or status (djsec db --help)"))
	}
	switch args[0] {
	case "update":
		return runDBUpdate(e, args[1:])
	case "status":
		return runDBStatus(e, args[1:])
	case "-h", "-help", "--help", "help":
		printHelp(e.stdout, flag.NewFlagSet("db", flag.ContinueOnError))
		return exitOK
	}
	return e.fail(fmt.Errorf("unknown db subcommand %q (want update or status)", args[0]))
}

func runDBUpdate(e *env, args []string) int {
	fs := flag.NewFlagSet("db update", flag.ContinueOnError)
	url := fs.String("url", deps.DefaultURL, "download the OSV zip export from `URL`")
	timeout := fs.Duration("timeout", 10*time.Minute, "give up after this `DURATION`")
	if code, done := parseNoArgs(e, fs, args); done {
		return code
	}
	dir, err := deps.CacheDir()
	if err != nil {
		return e.fail(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	m, err := deps.Update(ctx, http.DefaultClient, *url, dir, time.Now())
	if err != nil {
		return e.fail(err)
	}
	path, _ := deps.CachedDB(dir)
	fmt.Fprintf(e.stdout, "vulnerability database: %d records from %s, in %s\n", m.Records, m.Source, path)
	return exitOK
}

func runDBStatus(e *env, args []string) int {
	fs := flag.NewFlagSet("db status", flag.ContinueOnError)
	db := fs.String("db", "", "describe the OSV database at `PATH` instead of the cached one")
	if code, done := parseNoArgs(e, fs, args); done {
		return code
	}
	dir, err := deps.CacheDir()
	if err != nil {
		return e.fail(err)
	}
	path := *db
	if path == "" {
		cached, ok := deps.CachedDB(dir)
		if !ok {
			// Not an error: having none is a state to report, and scripts
			// asking for the status should not fail on a fresh machine.
			fmt.Fprintf(e.stdout, "no vulnerability database in %s: djsec db update downloads one, "+
				"or pass --db PATH to djsec scan (a checkout of github.com/pypa/advisory-database, or an OSV all.zip)\n", dir)
			return exitOK
		}
		path = cached
	}
	st, err := deps.ReadStatus(path, dir)
	if err != nil {
		return e.fail(err)
	}
	printStatus(e, st, time.Now())
	return exitOK
}

func printStatus(e *env, st *deps.Status, now time.Time) {
	w := e.stdout
	fmt.Fprintf(w, "source:    %s\n", st.Source)
	if st.Source != st.Path {
		fmt.Fprintf(w, "path:      %s\n", st.Path)
	}
	fmt.Fprintf(w, "records:   %d (%d withdrawn, ignored), %d packages\n", st.Records, st.Withdrawn, st.Packages)
	if st.Errors > 0 {
		fmt.Fprintf(w, "unread:    %d records could not be read\n", st.Errors)
	}
	if !st.Fetched.IsZero() {
		fmt.Fprintf(w, "fetched:   %s (%s ago)\n", st.Fetched.UTC().Format(time.RFC3339), age(now.Sub(st.Fetched)))
	}
	if !st.Latest.IsZero() {
		fmt.Fprintf(w, "newest:    %s (%s ago)\n", st.Latest.UTC().Format(time.RFC3339), age(now.Sub(st.Latest)))
	}
	// The age scans note, said here too: a week, by the fetch when djsec
	// fetched it, else by its newest record.
	const week = 7 * 24 * time.Hour
	switch {
	case !st.Fetched.IsZero() && now.Sub(st.Fetched) > week:
		fmt.Fprintf(w, "stale:     fetched more than a week ago; djsec db update fetches the advisories published since\n")
	case st.Fetched.IsZero() && !st.Latest.IsZero() && now.Sub(st.Latest) > week:
		fmt.Fprintf(w, "stale:     its newest record is more than a week old; update it (git pull, or a new export)\n")
	}
}

// dbSummary describes the cached database in one line for `djsec version`.
func dbSummary(now time.Time) string {
	dir, err := deps.CacheDir()
	if err != nil {
		return "vulnerability database: none"
	}
	if _, ok := deps.CachedDB(dir); !ok {
		return "vulnerability database: none (run djsec db update)"
	}
	m, err := deps.ReadMeta(dir)
	if err != nil {
		return "vulnerability database: cached, of unknown age"
	}
	return fmt.Sprintf("vulnerability database: %d records, fetched %s ago", m.Records, age(now.Sub(m.Fetched)))
}

// age says a duration the way people do: "3 days", "5 hours".
func age(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "less than a minute"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute")
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "hour")
	}
	return plural(int(d/(24*time.Hour)), "day")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// parseNoArgs parses the flags of a subcommand that takes no arguments. done
// is true when the subcommand must return code: after -h or an error.
func parseNoArgs(e *env, fs *flag.FlagSet, args []string) (code int, done bool) {
	pos, err := parseFlags(fs, args, e)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK, true
	case err != nil:
		return e.fail(err), true
	case len(pos) > 0:
		return e.fail(fmt.Errorf("%s takes no arguments, got %q", fs.Name(), pos[0])), true
	}
	return exitOK, false
}
