// Command peersuite scores gotrap against other linters' own testdata:
//
//   - go vet's loopclosure, lostcancel and copylock's WaitGroup cases (Debian's
//     golang-golang-x-tools-dev) and waitgroup, which Debian's x/tools predates
//     (-testdata: an x/tools module directory);
//   - staticcheck's SA2000, SA1012 and SA1015 (Debian's golang-honnef-go-tools-dev);
//   - gosec's G112 and G114 (-gosec: a github.com/securego/gosec/v2 module
//     directory): code samples with an expected finding count;
//   - bodyclose (-bodyclose: a github.com/timakin/bodyclose module directory).
//     Its "consumption" package tests the analyzer's optional
//     -check-consumption mode; it is scored as a suite of its own that is
//     informational and never fails the run.
//
// "// want" comments and staticcheck's "//@ diag(...)" comments are read by
// one reader. A want line is found when a finding of the suite's gotrap rule
// sits on it (for the vet and staticcheck goroutine/context suites, one of its
// related locations may instead; the resource suites run the rule alone and
// ask for the finding to start there). It prints per-file detail and recall
// per suite, and fails when recall falls below the suite's threshold.
//
//	peersuite -gotrap BIN [-go 1.21] [-testdata DIR] [-gosec DIR] [-bodyclose DIR] [-suites a,b]
//	peersuite -gotrap BIN -dir DIR -rule RULE [-min-recall 0.5]
//
// The second form scores any directory of "// want" testdata (a peer's module
// fetched by a benchmark script, say) against one rule.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// Where a suite's testdata comes from: a Debian package, or a module
// directory given on the command line.
const (
	toolsPackage       = "golang-golang-x-tools-dev"
	staticcheckPackage = "golang-honnef-go-tools-dev"
	toolsModule        = "golang.org/x/tools"
	gosecModule        = "github.com/securego/gosec/v2"
	bodycloseModule    = "github.com/timakin/bodyclose"
)

// suite is one peer's testdata and the gotrap rule that answers it.
type suite struct {
	analyzer  string
	rule      string
	minRecall float64
	// Where the testdata lives: a Debian package (pkg) or a module given
	// on the command line (module), and the path below its root. x/tools
	// suites from Debian may come from -testdata instead.
	pkg    string
	module string
	tail   string
	// Only wants whose pattern matches this (empty: all) count: copylock's
	// testdata covers every lock, gotrap's rule only the WaitGroup.
	wantFilter *regexp.Regexp
	// Only files (and findings) whose path relative to the testdata
	// satisfies this (nil: all) count.
	include func(rel string) bool
	// Run the rule alone and count only findings that start on a want line;
	// otherwise every rule runs and a related location also answers.
	isolated bool
	// tail is a gosec samples file rather than a directory of wants.
	samples bool
	// Scored and printed, never failing the run.
	informational bool
}

func vetSuite(analyzer, rule string, minRecall float64) suite {
	return suite{analyzer: analyzer, rule: rule, minRecall: minRecall, pkg: toolsPackage,
		tail: filepath.Join("go", "analysis", "passes", analyzer, "testdata", "src")}
}

func staticcheckSuite(check, dir, rule string, minRecall float64) suite {
	return suite{analyzer: check, rule: rule, minRecall: minRecall, pkg: staticcheckPackage,
		tail: filepath.Join("staticcheck", "testdata", "src", "example.com", dir)}
}

// resourceSuite is scored the stricter way: the rule alone, findings on want lines.
func resourceSuite(s suite) suite {
	s.isolated = true
	return s
}

func gosecSuite(g, rule string, minRecall float64) suite {
	return resourceSuite(suite{analyzer: g, rule: rule, minRecall: minRecall, module: gosecModule,
		tail: filepath.Join("testutils", strings.ToLower(g)+"_samples.go"), samples: true})
}

func inConsumption(rel string) bool {
	return strings.HasPrefix(rel, "consumption"+string(filepath.Separator))
}

