// Command lintcheck runs gotrap over a manifest of released Go module versions (an ecosystem
// check) and prints, per rule, the findings and how many of them the checked-in verdicts judge
// true, false or debatable. bench/lintcheck/run.sh builds and runs it; see its README.
//
//	lintcheck -manifest FILE -verdicts DIR -gotrap BIN [-compare OTHER] [-untriaged RULE] [-fixes] ...
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

func main() {
	manifest := flag.String("manifest", "", "module list (module version dev|holdout|dep kind)")
	verdictDir := flag.String("verdicts", "", "directory of <rule>.tsv verdict files")
	gotrap := flag.String("gotrap", "", "gotrap binary")
	out := flag.String("out", "", "work directory for cached results and fix scratch copies")
	gomodcache := flag.String("gomodcache", "", "module cache the modules are downloaded into")
	offline := flag.Bool("offline", false, "never download: every module must already be in the cache")
	jobs := flag.Int("jobs", 2, "modules checked at once")
	holdout := flag.Bool("holdout", false, "also run the holdout modules (reported in tables of their own)")
	only := flag.String("only", "", "only modules whose module@version matches this regexp")
	rerun := flag.Bool("rerun", false, "run gotrap again even when this binary's results are cached")
	compare := flag.String("compare", "", "second gotrap binary: print findings added and removed per rule")
	untriaged := flag.String("untriaged", "", "print the findings of RULE that have no verdict, with context")
	contextLines := flag.Int("context", 4, "lines of source around each -untriaged finding")
	fixes := flag.Bool("fixes", false, "apply safe fixes in scratch copies and check go build / go vet")
	timeout := flag.Duration("timeout", 30*time.Minute, "limit for one gotrap run")
	fixBudget := flag.Duration("fix-budget", 0, "with -fixes: start no new module after this much time (0: no limit)")
	flag.Parse()
	if *manifest == "" || *gotrap == "" || *out == "" || *gomodcache == "" {
		fmt.Fprintln(os.Stderr, "lintcheck: -manifest, -gotrap, -out and -gomodcache are required")
		os.Exit(2)
	}
	if err := run(options{*manifest, *verdictDir, *gotrap, *out, *gomodcache, *offline, *jobs, *holdout, *only, *rerun,
		*compare, *untriaged, *contextLines, *fixes, *timeout, *fixBudget}); err != nil {
		fmt.Fprintln(os.Stderr, "lintcheck:", err)
		os.Exit(1)
	}
}

type options struct {
	manifest, verdicts, gotrap, out, gomodcache string
	offline                                     bool
	jobs                                        int
	holdout                                     bool
	only                                        string
	rerun                                       bool
	compare, untriaged                          string
	context                                     int
	fixes                                       bool
	timeout, fixBudget                          time.Duration
}

