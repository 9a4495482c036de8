package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"strconv"
)

// Sample is one code sample of gosec's testutils: the files of a package
// and the number of issues gosec expects in it.
type Sample struct {
	Files    []string
	Expected int
	Line     int // of the sample's literal in the samples file
}

// readSamples reads a gosec testutils/<rule>_samples.go file: a list of
// composite literals {[]string{file, ...}, count, ...}.
func readSamples(path string) ([]Sample, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		return nil, err
	}
	var samples []Sample
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.CompositeLit)
		if !ok || len(lit.Elts) < 2 {
			return true
		}
		files, ok := lit.Elts[0].(*ast.CompositeLit)
		count, ok2 := lit.Elts[1].(*ast.BasicLit)
		if !ok || !ok2 || count.Kind != token.INT {
			return true
		}
		s := Sample{Line: fset.Position(lit.Pos()).Line}
		s.Expected, _ = strconv.Atoi(count.Value)
		for _, e := range files.Elts {
			if b, ok := e.(*ast.BasicLit); ok && b.Kind == token.STRING {
				if text, err := strconv.Unquote(b.Value); err == nil {
					s.Files = append(s.Files, text)
				}
			}
		}
		samples = append(samples, s)
		return false
	})
	return samples, nil
}

// scoreSamples runs gotrap on each sample in a module of its own: a sample
// counts its expected issues as wants, found up to the number of findings
// of rule; findings beyond the expected count are listed as extra.
func scoreSamples(path string, run func(dir string) ([]Finding, error), rule string, out io.Writer) (Score, error) {
	var s Score
	samples, err := readSamples(path)
	if err != nil {
		return s, err
	}
	tmp, err := os.MkdirTemp("", "peersuite-samples")
	if err != nil {
		return s, err
	}
	defer os.RemoveAll(tmp)
	name := filepath.Base(path)
	for i, sm := range samples {
		dir := filepath.Join(tmp, fmt.Sprintf("s%d", i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return s, err
		}
		if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module sample\n\ngo 1.21\n"), 0o644); err != nil {
			return s, err
		}
		for j, text := range sm.Files {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%d.go", j)), []byte(text), 0o644); err != nil {
				return s, err
			}
		}
		all, err := run(dir)
		if err != nil {
			return s, err
		}
		var findings []Finding
		for _, f := range all {
			if f.Rule == rule {
				findings = append(findings, f)
			}
		}
		got := len(findings)
		s.Lines += sm.Expected
		if got >= sm.Expected {
			s.Found += sm.Expected
		} else {
			s.Found += got
			fmt.Fprintf(out, "  missed %s:%d: sample %d: %d of %d\n", name, sm.Line, i, got, sm.Expected)
		}
		if got > sm.Expected {
			for _, f := range findings {
				fmt.Fprintf(out, "  extra: %s:%d: sample %d (expects %d): line %d: %s\n", name, sm.Line, i, sm.Expected, f.Line, f.Message)
			}
		}
	}
	return s, nil
}