var suites = func() []suite {
	copylock := vetSuite("copylock", "wg-copy", 1.0)
	copylock.wantFilter = regexp.MustCompile(`WaitGroup`)
	waitgroup := vetSuite("waitgroup", "wg-add-in-goroutine", 1.0)
	waitgroup.pkg, waitgroup.module = "", toolsModule
	bodyclose := resourceSuite(suite{analyzer: "bodyclose", rule: "body-not-closed", minRecall: 1.0,
		module: bodycloseModule, tail: filepath.Join("passes", "bodyclose", "testdata", "src"),
		include: func(rel string) bool { return !inConsumption(rel) }})
	consumption := bodyclose
	consumption.analyzer = "bodyclose-consumption"
	consumption.include = inConsumption
	consumption.informational = true
	return []suite{
		vetSuite("loopclosure", "loop-capture", 0.95),
		vetSuite("lostcancel", "lost-cancel", 1.0),
		copylock,
		waitgroup,
		staticcheckSuite("SA2000", "CheckWaitgroupAdd", "wg-add-in-goroutine", 1.0),
		staticcheckSuite("SA1012", "checkStdlibUsageNilContext", "nil-ctx", 1.0),
		resourceSuite(staticcheckSuite("SA1015", "CheckLeakyTimeTick", "timer-leak", 1.0)),
		resourceSuite(staticcheckSuite("SA1015-main", "CheckLeakyTimeTick-main", "timer-leak", 1.0)),
		gosecSuite("G112", "http-server-timeout", 1.0),
		gosecSuite("G114", "http-server-timeout", 1.0),
		bodyclose,
		consumption,
	}
}()

func main() {
	gotrap := flag.String("gotrap", "", "the gotrap binary")
	goVersion := flag.String("go", "1.21", "Go version gotrap assumes for the testdata")
	modules := map[string]*string{
		toolsModule:     flag.String("testdata", "", toolsModule+" module directory (default for the suites Debian ships: located with dpkg -L "+toolsPackage+")"),
		gosecModule:     flag.String("gosec", "", gosecModule+" module directory (G112, G114)"),
		bodycloseModule: flag.String("bodyclose", "", bodycloseModule+" module directory (bodyclose)"),
	}
	only := flag.String("suites", "", "comma-separated suites to run (default: all available)")
	dir := flag.String("dir", "", "score this directory of // want testdata instead of the built-in suites")
	rule := flag.String("rule", "", "with -dir: the gotrap rule that answers the wants")
	minRecall := flag.Float64("min-recall", 0, "with -dir: fail below this recall")
	flag.Parse()
	if *gotrap == "" || (*dir != "") != (*rule != "") {
		fmt.Fprintln(os.Stderr, "usage: peersuite -gotrap BIN [-go VERSION] [-testdata DIR] [-gosec DIR] [-bodyclose DIR] [-suites NAME,...]\n       peersuite -gotrap BIN -dir DIR -rule RULE [-min-recall R]")
		os.Exit(2)
	}
	bin, err := filepath.Abs(*gotrap)
	if err != nil {
		fatal(err)
	}
	if *dir != "" {
		ok, err := runSuite(bin, *goVersion, *dir, suite{analyzer: filepath.Base(*dir), rule: *rule, minRecall: *minRecall})
		if err != nil {
			fatal(err)
		}
		if !ok {
			os.Exit(1)
		}
		return
	}
	failed := false
	for _, s := range suites {
		if *only != "" && !contains(strings.Split(*only, ","), s.analyzer) {
			continue
		}
		root := ""
		if m := modules[s.module]; m != nil {
			root = *m
		} else if s.pkg == toolsPackage {
			root = *modules[toolsModule]
		}
		if s.module != "" && root == "" {
			fmt.Printf("%s: skipped (not in a Debian package; pass -%s with a %s module directory)\n",
				s.analyzer, flagFor(s.module), s.module)
			continue
		}
		dir, err := suiteDir(root, s)
		if err != nil {
			fatal(err)
		}
		ok, err := runSuite(bin, *goVersion, dir, s)
		if err != nil {
			fatal(err)
		}
		failed = failed || !ok
	}
	if failed {
		os.Exit(1)
	}
}

