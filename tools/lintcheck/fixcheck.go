package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// fixOutcome is what the fix check found in one module.
type fixOutcome struct {
	offered  map[string]int // safe fixes gotrap offers, per rule
	applied  string         // gotrap --fix's own summary line
	files    []string       // .go files the fixes changed
	packages []string       // their package directories ("./dir")
	broken   []brokenPkg
	skipped  string // why the module was not built (e.g. the go line needs a newer toolchain)
	preFail  int    // packages whose build or vet already fails without the fixes
}

type brokenPkg struct {
	pkg, step string   // step: build or vet
	rules     []string // rules whose safe fixes changed files of the package
	fixes     []string // file:line [rule] of each such fix
	newLines  []string // diagnostics the fixed copy has and the original does not
}

// checkFixes applies gotrap's safe fixes to a scratch copy of each module that has any, and
// runs go build and go vet on the changed packages in that copy and in an unfixed copy: a fix
// is blamed only for diagnostics the unfixed copy does not have.
//
// Modules are checked smallest first, so a time budget (-fix-budget) covers as many as it can;
// modules left when it runs out are listed as not checked.
func checkFixes(w io.Writer, r *runner, mods []*module, results []*result, sizes []int64, o options) error {
	var totalOffered, totalFiles, totalPkgs, totalBroken, totalPre int
	perRule := map[string]int{}
	fmt.Fprintln(w, "| module@version | safe fixes offered | files changed | packages checked | pre-existing failures | broken | note |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | --- |")
	var allBroken []string
	order := make([]int, len(mods))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return sizes[order[a]] < sizes[order[b]] })
	start := time.Now()
	var notChecked []string
	for _, i := range order {
		m := mods[i]
		offered := map[string]int{}
		n := 0
		for _, f := range results[i].Findings {
			for _, fx := range f.Fixes {
				if fx.Safe {
					offered[f.Rule]++
					n++
					break
				}
			}
		}
		if n == 0 {
			continue
		}
		if o.fixBudget > 0 && time.Since(start) > o.fixBudget {
			notChecked = append(notChecked, fmt.Sprintf("%s (%d safe fixes)", m.ID(), n))
			continue
		}
		fmt.Fprintf(os.Stderr, "lintcheck: fix check %s (%d safe fixes)\n", m.ID(), n)
		oc, err := fixModule(r, m, results[i], o)
		if err != nil {
			return fmt.Errorf("%s: %v", m.ID(), err)
		}
		for rule, c := range offered {
			perRule[rule] += c
		}
		totalOffered += n
		totalFiles += len(oc.files)
		totalPkgs += len(oc.packages)
		totalBroken += len(oc.broken)
		totalPre += oc.preFail
		note := oc.applied
		if oc.skipped != "" {
			note = oc.skipped
		}
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %d | %s |\n", m.ID(), n, len(oc.files), len(oc.packages), oc.preFail,
			len(oc.broken), note)
		for _, b := range oc.broken {
			s := fmt.Sprintf("BROKEN %s %s: go %s fails after fixes of %s\n", m.ID(), b.pkg, b.step, strings.Join(b.rules, ", "))
			for _, f := range b.fixes {
				s += "    fix " + f + "\n"
			}
			for _, l := range b.newLines {
				s += "    " + l + "\n"
			}
			allBroken = append(allBroken, s)
			fmt.Fprint(os.Stderr, s)
		}
	}
	var rules []string
	for r := range perRule {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	var parts []string
	for _, r := range rules {
		parts = append(parts, fmt.Sprintf("%s %d", r, perRule[r]))
	}
	fmt.Fprintf(w, "\nsafe fixes offered: %d (%s); files changed: %d; packages built and vetted: %d; "+
		"pre-existing build/vet failures: %d; build or vet runs broken by fixes: %d\n",
		totalOffered, strings.Join(parts, ", "), totalFiles, totalPkgs, totalPre, totalBroken)
	for _, s := range allBroken {
		fmt.Fprint(w, s)
	}
	if len(notChecked) > 0 {
		fmt.Fprintf(w, "not checked (the %s fix budget ran out): %s\n", o.fixBudget, strings.Join(notChecked, ", "))
	}
	return nil
}

