package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWantPatterns(t *testing.T) {
	cases := []struct {
		comment string
		want    []string
	}{
		{`// want "loop variable i captured"`, []string{"loop variable i captured"}},
		{"// want `a \\(b\\)` \"c\"", []string{`a \(b\)`, "c"}},
		{`/* want "in block" */`, []string{"in block"}},
		{`// x := 1 // want "comment on comment"`, []string{"comment on comment"}},
		{`// want fn:"a fact" "a diagnostic"`, []string{"a diagnostic"}},
		{`// ok`, nil},
		{"//@ diag(`should call wg.Add(1) before starting`)", []string{`should call wg\.Add\(1\) before starting`}},
		{"//@ diag(`a`), diag(`b`)", []string{"a", "b"}},
		{"//@ diag(`do not pass a nil Context`)", []string{`do not pass a nil Context`}},
		{"//@ diag(re`a+b`), diag(`x.y`)", []string{`a+b`, `x\.y`}},
		{`//@ fact(args, "needs even elements")`, nil},
	}
	for _, c := range cases {
		got, err := wantPatterns(c.comment)
		if err != nil {
			t.Errorf("%s: %v", c.comment, err)
			continue
		}
		var texts []string
		for _, p := range got {
			texts = append(texts, p.String())
		}
		if strings.Join(texts, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: got %q, want %q", c.comment, texts, c.want)
		}
	}
	// As in analysistest, anything starting with "want" is an expectation and must parse.
	for _, bad := range []string{`// want "unclosed (group"`, `// wanted nothing`} {
		if _, err := wantPatterns(bad); err == nil {
			t.Errorf("%s: want an error", bad)
		}
	}
}

const sample = `package p

func f() {
	for i := range s {
		go func() { println(i) }() // want "loop variable i"
	}
	g() // want "one" "two"
} // want "return"
`

func TestScore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.go")
	if err := os.WriteFile(path, []byte(sample), 0o644); err != nil {
		t.Fatal(err)
	}
	wants, err := readWants(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(wants) != 4 {
		t.Fatalf("%d wants, want 4", len(wants))
	}
	report := `{"findings":[
	  {"path":"p.go","line":5,"rule":"loop-capture","message":"loop variable i captured by func literal","related":[
	    {"path":"p.go","line":8,"message":"return"}]},
	  {"path":"p.go","line":7,"rule":"defer-in-loop","message":"one two"},
	  {"path":"p.go","line":3,"rule":"loop-capture","message":"stray"}]}`
	findings, err := parseReport([]byte(report), dir)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	s := score(wants, findings, "loop-capture", true, dir, &out)
	// Lines 5 and 8 (via related) are found; line 7 only has another rule's finding.
	if s.Lines != 3 || s.Found != 2 || s.MessageMatches != 2 {
		t.Fatalf("score %+v, want 3 lines, 2 found, 2 matching\n%s", s, out.String())
	}
	for _, expected := range []string{"p.go: 2 of 3 want lines found; missed lines [7]", "extra: p.go:7 defer-in-loop", "extra: p.go:3 loop-capture: stray"} {
		if !strings.Contains(out.String(), expected) {
			t.Errorf("report lacks %q:\n%s", expected, out.String())
		}
	}
}

func TestScoreMainLineOnly(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "p.go"), []byte(sample), 0o644); err != nil {
		t.Fatal(err)
	}
	wants, err := readWants(dir)
	if err != nil {
		t.Fatal(err)
	}
	report := `{"findings":[
	  {"path":"p.go","line":5,"rule":"loop-capture","message":"loop variable i captured","related":[
	    {"path":"p.go","line":8,"message":"return"}]}]}`
	findings, err := parseReport([]byte(report), dir)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	// Without related locations, line 8 is not answered.
	if s := score(wants, findings, "loop-capture", false, dir, &out); s.Lines != 3 || s.Found != 1 {
		t.Fatalf("score %+v, want 3 lines, 1 found\n%s", s, out.String())
	}
}

const samplesFile = `package testutils

type CodeSample struct {
	Code   []string
	Errors int
	Config map[string]any
}

var Samples = []CodeSample{
	{[]string{"package a\n", "package a // second\n"}, 2, nil},
	{[]string{` + "`package b`" + `}, 0, nil},
}
`

func TestScoreSamples(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "g1_samples.go")
	if err := os.WriteFile(path, []byte(samplesFile), 0o644); err != nil {
		t.Fatal(err)
	}
	samples, err := readSamples(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(samples) != 2 || len(samples[0].Files) != 2 || samples[0].Expected != 2 || samples[1].Files[0] != "package b" {
		t.Fatalf("samples %+v", samples)
	}
	// The fake gotrap finds one issue of the rule in every sample (and one of another rule).
	run := func(dir string) ([]Finding, error) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
			return nil, err
		}
		return []Finding{{Location: Location{Path: filepath.Join(dir, "f0.go"), Line: 1, Message: "m"}, Rule: "r"},
			{Location: Location{Path: filepath.Join(dir, "f0.go"), Line: 1, Message: "o"}, Rule: "other"}}, nil
	}
	var out strings.Builder
	s, err := scoreSamples(path, run, "r", &out)
	if err != nil {
		t.Fatal(err)
	}
	if s.Lines != 2 || s.Found != 1 {
		t.Fatalf("score %+v, want 2 expected, 1 found\n%s", s, out.String())
	}
	for _, expected := range []string{"missed g1_samples.go:10: sample 0: 1 of 2", "extra: g1_samples.go:11: sample 1 (expects 0): line 1: m"} {
		if !strings.Contains(out.String(), expected) {
			t.Errorf("report lacks %q:\n%s", expected, out.String())
		}
	}
}