func flagFor(module string) string {
	switch module {
	case gosecModule:
		return "gosec"
	case bodycloseModule:
		return "bodyclose"
	}
	return "testdata"
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "peersuite:", err)
	os.Exit(2)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// suiteDir finds the suite's testdata: below root (a module directory) when
// given, else among the files of the suite's Debian package.
func suiteDir(root string, s suite) (string, error) {
	if root != "" {
		return filepath.Join(root, s.tail), nil
	}
	out, err := exec.Command("dpkg", "-L", s.pkg).Output()
	if err != nil {
		return "", fmt.Errorf("dpkg -L %s: %v (install it, or pass -testdata)", s.pkg, err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasSuffix(line, string(filepath.Separator)+s.tail) {
			return line, nil
		}
	}
	return "", fmt.Errorf("%s has no %s", s.pkg, s.tail)
}

// runGotrap runs gotrap over ./... in dir (only rule, when isolated) and
// returns its findings with absolute paths.
func runGotrap(gotrap, goVersion, dir, rule string, isolated bool) ([]Finding, error) {
	args := []string{"--format", "json", "--go", goVersion}
	if isolated {
		args = append(args, "--disable", "all", "--enable", rule)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(gotrap, append(args, "./...")...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	findings, err := parseReport(stdout.Bytes(), dir)
	if err != nil {
		return nil, fmt.Errorf("gotrap in %s failed (%v): %v\n%s", dir, runErr, err, stderr.String())
	}
	return findings, nil
}

// runSuite runs gotrap over one suite and reports whether its recall holds.
func runSuite(gotrap, goVersion, dir string, s suite) (bool, error) {
	run := func(dir string) ([]Finding, error) { return runGotrap(gotrap, goVersion, dir, s.rule, s.isolated) }
	fmt.Printf("%s (gotrap rule %s) in %s\n", s.analyzer, s.rule, dir)
	var sc Score
	if s.samples {
		var err error
		if sc, err = scoreSamples(dir, run, s.rule, os.Stdout); err != nil {
			return false, fmt.Errorf("%s: %v", s.analyzer, err)
		}
	} else {
		wants, err := readWants(dir)
		if err != nil {
			return false, err
		}
		findings, err := run(dir)
		if err != nil {
			return false, fmt.Errorf("%s: %v", s.analyzer, err)
		}
		keep := func(path string) bool {
			if s.include == nil {
				return true
			}
			r, err := filepath.Rel(dir, path)
			return err == nil && s.include(r)
		}
		var kept []Want
		for _, w := range wants {
			if keep(w.File) && (s.wantFilter == nil || s.wantFilter.MatchString(w.Pattern.String())) {
				kept = append(kept, w)
			}
		}
		var keptFindings []Finding
		for _, f := range findings {
			if keep(f.Path) {
				keptFindings = append(keptFindings, f)
			}
		}
		sc = score(kept, keptFindings, s.rule, !s.isolated, dir, os.Stdout)
	}
	verdict := fmt.Sprintf("(needs %.0f%%) ok", 100*s.minRecall)
	switch {
	case s.informational:
		verdict = "(informational, not counted)"
	case sc.Recall() < s.minRecall:
		verdict = fmt.Sprintf("(needs %.0f%%) FAIL", 100*s.minRecall)
	}
	fmt.Printf("%s: recall %d/%d = %.1f%% %s", s.analyzer, sc.Found, sc.Lines, 100*sc.Recall(), verdict)
	if !s.samples {
		fmt.Printf("; messages matching the peer's wording on %d found lines", sc.MessageMatches)
	}
	fmt.Println()
	return !strings.HasSuffix(verdict, "FAIL"), nil
}
