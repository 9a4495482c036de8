// Command resourcesuite scores gotrap's resource rules (timer-leak,
// http-server-timeout, body-not-closed) against their peers' own testdata:
//
//   - staticcheck SA1015 (Debian's golang-honnef-go-tools-dev, located with
//     dpkg -L): "//@ diag(...)" lines, answered by timer-leak;
//   - gosec G112 and G114 (-gosec DIR: a github.com/securego/gosec/v2 module
//     directory): code samples with an expected finding count, answered by
//     http-server-timeout;
//   - bodyclose (-bodyclose DIR: a github.com/timakin/bodyclose module
//     directory): "// want" lines of passes/bodyclose/testdata/src, answered
//     by body-not-closed. Its "consumption" package tests the analyzer's
//     optional -check-consumption mode (a body closed but never read); it is
//     scored separately and does not count towards the threshold.
//
// A want line is found when a finding of the rule starts on it. Findings on
// no want line are listed as extra. Exits 1 when a scored suite's recall is
// below -min (default 1.0).
//
//	resourcesuite -gotrap BIN [-gosec DIR] [-bodyclose DIR] [-min 1.0]
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

const staticcheckPackage = "golang-honnef-go-tools-dev"

type finding struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Rule    string `json:"rule"`
	Message string `json:"message"`
}

type result struct {
	suite         string
	wants, found  int
	extras        []string
	missed        []string
	countsTowards bool
}

func main() {
	gotrap := flag.String("gotrap", "", "the gotrap binary")
	gosecDir := flag.String("gosec", "", "github.com/securego/gosec/v2 module directory (optional)")
	bodycloseDir := flag.String("bodyclose", "", "github.com/timakin/bodyclose module directory (optional)")
	minRecall := flag.Float64("min", 1.0, "fail below this recall on a scored suite")
	flag.Parse()
	if *gotrap == "" {
		fmt.Fprintln(os.Stderr, "usage: resourcesuite -gotrap BIN [-gosec DIR] [-bodyclose DIR]")
		os.Exit(2)
	}
	bin, err := filepath.Abs(*gotrap)
	check(err)
	var results []result
	sa, err := staticcheckDir()
	check(err)
	for _, d := range []string{"CheckLeakyTimeTick", "CheckLeakyTimeTick-main"} {
		r, err := wantSuite(bin, "SA1015/"+d, filepath.Join(sa, d), "timer-leak", "1.21", diagPattern, nil)
		check(err)
		results = append(results, r)
	}
	if *gosecDir != "" {
		for _, g := range []string{"g112", "g114"} {
			r, err := gosecSuite(bin, *gosecDir, g)
			check(err)
			results = append(results, r)
		}
	}
	if *bodycloseDir != "" {
		src := filepath.Join(*bodycloseDir, "passes", "bodyclose", "testdata", "src")
		consumption := func(p string) bool { return strings.HasPrefix(p, "consumption"+string(filepath.Separator)) }
		r, err := wantSuite(bin, "bodyclose", src, "body-not-closed", "1.21", wantPattern,
			func(p string) bool { return !consumption(p) })
		check(err)
		results = append(results, r)
		r, err = wantSuite(bin, "bodyclose/consumption (-check-consumption mode)", src, "body-not-closed", "1.21",
			wantPattern, consumption)
		check(err)
		r.countsTowards = false
		results = append(results, r)
	}
	failed := false
	for _, r := range results {
		recall := 1.0
		if r.wants > 0 {
			recall = float64(r.found) / float64(r.wants)
		}
		verdict := "ok"
		if !r.countsTowards {
			verdict = "informational"
		} else if recall < *minRecall {
			verdict = "FAIL"
			failed = true
		}
		fmt.Printf("%s: recall %d/%d = %.1f%%, %d extra (%s)\n", r.suite, r.found, r.wants, 100*recall, len(r.extras), verdict)
		for _, m := range r.missed {
			fmt.Printf("  missed %s\n", m)
		}
		for _, e := range r.extras {
			fmt.Printf("  extra  %s\n", e)
		}
	}
	if failed {
		os.Exit(1)
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "resourcesuite:", err)
		os.Exit(2)
	}
}

func staticcheckDir() (string, error) {
	out, err := exec.Command("dpkg", "-L", staticcheckPackage).Output()
	if err != nil {
		return "", fmt.Errorf("dpkg -L %s: %v", staticcheckPackage, err)
	}
	tail := "/staticcheck/testdata/src/example.com"
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasSuffix(line, tail) {
			return line, nil
		}
	}
	return "", fmt.Errorf("%s has no %s", staticcheckPackage, tail)
}

