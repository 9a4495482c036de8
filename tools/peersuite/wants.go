package main

import (
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/scanner"
)

// Want is one "// want" expectation of a peer suite, read the way
// go/analysis/analysistest reads them.
type Want struct {
	File    string // absolute path
	Line    int
	Pattern *regexp.Regexp
}

// readWants returns every expectation in the .go files under dir.
func readWants(dir string) ([]Want, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var wants []Want
	fset := token.NewFileSet()
	for _, path := range files {
		abs, err := filepath.Abs(path)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, abs, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, group := range f.Comments {
			for _, c := range group.List {
				patterns, err := wantPatterns(c.Text)
				if err != nil {
					return nil, fmt.Errorf("%s: %v", fset.Position(c.Pos()), err)
				}
				line := fset.Position(c.Pos()).Line
				for _, p := range patterns {
					wants = append(wants, Want{File: abs, Line: line, Pattern: p})
				}
			}
		}
	}
	return wants, nil
}

// wantPatterns extracts the message regexps of one comment: its text after
// "want" is a list of Go string literals; name:"fact" pairs are facts, which
// gotrap does not produce, so they are skipped.
func wantPatterns(comment string) ([]*regexp.Regexp, error) {
	text := strings.TrimPrefix(comment, "//")
	if text == comment {
		text = strings.TrimSuffix(strings.TrimPrefix(text, "/*"), "*/")
	}
	// staticcheck's testdata: "//@ diag(`text`)" (a substring) or diag(re`regexp`).
	if rest, ok := strings.CutPrefix(strings.TrimSpace(text), "@"); ok {
		return diagPatterns(rest)
	}
	// A comment about a comment ("// ... // want ...") counts from its "want".
	if i := strings.Index(text, "// want"); i >= 0 {
		text = text[i+len("// "):]
	}
	rest, ok := strings.CutPrefix(strings.TrimSpace(text), "want")
	if !ok {
		return nil, nil
	}
	var s scanner.Scanner
	s.Init(strings.NewReader(rest))
	s.Mode = scanner.ScanIdents | scanner.ScanStrings | scanner.ScanRawStrings
	var scanErr error
	s.Error = func(_ *scanner.Scanner, msg string) { scanErr = fmt.Errorf("want comment: %s", msg) }
	var patterns []*regexp.Regexp
	for tok := s.Scan(); tok != scanner.EOF; tok = s.Scan() {
		switch tok {
		case scanner.String, scanner.RawString:
			p, err := compileLiteral(s.TokenText())
			if err != nil {
				return nil, err
			}
			patterns = append(patterns, p)
		case scanner.Ident:
			if s.Scan() != ':' {
				return nil, fmt.Errorf("want comment: %q not followed by ':'", s.TokenText())
			}
			if tok := s.Scan(); tok != scanner.String && tok != scanner.RawString {
				return nil, fmt.Errorf("want comment: fact without a string")
			}
		default:
			return nil, fmt.Errorf("want comment: unexpected %q", s.TokenText())
		}
	}
	return patterns, scanErr
}

// diagPatterns reads the diag(...) directives of a staticcheck "//@"
// comment; other directives (fact(...)) are skipped.
func diagPatterns(text string) ([]*regexp.Regexp, error) {
	var s scanner.Scanner
	s.Init(strings.NewReader(text))
	s.Mode = scanner.ScanIdents | scanner.ScanStrings | scanner.ScanRawStrings
	var scanErr error
	s.Error = func(_ *scanner.Scanner, msg string) { scanErr = fmt.Errorf("diag comment: %s", msg) }
	var patterns []*regexp.Regexp
	depth := 0
	inDiag := false
	isRegexp := false
	for tok := s.Scan(); tok != scanner.EOF; tok = s.Scan() {
		switch tok {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				inDiag = false
			}
		case scanner.Ident:
			if depth == 0 {
				inDiag = s.TokenText() == "diag"
			} else {
				isRegexp = inDiag && s.TokenText() == "re"
			}
		case scanner.String, scanner.RawString:
			if !inDiag || depth != 1 {
				continue
			}
			text, err := strconv.Unquote(s.TokenText())
			if err != nil {
				return nil, fmt.Errorf("diag comment: %v", err)
			}
			if !isRegexp {
				text = regexp.QuoteMeta(text)
			}
			p, err := regexp.Compile(text)
			if err != nil {
				return nil, fmt.Errorf("diag comment: %v", err)
			}
			patterns = append(patterns, p)
			isRegexp = false
		}
	}
	return patterns, scanErr
}

func compileLiteral(lit string) (*regexp.Regexp, error) {
	text, err := strconv.Unquote(lit)
	if err != nil {
		return nil, fmt.Errorf("want comment: %v in %s", err, lit)
	}
	return regexp.Compile(text)
}
