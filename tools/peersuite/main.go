// Command peersuite runs gotrap over the testdata of go vet's own analyzers
// (loopclosure, lostcancel and copylock's WaitGroup cases, from Debian's
// golang-golang-x-tools-dev; waitgroup, which Debian's x/tools predates, from
// an x/tools checkout given with -testdata) and staticcheck's SA2000 and SA1012
// (Debian's golang-honnef-go-tools-dev), and scores it against their "// want" (or
// staticcheck's "//@ diag(...)") comments: a want line is found when a finding
// of the matching gotrap rule, or one of its related locations, sits on it. It
// prints per-file detail and recall per suite, and fails when recall falls
// below the suite's threshold.
//
//	peersuite -gotrap BIN [-go 1.21] [-testdata DIR] [-suites a,b]
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

// suite is one analyzer's testdata and the gotrap rule that answers it.
type suite struct {
	analyzer  string
	rule      string
	minRecall float64
	// Where the testdata lives: a Debian package and the path below its
	// source root; x/tools suites may come from -testdata instead.
	pkg  string
	tail string
	// Only wants whose pattern matches this (empty: all) count: copylock's
	// testdata covers every lock, gotrap's rule only the WaitGroup.
	wantFilter *regexp.Regexp
	// Not in Debian's package: run only when -testdata is given.
	needsTestdata bool
}

const toolsPackage = "golang-golang-x-tools-dev"
const staticcheckPackage = "golang-honnef-go-tools-dev"

func vetSuite(analyzer, rule string, minRecall float64) suite {
	return suite{analyzer: analyzer, rule: rule, minRecall: minRecall, pkg: toolsPackage,
		tail: filepath.Join("go", "analysis", "passes", analyzer, "testdata", "src")}
}

var suites = func() []suite {
	copylock := vetSuite("copylock", "wg-copy", 1.0)
	copylock.wantFilter = regexp.MustCompile(`WaitGroup`)
	waitgroup := vetSuite("waitgroup", "wg-add-in-goroutine", 1.0)
	waitgroup.needsTestdata = true
	return []suite{
		vetSuite("loopclosure", "loop-capture", 0.95),
		vetSuite("lostcancel", "lost-cancel", 1.0),
		copylock,
		waitgroup,
		staticcheckSuite("SA2000", "CheckWaitgroupAdd", "wg-add-in-goroutine", 1.0),
		staticcheckSuite("SA1012", "checkStdlibUsageNilContext", "nil-ctx", 1.0),
	}
}()

func staticcheckSuite(check, dir, rule string, minRecall float64) suite {
	return suite{analyzer: check, rule: rule, minRecall: minRecall, pkg: staticcheckPackage,
		tail: filepath.Join("staticcheck", "testdata", "src", "example.com", dir)}
}

func main() {
	gotrap := flag.String("gotrap", "", "the gotrap binary")
	goVersion := flag.String("go", "1.21", "Go version gotrap assumes for the testdata")
	testdata := flag.String("testdata", "", "golang.org/x/tools checkout (default: located with dpkg -L "+toolsPackage+")")
	only := flag.String("suites", "", "comma-separated suites to run (default: all available)")
	dir := flag.String("dir", "", "score this directory of // want testdata instead of the built-in suites")
	rule := flag.String("rule", "", "with -dir: the gotrap rule that answers the wants")
	minRecall := flag.Float64("min-recall", 0, "with -dir: fail below this recall")
	flag.Parse()
	if *gotrap == "" || (*dir != "") != (*rule != "") {
		fmt.Fprintln(os.Stderr, "usage: peersuite -gotrap BIN [-go VERSION] [-testdata DIR] [-suites NAME,...]\n       peersuite -gotrap BIN -dir DIR -rule RULE [-min-recall R]")
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
		if s.needsTestdata && *testdata == "" {
			fmt.Printf("%s: skipped (not in Debian's %s; pass -testdata with an x/tools checkout that has it)\n", s.analyzer, s.pkg)
			continue
		}
		dir, err := suiteDir(*testdata, s)
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

// suiteDir finds the suite's testdata: an x/tools suite under root when given,
// else among the files of the suite's Debian package.
func suiteDir(root string, s suite) (string, error) {
	if root != "" && s.pkg == toolsPackage {
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

// runSuite runs gotrap over one suite and reports whether its recall holds.
func runSuite(gotrap, goVersion, dir string, s suite) (bool, error) {
	wants, err := readWants(dir)
	if err != nil {
		return false, err
	}
	if s.wantFilter != nil {
		var kept []Want
		for _, w := range wants {
			if s.wantFilter.MatchString(w.Pattern.String()) {
				kept = append(kept, w)
			}
		}
		wants = kept
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(gotrap, "--format", "json", "--go", goVersion, "./...")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	findings, err := parseReport(stdout.Bytes(), dir)
	if err != nil {
		return false, fmt.Errorf("%s: gotrap failed (%v): %v\n%s", s.analyzer, runErr, err, stderr.String())
	}
	fmt.Printf("%s (gotrap rule %s) in %s\n", s.analyzer, s.rule, dir)
	sc := score(wants, findings, s.rule, dir, os.Stdout)
	verdict := "ok"
	if sc.Recall() < s.minRecall {
		verdict = "FAIL"
	}
	fmt.Printf("%s: recall %d/%d = %.1f%% (needs %.0f%%) %s; messages matching vet's wording on %d found lines\n",
		s.analyzer, sc.Found, sc.Lines, 100*sc.Recall(), 100*s.minRecall, verdict, sc.MessageMatches)
	return verdict == "ok", nil
}
