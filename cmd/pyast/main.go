// Command pyast parses Python files with djsec's parser. With -dump it
// prints, for each file, "== FILE" and then what CPython's
// ast.dump(ast.parse(source)) prints, or ERROR. With -q it parses every
// .py file under the given paths in parallel and prints counts.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/djsec/djsec/internal/python"
)

func main() {
	dump := flag.Bool("dump", false, "print ast.dump output for each file")
	quiet := flag.Bool("q", false, "parse all .py files under the paths and print counts")
	errs := flag.Bool("errors", false, "with -q, print each syntax error")
	flag.Parse()
	switch {
	case *dump:
		os.Exit(dumpFiles(flag.Args()))
	case *quiet:
		os.Exit(parseTrees(flag.Args(), *errs))
	}
	fmt.Fprintln(os.Stderr, "usage: pyast -dump FILE... | pyast -q PATH...")
	os.Exit(2)
}

func dumpFiles(files []string) int {
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
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
		fmt.Fprintln(w, python.Dump(m))
	}
	return status
}

func pyFiles(paths []string) ([]string, error) {
	var files []string
	for _, root := range paths {
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

func parseTrees(paths []string, printErrors bool) int {
	files, err := pyFiles(paths)
	if err != nil {
		fmt.Fprintln(os.Stderr, "pyast:", err)
		return 1
	}
	var ok, bad, size atomic.Int64
	var mu sync.Mutex
	work := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range work {
				src, err := os.ReadFile(name)
				if err != nil {
					bad.Add(1)
					continue
				}
				size.Add(int64(len(src)))
				if _, err := python.ParseFile(name, src); err != nil {
					bad.Add(1)
					if printErrors {
						mu.Lock()
						fmt.Println(err)
						mu.Unlock()
					}
					continue
				}
				ok.Add(1)
			}
		}()
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
	fmt.Printf("files=%d ok=%d errors=%d bytes=%d\n", len(files), ok.Load(), bad.Load(), size.Load())
	return 0
}
