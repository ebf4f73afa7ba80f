// Command pyast parses Python files with djsec's parser. With -dump it
// prints, for each file, "== FILE" and then what CPython's
// ast.dump(ast.parse(source)) prints, or ERROR. With -q it parses every
// .py file under the given paths in parallel on all cores and prints
// "files=N ok=N errors=N bytes=N"; a path "-" reads file names from
// standard input (-time adds the parse time; -errors
// prints each syntax error).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/djsec/djsec/internal/python"
)

func main() {
	dump := flag.Bool("dump", false, "print ast.dump output for each file")
	attrs := flag.Bool("attrs", false, "with -dump, include positions as ast.dump(include_attributes=True)")
	quiet := flag.Bool("q", false, "parse all .py files under the paths and print counts")
	errs := flag.Bool("errors", false, "with -q, print each syntax error")
	timing := flag.Bool("time", false, "with -q, also print the parse time in seconds")
	flag.Parse()
	switch {
	case *dump:
		os.Exit(dumpFiles(os.Stdout, flag.Args(), *attrs))
	case *quiet:
		os.Exit(parseTrees(os.Stdout, flag.Args(), *errs, *timing))
	}
	fmt.Fprintln(os.Stderr, "usage: pyast -dump [-attrs] FILE... | pyast -q [-time] [-errors] PATH...")
	os.Exit(2)
}

func dumpFiles(out io.Writer, files []string, attrs bool) int {
	w := bufio.NewWriterSize(out, 1<<16)
	defer w.Flush()
	status := 0
	for _, name := range files {
		fmt.Fprintf(w, "== %s\n", name)
		src, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, fmt.Errorf("pyast: reading %s: %w", name, err))
			fmt.Fprintln(w, "ERROR")
			status = 1
			continue
		}
		m, err := python.ParseFile(name, src)
		if err != nil {
			fmt.Fprintln(w, "ERROR")
			continue
		}
		if attrs {
			fmt.Fprintln(w, python.DumpPositions(m))
		} else {
			fmt.Fprintln(w, python.Dump(m))
		}
	}
	return status
}

func pyFiles(paths []string) ([]string, error) {
	var files []string
	for _, root := range paths {
		if root == "-" {
			sc := bufio.NewScanner(os.Stdin)
			for sc.Scan() {
				if sc.Text() != "" {
					files = append(files, sc.Text())
				}
			}
			continue
		}
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && (strings.HasSuffix(path, ".py") || path == root) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walking %s: %w", root, err)
		}
	}
	return files, nil
}

func parseTrees(out io.Writer, paths []string, printErrors, timing bool) int {
	files, err := pyFiles(paths)
	if err != nil {
		fmt.Fprintln(os.Stderr, "pyast:", err)
		return 1
	}
	// Read everything first so that -time measures parsing alone.
	srcs := make([][]byte, len(files))
	var size int64
	for i, name := range files {
		if srcs[i], err = os.ReadFile(name); err != nil {
			fmt.Fprintln(os.Stderr, fmt.Errorf("pyast: reading %s: %w", name, err))
			return 1
		}
		size += int64(len(srcs[i]))
	}
	var ok, bad atomic.Int64
	var next atomic.Int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	t0 := time.Now()
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				if _, err := python.ParseFile(files[i], srcs[i]); err != nil {
					bad.Add(1)
					if printErrors {
						mu.Lock()
						fmt.Fprintln(out, err)
						mu.Unlock()
					}
					continue
				}
				ok.Add(1)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(t0)
	fmt.Fprintf(out, "files=%d ok=%d errors=%d bytes=%d", len(files), ok.Load(), bad.Load(), size)
	if timing {
		fmt.Fprintf(out, " seconds=%.3f", elapsed.Seconds())
	}
	fmt.Fprintln(out)
	return 0
}