func fixModule(r *runner, m *module, res *result, o options) (*fixOutcome, error) {
	oc := &fixOutcome{}
	scratch := filepath.Join(o.out, "fixcheck", flatName(m))
	orig, fixed := filepath.Join(scratch, "orig"), filepath.Join(scratch, "fixed")
	for _, d := range []string{orig, fixed} {
		if err := copyTree(m.Dir, d); err != nil {
			return nil, err
		}
	}
	cmd := exec.Command(r.bin, "--fix", "./...")
	cmd.Dir = fixed
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Run() // exit 1 means findings remain, which is expected
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.HasPrefix(l, "gotrap: fixed") {
			oc.applied = strings.TrimPrefix(l, "gotrap: ")
		}
	}
	// Which files changed, and their packages.
	pkgSet := map[string]bool{}
	filepath.WalkDir(fixed, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return nil
		}
		rel, _ := filepath.Rel(fixed, p)
		a, _ := os.ReadFile(p)
		b, _ := os.ReadFile(filepath.Join(orig, rel))
		if !bytes.Equal(a, b) {
			oc.files = append(oc.files, filepath.ToSlash(rel))
			pkg := filepath.ToSlash(filepath.Dir(rel))
			if pkg != "." {
				pkg = "./" + pkg
			}
			pkgSet[pkg] = true
		}
		return nil
	})
	for p := range pkgSet {
		oc.packages = append(oc.packages, p)
	}
	sort.Strings(oc.packages)
	if len(oc.packages) == 0 {
		return oc, nil
	}
	if _, err := os.Stat(filepath.Join(orig, "go.mod")); err != nil {
		// A +incompatible module has no go.mod; the go command cannot build it as a main module.
		oc.skipped = "no go.mod: not built"
		return oc, nil
	}
	before := goLine(orig)
	if err := settleGoMod(orig, fixed, oc.packages); err != nil {
		return nil, err
	}
	if after := goLine(orig); after != before {
		// Said in the table: loop variables and version-gated vet checks follow the raised line.
		oc.applied += fmt.Sprintf("; go line raised from %s to %s by requirements the go command added", before, after)
	}
	for _, step := range []string{"build", "vet"} {
		okF, outF := goCmd(fixed, step, oc.packages)
		if okF {
			continue // also when only the unfixed copy fails: the fixes removed a diagnostic (e.g. vet's loopclosure)
		}
		if strings.Contains(outF, "requires go >=") {
			oc.skipped = "go line newer than the local toolchain: not built"
			return oc, nil
		}
		// Something fails: look package by package, blaming only diagnostics new in the fixed copy.
		for _, pkg := range oc.packages {
			okO, outO := goCmd(orig, step, []string{pkg})
			okF, outF := goCmd(fixed, step, []string{pkg})
			if okF {
				continue
			}
			if !okO {
				oc.preFail++
			}
			fresh := newDiagnostics(strings.ReplaceAll(outO, orig, "$COPY"), strings.ReplaceAll(outF, fixed, "$COPY"))
			if okO || len(fresh) > 0 {
				oc.broken = append(oc.broken, blame(pkg, step, res, fresh))
			}
		}
	}
	return oc, nil
}

// blame lists the safe fixes whose findings lie in pkg's directory.
func blame(pkg, step string, res *result, fresh []string) brokenPkg {
	b := brokenPkg{pkg: pkg, step: step, newLines: fresh}
	dir := strings.TrimPrefix(pkg, "./")
	rules := map[string]bool{}
	for _, f := range res.Findings {
		if filepath.Dir(f.Path) != dir {
			continue
		}
		for _, fx := range f.Fixes {
			if fx.Safe {
				rules[f.Rule] = true
				b.fixes = append(b.fixes, fmt.Sprintf("%s:%d [%s] %s", f.Path, f.Line, f.Rule, fx.Message))
				break
			}
		}
	}
	for r := range rules {
		b.rules = append(b.rules, r)
	}
	sort.Strings(b.rules)
	return b
}

var posRE = regexp.MustCompile(`(\.go):\d+(:\d+)?`)

// newDiagnostics returns the lines of fixed's output that orig's lacks, comparing without line
// and column numbers (fixes that insert lines move every diagnostic below them).
func newDiagnostics(orig, fixed string) []string {
	have := map[string]int{}
	for _, l := range strings.Split(orig, "\n") {
		have[posRE.ReplaceAllString(l, "$1")]++
	}
	var fresh []string
	for _, l := range strings.Split(fixed, "\n") {
		k := posRE.ReplaceAllString(l, "$1")
		if have[k] > 0 {
			have[k]--
			continue
		}
		if strings.TrimSpace(l) != "" {
			fresh = append(fresh, l)
		}
	}
	return fresh
}

// settleGoMod lets the go command complete go.mod and go.sum once, in the unfixed copy, and
// gives the fixed copy the same files. With -mod=mod the first successful go command may add
// missing requirements at their latest versions and raise the go line, which switches on
// version-gated vet checks; the copy that ran first would then be judged by older rules.
func settleGoMod(orig, fixed string, pkgs []string) error {
	goCmd(orig, "list", append([]string{"-e", "-deps", "-test"}, pkgs...)) // failures show up again, the same in both copies, in build and vet
	for _, name := range []string{"go.mod", "go.sum"} {
		data, err := os.ReadFile(filepath.Join(orig, name))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(fixed, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// goLine returns the go directive of dir's go.mod, or "none".
func goLine(dir string) string {
	data, _ := os.ReadFile(filepath.Join(dir, "go.mod"))
	for _, l := range strings.Split(string(data), "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "go" {
			return f[1]
		}
	}
	return "none"
}

// goCmd runs go build or go vet on pkgs inside dir, with the module's dependencies from the
// proxy and the local toolchain.
func goCmd(dir, step string, pkgs []string) (bool, string) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	args := []string{step}
	if step == "build" {
		args = append(args, "-o", os.DevNull)
	}
	cmd := exec.CommandContext(ctx, "go", append(args, pkgs...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod -buildvcs=false", "GOTOOLCHAIN=local", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	return err == nil, string(out)
}

// copyTree copies src to dst (replacing dst) and makes the copy writable: the module cache
// is read-only.
func copyTree(src, dst string) error {
	if err := os.RemoveAll(dst); err != nil {
		exec.Command("chmod", "-R", "u+w", dst).Run()
		if err := os.RemoveAll(dst); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if out, err := exec.Command("cp", "-R", src, dst).CombinedOutput(); err != nil {
		return fmt.Errorf("cp: %v: %s", err, out)
	}
	if out, err := exec.Command("chmod", "-R", "u+w", dst).CombinedOutput(); err != nil {
		return fmt.Errorf("chmod: %v: %s", err, out)
	}
	return nil
}
