package main

import (
	"bufio"
	"flag"
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type dumper struct {
	root  string
	fset  *token.FileSet
	imp   types.Importer
	ctx   build.Context
	owner map[*types.Var]string // field -> "path.Type" of the named struct declaring it
}

func runDump(args []string) int {
	flags := flag.NewFlagSet("dump", flag.ExitOnError)
	root := flags.String("root", "", "directory whose packages are type-checked (import path = path below it)")
	usesOut := flags.String("uses", "", "output file for uses")
	typesOut := flags.String("types", "", "output file for types")
	flags.Parse(args)
	if *root == "" || *usesOut == "" || *typesOut == "" {
		usage()
	}
	build.Default.GOOS, build.Default.GOARCH, build.Default.CgoEnabled = "linux", "amd64", false
	d := &dumper{root: filepath.Clean(*root), fset: token.NewFileSet(), ctx: build.Default, owner: map[*types.Var]string{}}
	d.imp = importer.ForCompiler(d.fset, "source", nil)

	uf, err := os.Create(*usesOut)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer uf.Close()
	tf, err := os.Create(*typesOut)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer tf.Close()
	uw, tw := bufio.NewWriter(uf), bufio.NewWriter(tf)
	defer uw.Flush()
	defer tw.Flush()

	counts := map[outcome]int{}
	for _, dir := range d.packageDirs() {
		counts[d.dumpPackage(dir, uw, tw)]++
	}
	fmt.Fprintf(os.Stderr, "semadump: %d packages type-checked, %d without Go files for linux/amd64, %d skipped for type or parse errors\n",
		counts[checked], counts[noFiles], counts[failed])
	return 0
}

// packageDirs lists directories below root as the go tool's ./... would, minus cmd (its own module).
func (d *dumper) packageDirs() []string {
	var dirs []string
	filepath.WalkDir(d.root, func(path string, e fs.DirEntry, err error) error {
		if err != nil || !e.IsDir() {
			return nil
		}
		name := e.Name()
		if path != d.root && (name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			return filepath.SkipDir
		}
		if rel, _ := filepath.Rel(d.root, path); rel == "cmd" {
			return filepath.SkipDir
		}
		dirs = append(dirs, path)
		return nil
	})
	return dirs
}

type outcome int

const (
	checked outcome = iota
	noFiles
	failed
)

func (d *dumper) dumpPackage(dir string, uw, tw *bufio.Writer) outcome {
	bp, err := d.ctx.ImportDir(dir, 0)
	if err != nil || len(bp.GoFiles) == 0 {
		return noFiles
	}
	var files []*ast.File
	for _, name := range bp.GoFiles {
		f, err := parser.ParseFile(d.fset, filepath.Join(dir, name), nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return failed
		}
		files = append(files, f)
	}
	rel, _ := filepath.Rel(d.root, dir)
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}}
	typeErrors := false
	conf := types.Config{Importer: d.imp, Sizes: types.SizesFor("gc", "amd64"), Error: func(error) { typeErrors = true }}
	pkg, _ := conf.Check(filepath.ToSlash(rel), d.fset, files, info)
	if typeErrors || pkg == nil {
		return failed
	}
	var uses, typeLines []string
	for id, obj := range info.Uses {
		uses = append(uses, d.pos(id.Pos())+" -> "+d.target(pkg, obj))
	}
	qual := func(p *types.Package) string { return p.Path() }
	// x++ is checked as x += 1 with a literal 1 placed at x: not source, and it would share x's key.
	incDecOperands := map[token.Pos]bool{}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			if s, ok := n.(*ast.IncDecStmt); ok {
				incDecOperands[s.X.Pos()] = true
			}
			return true
		})
	}
	for e, tv := range info.Types {
		if !tv.IsValue() || tv.Type == nil {
			continue
		}
		if lit, ok := e.(*ast.BasicLit); ok && incDecOperands[lit.Pos()] {
			continue
		}
		typeLines = append(typeLines, d.pos(e.Pos())+"-"+d.lineCol(e.End())+" "+types.TypeString(tv.Type, qual))
	}
	sortByPosition(uses)
	sortByPosition(typeLines)
	for _, l := range uses {
		uw.WriteString(l + "\n")
	}
	for _, l := range typeLines {
		tw.WriteString(l + "\n")
	}
	return checked
}

func (d *dumper) pos(p token.Pos) string {
	position := d.fset.Position(p)
	rel, err := filepath.Rel(d.root, position.Filename)
	if err != nil {
		rel = position.Filename
	}
	return fmt.Sprintf("%s:%d:%d", filepath.ToSlash(rel), position.Line, position.Column)
}

func (d *dumper) lineCol(p token.Pos) string {
	position := d.fset.Position(p)
	return fmt.Sprintf("%d:%d", position.Line, position.Column)
}

// target renders the object an identifier refers to in the canonical form shared with gotrap.
func (d *dumper) target(current *types.Package, obj types.Object) string {
	if obj.Pkg() == nil {
		return "universe." + obj.Name()
	}
	if obj.Pkg() == current {
		return d.pos(obj.Pos())
	}
	path := obj.Pkg().Path()
	switch o := obj.(type) {
	case *types.Func:
		if sig, ok := o.Type().(*types.Signature); ok && sig.Recv() != nil {
			return path + "." + typeNameOf(sig.Recv().Type()) + "." + o.Name()
		}
	case *types.Var:
		if o.IsField() {
			return path + "." + d.fieldOwner(o) + "." + o.Name()
		}
	}
	return path + "." + obj.Name()
}

func typeNameOf(t types.Type) string {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	switch n := types.Unalias(t).(type) {
	case *types.Named:
		return n.Origin().Obj().Name()
	}
	return "?"
}

// fieldOwner finds the named type whose declaration holds field v: among the package's type names
// sharing v's struct (type A B shares B's struct), the one declared last before the field.
func (d *dumper) fieldOwner(v *types.Var) string {
	if owner, ok := d.owner[v]; ok {
		return owner
	}
	scope := v.Pkg().Scope()
	best := map[*types.Var]*types.TypeName{}
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		if s, ok := tn.Type().Underlying().(*types.Struct); ok {
			for i := 0; i < s.NumFields(); i++ {
				f := s.Field(i)
				if tn.Pos() > f.Pos() {
					continue
				}
				if cur := best[f]; cur == nil || tn.Pos() > cur.Pos() {
					best[f] = tn
				}
			}
		}
	}
	for f, tn := range best {
		d.owner[f] = tn.Name()
	}
	if owner, ok := d.owner[v]; ok {
		return owner
	}
	d.owner[v] = "?"
	return "?"
}

// sortByPosition orders "file:line:col..." lines by file, then numerically by line and column.
func sortByPosition(lines []string) {
	sort.Slice(lines, func(i, j int) bool { return positionLess(lines[i], lines[j]) })
}
