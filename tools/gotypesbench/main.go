// Command gotypesbench measures what go/types costs next to go/parser over the standard library,
// so gotrap's sema bench can print its own (sema / parse) ratio beside the reference toolchain's.
//
// Every package below ROOT (the go tool's ./..., minus cmd, which is its own module) is read
// first, untimed: its library files for linux/amd64, as go vet sees a package's non-test variant.
// Then each round parses all files (timed), and each round type-checks every package in
// dependency order, filling the types.Info maps go vet's analyzers get (timed). Imports resolve
// to packages checked earlier in the same round, so nothing is parsed or checked twice.
//
// Usage: gotypesbench ROOT [ROUNDS]
package main

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"gotrap.dev/tools/internal/cputime"
)

type source struct {
	path string
	text []byte
}

type pkg struct {
	path    string // import path below ROOT ("vendor/..." for std's vendored modules)
	dir     string
	sources []source
	imports []string // resolved import paths of packages in the set
	files   []*ast.File
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: gotypesbench ROOT [ROUNDS]")
		os.Exit(2)
	}
	// One thread, as gotrap's bench: the collector gets no second core either.
	runtime.GOMAXPROCS(1)
	root := filepath.Clean(os.Args[1])
	rounds := 3
	if len(os.Args) > 2 {
		if n, err := strconv.Atoi(os.Args[2]); err == nil && n > 0 {
			rounds = n
		}
	}
	order, files, bytes := loadPackages(root)
	if len(order) == 0 {
		fmt.Fprintln(os.Stderr, "gotypesbench: no packages below", root)
		os.Exit(2)
	}

	const mode = parser.ParseComments | parser.SkipObjectResolution
	var fset *token.FileSet
	parseWall, parseCPU := measure(rounds, func() {
		fset = token.NewFileSet()
		for _, p := range order {
			p.files = p.files[:0]
			for _, s := range p.sources {
				f, err := parser.ParseFile(fset, s.path, s.text, mode)
				if err != nil {
					fmt.Fprintln(os.Stderr, "gotypesbench:", err)
					os.Exit(1)
				}
				p.files = append(p.files, f)
			}
		}
	})

	typeErrors := 0
	checkWall, checkCPU := measure(rounds, func() {
		typeErrors = 0
		checked := map[string]*types.Package{"unsafe": types.Unsafe}
		for _, p := range order {
			conf := types.Config{
				Importer: importer{checked, p},
				Sizes:    types.SizesFor("gc", "amd64"),
				Error: func(err error) {
					if typeErrors++; typeErrors <= 5 && os.Getenv("GOTYPESBENCH_ERRORS") != "" {
						fmt.Fprintln(os.Stderr, err)
					}
				},
			}
			info := &types.Info{
				Types:        map[ast.Expr]types.TypeAndValue{},
				Instances:    map[*ast.Ident]types.Instance{},
				Defs:         map[*ast.Ident]types.Object{},
				Uses:         map[*ast.Ident]types.Object{},
				Implicits:    map[ast.Node]types.Object{},
				Selections:   map[*ast.SelectorExpr]*types.Selection{},
				Scopes:       map[ast.Node]*types.Scope{},
				FileVersions: map[*ast.File]string{},
			}
			checked[p.path], _ = conf.Check(p.path, fset, p.files, info)
		}
	})

	fmt.Printf("go reference: %d packages, %d library files, %.1f MB (linux/amd64, tests excluded), best of %d rounds\n",
		len(order), files, float64(bytes)/1e6, rounds)
	fmt.Printf("  go/parser  wall %.3f s  cpu %.3f s\n", parseWall.Seconds(), parseCPU.Seconds())
	fmt.Printf("  go/types   wall %.3f s  cpu %.3f s  (%d type errors)\n", checkWall.Seconds(), checkCPU.Seconds(), typeErrors)
	fmt.Printf("go_parse_cpu_s=%.3f\ngo_types_cpu_s=%.3f\n", parseCPU.Seconds(), checkCPU.Seconds())
}

// measure runs f rounds times and returns the best wall and the best CPU time.
func measure(rounds int, f func()) (wall, cpu time.Duration) {
	wall, cpu = time.Duration(1<<63-1), time.Duration(1<<63-1)
	for r := 0; r < rounds; r++ {
		runtime.GC() // garbage of the previous round is not this round's cost
		c0, w0 := cputime.Now(), time.Now()
		f()
		wall, cpu = min(wall, time.Since(w0)), min(cpu, cputime.Now()-c0)
	}
	return wall, cpu
}

type importer struct {
	checked map[string]*types.Package
	from    *pkg
}

func (im importer) Import(path string) (*types.Package, error) {
	return im.ImportFrom(path, im.from.dir, 0)
}

func (im importer) ImportFrom(path, _ string, _ types.ImportMode) (*types.Package, error) {
	for _, candidate := range []string{path, "vendor/" + path} {
		if p := im.checked[candidate]; p != nil {
			return p, nil
		}
	}
	return nil, fmt.Errorf("%s: import %q not checked yet", im.from.path, path)
}

// loadPackages reads every package below root and returns them dependencies first.
func loadPackages(root string) (order []*pkg, files, bytes int) {
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = "linux", "amd64", false
	byPath := map[string]*pkg{}
	filepath.WalkDir(root, func(dir string, e fs.DirEntry, err error) error {
		if err != nil || !e.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, dir)
		name := e.Name()
		if dir != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || rel == "cmd") {
			return filepath.SkipDir
		}
		// unsafe and builtin hold documentation only: go/types knows both itself.
		bp, err := ctx.ImportDir(dir, 0)
		if err != nil || len(bp.GoFiles) == 0 || rel == "unsafe" || rel == "builtin" {
			return nil
		}
		p := &pkg{path: filepath.ToSlash(rel), dir: dir, imports: bp.Imports}
		for _, name := range bp.GoFiles {
			path := filepath.Join(dir, name)
			text, err := os.ReadFile(path)
			if err != nil {
				fmt.Fprintln(os.Stderr, "gotypesbench:", err)
				os.Exit(1)
			}
			p.sources = append(p.sources, source{path, text})
			files++
			bytes += len(text)
		}
		byPath[p.path] = p
		return nil
	})
	// Depth-first over imports; std has no import cycles among library packages.
	done := map[*pkg]bool{}
	var visit func(p *pkg)
	visit = func(p *pkg) {
		if done[p] {
			return
		}
		done[p] = true
		for _, path := range p.imports {
			if dep := byPath[path]; dep != nil {
				visit(dep)
			} else if dep := byPath["vendor/"+path]; dep != nil {
				visit(dep)
			}
		}
		order = append(order, p)
	}
	paths := make([]string, 0, len(byPath))
	for path := range byPath {
		paths = append(paths, path)
	}
	sort.Strings(paths) // a stable order from run to run
	for _, path := range paths {
		visit(byPath[path])
	}
	return order, files, bytes
}
