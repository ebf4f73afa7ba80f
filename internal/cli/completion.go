package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/djsec/djsec/internal/lazyre"
)

func init() {
	register(&command{name: "completion", summary: "print a shell completion script for bash, zsh or fish", run: runCompletion})
	helps["completion"] = &help{
		usage:   "djsec completion bash|zsh|fish",
		summary: "Prints a script that completes djsec's commands, flags and their values in your shell.",
		args:    [][2]string{{"SHELL", "bash, zsh or fish"}},
		examples: [][2]string{
			{"source <(djsec completion bash)", "bash, for this shell (add it to ~/.bashrc to keep it)"},
			{"djsec completion zsh > \"${fpath[1]}/_djsec\"", "zsh, for new shells"},
			{"djsec completion fish > ~/.config/fish/completions/djsec.fish", "fish"},
		},
	}
}

// flagSets builds each command's flags, for completion: the same define
// functions the commands parse with, so the two cannot disagree.
func flagSets() map[string]*flag.FlagSet {
	sets := map[string]*flag.FlagSet{}
	add := func(name string, define func(fs *flag.FlagSet)) {
		fs := flag.NewFlagSet(name, flag.ContinueOnError)
		define(fs)
		defineShort(fs)
		sets[name] = fs
	}
	add("scan", func(fs *flag.FlagSet) { new(scanFlags).define(fs) })
	add("baseline", func(fs *flag.FlagSet) { new(scanFlags).define(fs) })
	add("probe", func(fs *flag.FlagSet) { new(probeFlags).define(fs) })
	add("rules", func(fs *flag.FlagSet) { fs.String("format", "", "") })
	add("db", func(fs *flag.FlagSet) {
		fs.String("db", "", "")
		fs.String("url", "", "")
		fs.Duration("timeout", 0, "")
	})
	return sets
}

// flagValues are the values worth offering after a flag.
var flagValues = map[string]string{
	"format":     "text json sarif html",
	"fail-on":    "never critical high medium low info",
	"severity":   "critical high medium low info",
	"confidence": "high medium low",
}

// subcommands are the words a command takes first.
var subcommands = map[string]string{"db": "update status", "rules": "explain", "completion": "bash zsh fish", "guard": "init bans unban"}

func runCompletion(e *env, args []string) int {
	fs := flag.NewFlagSet("completion", flag.ContinueOnError)
	pos, err := parseFlags(fs, args, e)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		return e.fail(err)
	}
	if len(pos) != 1 {
		return e.fail(errors.New("completion takes one shell: bash, zsh or fish (djsec completion --help)"))
	}
	switch pos[0] {
	case "bash":
		writeBash(e.stdout, false)
	case "zsh":
		writeBash(e.stdout, true)
	case "fish":
		writeFish(e.stdout)
	default:
		return e.fail(fmt.Errorf("completion: unknown shell %q (want bash, zsh or fish)", pos[0]))
	}
	return exitOK
}

var helpFlagRe = lazyre.New(`(?m)^\s+(?:-\w, )?(--[\w-]+)`)

// helpFlags reads the long flags of a command from its --help, for the
// commands whose flags are not in flagSets.
func helpFlags(name string) []string {
	var out, errb strings.Builder
	commands[name].run(&env{stdout: &out, stderr: &errb}, []string{"--help"})
	flags := []string{}
	for _, m := range helpFlagRe().FindAllStringSubmatch(out.String(), -1) {
		if !slices.Contains(flags, m[1]) {
			flags = append(flags, m[1])
		}
	}
	return append(flags, "--help")
}

func longFlags(fs *flag.FlagSet) []string {
	var out []string
	fs.VisitAll(func(f *flag.Flag) {
		if len(f.Name) > 1 {
			out = append(out, "--"+f.Name)
		} else {
			out = append(out, "-"+f.Name)
		}
	})
	return append(out, "--help")
}

// isBool reports whether a flag takes no value.
func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

