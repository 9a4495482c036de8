package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
)

// extractSnippets writes the source snippets of go/parser's own short tests (the string lists
// named valids and invalids in the given file) into dir, one file each, so that the conformance
// test can hold gotrap to go/parser's verdict on them too. It prints the written paths.
func extractSnippets(testFile, dir string) error {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, testFile, nil, parser.SkipObjectResolution)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	n := 0
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				if (name.Name != "valids" && name.Name != "invalids") || i >= len(vs.Values) {
					continue
				}
				lit, ok := vs.Values[i].(*ast.CompositeLit)
				if !ok {
					continue
				}
				for j, elt := range lit.Elts {
					bl, ok := elt.(*ast.BasicLit)
					if !ok || bl.Kind != token.STRING {
						continue
					}
					src, err := strconv.Unquote(bl.Value)
					if err != nil {
						return err
					}
					path := filepath.Join(dir, fmt.Sprintf("%s_%03d.go", name.Name, j))
					if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
						return err
					}
					fmt.Println(path)
					n++
				}
			}
		}
	}
	if n == 0 {
		return fmt.Errorf("%s: no valids/invalids snippets found", testFile)
	}
	return nil
}