func run(o options) error {
	start := time.Now()
	all, err := readManifest(o.manifest)
	if err != nil {
		return err
	}
	var sel *regexp.Regexp
	if o.only != "" {
		if sel, err = regexp.Compile(o.only); err != nil {
			return err
		}
	}
	var mods, deps []*module
	for _, m := range all {
		if m.Dep {
			deps = append(deps, m)
			continue
		}
		if (m.Holdout && !o.holdout) || (sel != nil && !sel.MatchString(m.ID())) {
			continue
		}
		mods = append(mods, m)
	}
	if len(mods) == 0 {
		return fmt.Errorf("no module selected")
	}
	verdicts := map[verdictKey]*verdict{}
	if o.verdicts != "" {
		if verdicts, err = readVerdicts(o.verdicts); err != nil {
			return err
		}
	}
	base, err := newRunner(o.gotrap, o.out, o.rerun, o.timeout)
	if err != nil {
		return err
	}
	rules, err := listRules(base.bin)
	if err != nil {
		return err
	}

	// Dependencies first: gotrap reads their source when the module cache has it, so a fresh
	// cache must hold the same ones as the one the verdicts were written against.
	for _, m := range deps {
		if err := locate(m, o.gomodcache, o.offline); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "lintcheck: fetching %d modules into %s\n", len(mods), o.gomodcache)
	sizes := make([]int64, len(mods))
	var total int64
	var files int
	for i, m := range mods {
		if err := locate(m, o.gomodcache, o.offline); err != nil {
			return err
		}
		var n int
		sizes[i], n = goSourceBytes(m.Dir)
		total += sizes[i]
		files += n
	}

	w := os.Stdout
	fmt.Fprintf(w, "lintcheck %s, gotrap %s (sha256 %s…)\n", time.Now().UTC().Format("2006-01-02 15:04 MST"), base.bin,
		filepath.Base(base.cacheDir))
	printManifestSummary(w, all, mods, total, files)

	fmt.Fprintf(os.Stderr, "lintcheck: running %s\n", base.bin)
	results := runAll(base, mods, o.jobs, os.Stderr)
	var otherResults []*result
	var other *runner
	if o.compare != "" {
		if other, err = newRunner(o.compare, o.out, o.rerun, o.timeout); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "lintcheck: running %s\n", other.bin)
		otherResults = runAll(other, mods, o.jobs, os.Stderr)
	}

	if o.untriaged != "" {
		n := printUntriaged(w, o.untriaged, mods, results, verdicts, o.context)
		fmt.Fprintf(w, "%d untriaged %s findings (holdout modules left out)\n", n, o.untriaged)
		return nil
	}

	dev, devRes, hold, holdRes := split(mods, results)
	fmt.Fprintln(w, "\n## Modules")
	printModules(w, mods, results, sizes)
	fmt.Fprintln(w, "\n## Findings per rule (dev modules)")
	printRules(w, rules, dev, devRes, verdicts, true)
	if len(hold) > 0 {
		fmt.Fprintln(w, "\n## Findings per rule (holdout modules; never triaged)")
		printRules(w, rules, hold, holdRes, verdicts, false)
	}
	if stale := staleVerdicts(dev, devRes, verdicts); len(stale) > 0 {
		fmt.Fprintf(w, "\n%d verdicts match no finding of this run:\n", len(stale))
		for _, v := range stale {
			fmt.Fprintf(w, "  %s: %s %s:%d %s\n", v.Where, v.Module, v.Path, v.Line, v.Rule)
		}
	}
	failed := 0
	var wall float64
	var peak int64
	for _, r := range results {
		if r.failed() {
			failed++
		}
		wall += r.WallSec
		peak = max(peak, r.MaxRSSKB)
	}
	fmt.Fprintf(w, "\ngotrap: %.1f s summed over %d modules, peak RSS %d MB, %d runs failed\n", wall, len(mods), peak/1024, failed)

	if o.compare != "" {
		fmt.Fprintln(w, "\n## Compare")
		for i, r := range otherResults {
			if r.failed() {
				failed++
				fmt.Fprintf(w, "%s FAILED on %s (exit %d): %s\n", other.bin, mods[i].ID(), r.Status, oneLine(r.Stderr))
			}
		}
		printCompare(w, base.bin, other.bin, mods, results, otherResults)
	}
	if o.fixes {
		fmt.Fprintln(w, "\n## Fix safety (safe fixes applied in scratch copies; go build and go vet on changed packages)")
		if err := checkFixes(w, base, mods, results, sizes, o); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "\nlintcheck: done in %.0f s\n", time.Since(start).Seconds())
	if failed > 0 {
		return fmt.Errorf("gotrap failed on %d modules", failed)
	}
	return nil
}

func split(mods []*module, results []*result) (dev []*module, devRes []*result, hold []*module, holdRes []*result) {
	for i, m := range mods {
		if m.Holdout {
			hold, holdRes = append(hold, m), append(holdRes, results[i])
		} else {
			dev, devRes = append(dev, m), append(devRes, results[i])
		}
	}
	return
}

// printManifestSummary states what the manifest promises: how many modules, how many with a go
// line below 1.22 (where loop-capture applies), how many released this year, and the size.
func printManifestSummary(w *os.File, all, mods []*module, total int64, files int) {
	year := fmt.Sprint(time.Now().UTC().Year())
	old, recent, holdouts, listed, deps := 0, 0, 0, 0, 0
	for _, m := range all {
		if m.Dep {
			deps++
		} else {
			listed++
		}
	}
	for _, m := range mods {
		if goLineBefore(m.GoLine, 22) {
			old++
		}
		if strings.HasPrefix(m.Released, year) {
			recent++
		}
		if m.Holdout {
			holdouts++
		}
	}
	fmt.Fprintf(w, "modules: %d run (%d holdout) of %d in the manifest (and %d dependencies fetched); go line below 1.22: %d; released in %s: %d\n",
		len(mods), holdouts, listed, deps, old, year, recent)
	fmt.Fprintf(w, "corpus: %.2f GB of Go source in %d .go files\n", float64(total)/1e9, files)
}

func listRules(bin string) ([]string, error) {
	out, err := exec.Command(bin, "--list-rules").Output()
	if err != nil {
		return nil, fmt.Errorf("%s --list-rules: %v", bin, err)
	}
	var rules []string
	for _, l := range strings.Split(string(out), "\n") {
		if fs := strings.Fields(l); len(fs) > 0 {
			rules = append(rules, fs[0])
		}
	}
	return rules, nil
}
