package cli

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/lazyre"
)

// help is what `djsec COMMAND --help` prints besides the flags: a usage
// line, the arguments and examples.
type help struct {
	usage    string      // "djsec scan [flags] [PATH]"
	summary  string      // one sentence
	args     [][2]string // name, description
	examples [][2]string // command, what it does
}

// helps is keyed by flag set name ("scan", "db update").
var helps = map[string]*help{}

// shortFlags are the one-letter spellings of common flags.
var shortFlags = map[string]string{"format": "f", "output": "o", "quiet": "q"}

// defineShort adds the one-letter spelling of each long flag of fs that has
// one, sharing the long flag's value.
func defineShort(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		if s, ok := shortFlags[f.Name]; ok && fs.Lookup(s) == nil {
			fs.Var(f.Value, s, f.Usage)
		}
	})
}

func printHelp(w io.Writer, fs *flag.FlagSet) {
	h := helps[fs.Name()]
	if h == nil {
		h = &help{usage: "djsec " + fs.Name() + " [flags]"}
	}
	fmt.Fprintf(w, "Usage: %s\n", h.usage)
	if h.summary != "" {
		fmt.Fprintf(w, "\n%s\n", h.summary)
	}
	if len(h.args) > 0 {
		fmt.Fprintf(w, "\nArguments:\n")
		for _, a := range h.args {
			fmt.Fprintf(w, "  %-10s %s\n", a[0], a[1])
		}
	}
	if fl := flagLines(fs); len(fl) > 0 {
		fmt.Fprintf(w, "\nFlags:\n%s", strings.Join(fl, ""))
	}
	if len(h.examples) > 0 {
		fmt.Fprintf(w, "\nExamples:\n")
		for _, e := range h.examples {
			fmt.Fprintf(w, "  %s\n", e[0])
			if e[1] != "" {
				fmt.Fprintf(w, "      %s\n", e[1])
			}
		}
	}
}

// flagLines lists the flags of fs with double dashes, each long flag once
// with its short spelling beside it.
func flagLines(fs *flag.FlagSet) []string {
	short := map[string]string{}
	var flags []*flag.Flag
	fs.VisitAll(func(f *flag.Flag) {
		if len(f.Name) == 1 {
			return
		}
		if s, ok := shortFlags[f.Name]; ok && fs.Lookup(s) != nil {
			short[f.Name] = s
		}
		flags = append(flags, f)
	})
	sort.Slice(flags, func(i, j int) bool { return flags[i].Name < flags[j].Name })
	var out []string
	for _, f := range flags {
		arg, usage := flag.UnquoteUsage(f)
		name := "    --" + f.Name
		if s := short[f.Name]; s != "" {
			name = "-" + s + ", --" + f.Name
		}
		if arg != "" {
			name += " " + arg
		}
		line := "  " + name
		if len(name) > 24 {
			line += "\n" + strings.Repeat(" ", 28)
		} else {
			line += strings.Repeat(" ", 26-len(name))
		}
		line += usage
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && !strings.Contains(usage, "(default") {
			line += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		out = append(out, line+"\n")
	}
	return out
}

var flagNameRe = lazyre.New(`(^|[ :])-(-?)([\w-]+)`)

// flagError rewrites the flag package's messages with the double-dash
// spelling users type: "flag provided but not defined: -q" becomes
// "unknown flag --q".
func flagError(name string, err error) error {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		msg = "unknown flag " + rest
	}
	msg = flagNameRe().ReplaceAllStringFunc(msg, func(m string) string {
		sub := flagNameRe().FindStringSubmatch(m)
		if len(sub[3]) == 1 {
			return sub[1] + "-" + sub[3]
		}
		return sub[1] + "--" + sub[3]
	})
	return fmt.Errorf("%s: %s (djsec %s --help lists the flags)", name, msg, name)
}
