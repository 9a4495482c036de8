// Command peersuite runs gotrap over the testdata of go vet's own analyzers
// (loopclosure and lostcancel, from Debian's golang-golang-x-tools-dev) and
// scores it against their "// want" comments: a want line is found when a
// finding of the matching gotrap rule, or one of its related locations, sits
// on it. It prints per-file detail and recall per suite, and fails when
// recall falls below the suite's threshold.
//
//	peersuite -gotrap BIN [-go 1.21] [-testdata DIR]
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// suite is one analyzer's testdata and the gotrap rule that answers it.
type suite struct {
	analyzer  string
	rule      string
	minRecall float64
}

var suites = []suite{
	{analyzer: "loopclosure", rule: "loop-capture", minRecall: 0.95},
	{analyzer: "lostcancel", rule: "lost-cancel", minRecall: 1.0},
}

const toolsPackage = "golang-golang-x-tools-dev"

func main() {
	gotrap := flag.String("gotrap", "", "the gotrap binary")
	goVersion := flag.String("go", "1.21", "Go version gotrap assumes for the testdata")
	testdata := flag.String("testdata", "", "golang.org/x/tools checkout (default: located with dpkg -L "+toolsPackage+")")
	flag.Parse()
	if *gotrap == "" {
		fmt.Fprintln(os.Stderr, "usage: peersuite -gotrap BIN [-go VERSION] [-testdata DIR]")
		os.Exit(2)
	}
	bin, err := filepath.Abs(*gotrap)
	if err != nil {
		fatal(err)
	}
	failed := false
	for _, s := range suites {
		dir, err := suiteDir(*testdata, s.analyzer)
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

// suiteDir finds go/analysis/passes/<analyzer>/testdata/src, under root when
// given, else among the files of the Debian package.
func suiteDir(root, analyzer string) (string, error) {
	tail := filepath.Join("go", "analysis", "passes", analyzer, "testdata", "src")
	if root != "" {
		return filepath.Join(root, tail), nil
	}
	out, err := exec.Command("dpkg", "-L", toolsPackage).Output()
	if err != nil {
		return "", fmt.Errorf("dpkg -L %s: %v (install it, or pass -testdata)", toolsPackage, err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasSuffix(line, string(filepath.Separator)+tail) {
			return line, nil
		}
	}
	return "", fmt.Errorf("%s has no %s", toolsPackage, tail)
}

// runSuite runs gotrap over one suite and reports whether its recall holds.
func runSuite(gotrap, goVersion, dir string, s suite) (bool, error) {
	wants, err := readWants(dir)
	if err != nil {
		return false, err
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