var (
	diagPattern = regexp.MustCompile(`//@ diag\(`)
	wantPattern = regexp.MustCompile(`// want "`)
)

type lineKey struct {
	path string
	line int
}

// runGotrap runs one rule over ./... in dir and returns its findings.
func runGotrap(bin, dir, rule, goVersion string) ([]finding, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, "--format", "json", "--disable", "all", "--enable", rule, "--go", goVersion, "./...")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var report struct {
		Findings []finding `json:"findings"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		return nil, fmt.Errorf("gotrap in %s (%v): %v\n%s", dir, runErr, err, stderr.String())
	}
	for i := range report.Findings {
		if !filepath.IsAbs(report.Findings[i].Path) {
			report.Findings[i].Path = filepath.Join(dir, report.Findings[i].Path)
		}
	}
	return report.Findings, nil
}

// wantSuite scores the findings of rule in dir against the lines matching pattern.
// Only files whose path relative to dir satisfies include (nil: all) count.
func wantSuite(bin, name, dir, rule, goVersion string, pattern *regexp.Regexp, include func(string) bool) (result, error) {
	r := result{suite: name, countsTowards: true}
	keep := func(path string) bool { return include == nil || include(rel(dir, path)) }
	wants := map[lineKey]bool{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || !keep(path) {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			if pattern.MatchString(line) {
				wants[lineKey{path, i + 1}] = true
			}
		}
		return nil
	})
	if err != nil {
		return r, err
	}
	findings, err := runGotrap(bin, dir, rule, goVersion)
	if err != nil {
		return r, err
	}
	got := map[lineKey]bool{}
	for _, f := range findings {
		if !keep(f.Path) {
			continue
		}
		k := lineKey{f.Path, f.Line}
		got[k] = true
		if !wants[k] {
			r.extras = append(r.extras, fmt.Sprintf("%s:%d: %s", rel(dir, f.Path), f.Line, f.Message))
		}
	}
	r.wants = len(wants)
	for k := range wants {
		if got[k] {
			r.found++
		} else {
			r.missed = append(r.missed, fmt.Sprintf("%s:%d", rel(dir, k.path), k.line))
		}
	}
	sort.Strings(r.missed)
	sort.Strings(r.extras)
	return r, nil
}

func rel(dir, path string) string {
	if p, err := filepath.Rel(dir, path); err == nil {
		return p
	}
	return path
}

// gosecSuite extracts the samples of testutils/<g>_samples.go (each a list
// of files and the number of issues gosec expects), runs gotrap on each in a
// module of its own and compares the counts.
func gosecSuite(bin, root, g string) (result, error) {
	r := result{suite: "gosec " + strings.ToUpper(g), countsTowards: true}
	path := filepath.Join(root, "testutils", g+"_samples.go")
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		return r, err
	}
	type sample struct {
		files    []string
		expected int
		line     int
	}
	var samples []sample
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
		var s sample
		s.expected, _ = strconv.Atoi(count.Value)
		s.line = fset.Position(lit.Pos()).Line
		for _, e := range files.Elts {
			if b, ok := e.(*ast.BasicLit); ok && b.Kind == token.STRING {
				text, err := strconv.Unquote(b.Value)
				if err == nil {
					s.files = append(s.files, text)
				}
			}
		}
		samples = append(samples, s)
		return false
	})
	tmp, err := os.MkdirTemp("", "resourcesuite-"+g)
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(tmp)
	for i, s := range samples {
		dir := filepath.Join(tmp, fmt.Sprintf("s%d", i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return r, err
		}
		os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module sample\n\ngo 1.21\n"), 0o644)
		for j, text := range s.files {
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%d.go", j)), []byte(text), 0o644)
		}
		findings, err := runGotrap(bin, dir, "http-server-timeout", "1.21")
		if err != nil {
			return r, err
		}
		got := len(findings)
		r.wants += s.expected
		if got >= s.expected {
			r.found += s.expected
		} else {
			r.found += got
			r.missed = append(r.missed, fmt.Sprintf("%s:%d: sample %d: %d of %d", filepath.Base(path), s.line, i, got, s.expected))
		}
		if got > s.expected {
			for _, fd := range findings {
				r.extras = append(r.extras, fmt.Sprintf("%s:%d: sample %d (gosec expects %d): line %d: %s",
					filepath.Base(path), s.line, i, s.expected, fd.Line, fd.Message))
			}
		}
	}
	return r, nil
}