func writeBash(w io.Writer, zsh bool) {
	names := slices.Sorted(maps.Keys(commands))
	sets := flagSets()
	if zsh {
		fmt.Fprintf(w, "#compdef djsec\n# zsh completion for djsec, through bash completion.\nautoload -U +X bashcompinit && bashcompinit\n")
	} else {
		fmt.Fprintf(w, "# bash completion for djsec: source <(djsec completion bash)\n")
	}
	fmt.Fprintf(w, "_djsec() {\n")
	fmt.Fprintf(w, "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" cmd=\"${COMP_WORDS[1]}\"\n")
	fmt.Fprintf(w, "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n    COMPREPLY=($(compgen -W %q -- \"$cur\")); return\n  fi\n", strings.Join(names, " ")+" --help --version -V")
	fmt.Fprintf(w, "  case \"$prev\" in\n")
	for _, flagName := range slices.Sorted(maps.Keys(flagValues)) {
		pat := "--" + flagName
		if s := shortFlags[flagName]; s != "" {
			pat += "|-" + s
		}
		fmt.Fprintf(w, "    %s) COMPREPLY=($(compgen -W %q -- \"$cur\")); return;;\n", pat, flagValues[flagName])
	}
	// Flags whose value is a file or folder.
	var fileFlags []string
	for _, fs := range sets {
		fs.VisitAll(func(f *flag.Flag) {
			if !isBool(f) && flagValues[f.Name] == "" {
				n := "--" + f.Name
				if len(f.Name) == 1 {
					n = "-" + f.Name
				}
				if !slices.Contains(fileFlags, n) {
					fileFlags = append(fileFlags, n)
				}
			}
		})
	}
	slices.Sort(fileFlags)
	fmt.Fprintf(w, "    %s) COMPREPLY=($(compgen -f -- \"$cur\")); return;;\n", strings.Join(fileFlags, "|"))
	fmt.Fprintf(w, "  esac\n  case \"$cmd\" in\n")
	for _, name := range names {
		words := strings.Join(helpFlags(name), " ")
		if fs := sets[name]; fs != nil {
			words = strings.Join(longFlags(fs), " ")
		}
		sub := subcommands[name]
		fmt.Fprintf(w, "    %s)\n", name)
		if sub != "" {
			fmt.Fprintf(w, "      if [ \"$COMP_CWORD\" -eq 2 ]; then COMPREPLY=($(compgen -W %q -- \"$cur\")); return; fi\n", sub)
		}
		if name == "rules" {
			fmt.Fprintf(w, "      if [ \"$prev\" = explain ]; then COMPREPLY=($(compgen -W \"$(djsec rules 2>/dev/null | awk 'NR>1{print $1}')\" -- \"$cur\")); return; fi\n")
		}
		fmt.Fprintf(w, "      if [[ \"$cur\" == -* ]]; then COMPREPLY=($(compgen -W %q -- \"$cur\")); else COMPREPLY=($(compgen -f -- \"$cur\")); fi;;\n", words)
	}
	fmt.Fprintf(w, "  esac\n}\ncomplete -o filenames -F _djsec djsec\n")
}

func writeFish(w io.Writer) {
	names := slices.Sorted(maps.Keys(commands))
	sets := flagSets()
	fmt.Fprintf(w, "# fish completion for djsec: djsec completion fish > ~/.config/fish/completions/djsec.fish\n")
	fmt.Fprintf(w, "complete -c djsec -f\n")
	for _, name := range names {
		fmt.Fprintf(w, "complete -c djsec -n __fish_use_subcommand -a %s -d %q\n", name, commands[name].summary)
	}
	for _, name := range names {
		cond := "__fish_seen_subcommand_from " + name
		if sub := subcommands[name]; sub != "" {
			fmt.Fprintf(w, "complete -c djsec -n %q -a %q\n", cond, sub)
		}
		fs := sets[name]
		if fs == nil {
			for _, f := range helpFlags(name) {
				fmt.Fprintf(w, "complete -c djsec -n %q -l %s\n", cond, strings.TrimPrefix(f, "--"))
			}
			continue
		}
		fs.VisitAll(func(f *flag.Flag) {
			if len(f.Name) == 1 {
				return
			}
			_, usage := flag.UnquoteUsage(f)
			line := fmt.Sprintf("complete -c djsec -n %q -l %s", cond, f.Name)
			if s := shortFlags[f.Name]; s != "" {
				line += " -s " + s
			}
			switch {
			case flagValues[f.Name] != "":
				line += fmt.Sprintf(" -x -a %q", flagValues[f.Name])
			case !isBool(f):
				line += " -r -F"
			}
			fmt.Fprintf(w, "%s -d %q\n", line, usage)
		})
	}
	fmt.Fprintf(w, "complete -c djsec -n \"__fish_seen_subcommand_from scan baseline\" -F\n")
}
