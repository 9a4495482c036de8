// Command realbugs scores gotrap on a corpus of real bugs that maintainers fixed. Each bug is
// pinned as two module versions the Go module proxy serves: the last release with the bug and
// the first release with the fix. A bug is found when a finding of one of its rules starts within
// two lines of the bug's line in the buggy release; the fixed release is flagged when such a
// finding starts within two lines of the corresponding line there.
//
//	realbugs -bugs DIR [-families FILE] -gotrap BIN [-compare BIN] [-rule R]
//	         [-local DIR | -gomodcache DIR] [-jobs N]
//
// Bug files (DIR/*.tsv) are tab-separated with one header line:
//
//	id rule module buggy fixed file line fixed_line fix_url note [tags]
//
// The tags column is optional per file: when the header has it, each row gives the build tags
// (comma-separated, as go build -tags; "-" or empty for none) that gotrap needs to see the file,
// for bugs in files behind a build constraint such as //go:build integration.
//
// With -local, module versions are read from DIR/<module>@<version>/ instead of the proxy.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

var columns = []string{"id", "rule", "module", "buggy", "fixed", "file", "line", "fixed_line", "fix_url", "note"}

// optionalColumns may follow columns in a file's header, in this order.
var optionalColumns = []string{"tags"}

// slack is how far (in lines) a finding may start from the bug's line and still count.
const slack = 2

type bug struct {
	source    string // bugs file and line, for messages
	group     string
	id        string
	rules     []string
	module    string
	buggy     string
	fixed     string
	file      string
	line      int
	fixedLine int // 0 when the code was removed ("-")
	url       string
	note      string
	tags      string // build tags for gotrap's --tags, sorted and comma-joined; "" for none
}

type finding struct {
	Path string `json:"path"`
	Line int    `json:"line"`
	Rule string `json:"rule"`
}

// analysis is one gotrap run over the package directory of one module version.
type analysis struct {
	findings []finding
	goFlag   string
	err      string
}

func main() {
	bugsDir := flag.String("bugs", "", "directory of <group>.tsv bug files")
	familiesFile := flag.String("families", "", "rule<TAB>family file (rules not listed form their own family)")
	gotrap := flag.String("gotrap", "", "gotrap binary to score")
	compare := flag.String("compare", "", "second gotrap binary: print both and the bugs whose result changed")
	ruleFilter := flag.String("rule", "", "only bugs listing one of these rules (comma-separated)")
	local := flag.String("local", "", "read module versions from DIR/<module>@<version>/ instead of the proxy")
	modcache := flag.String("gomodcache", "", "GOMODCACHE for downloads")
	jobs := flag.Int("jobs", 2, "gotrap runs at once")
	flag.Parse()
	if *bugsDir == "" || *gotrap == "" {
		fmt.Fprintln(os.Stderr, "usage: realbugs -bugs DIR -gotrap BIN [-compare BIN] [-rule R] [-families FILE] [-local DIR | -gomodcache DIR] [-jobs N]")
		os.Exit(2)
	}
	start := time.Now()
	bugs, err := readBugs(*bugsDir)
	if err != nil {
		fatal(err)
	}
	if *ruleFilter != "" {
		bugs = filterBugs(bugs, strings.Split(*ruleFilter, ","))
	}
	if len(bugs) == 0 {
		fatal(fmt.Errorf("no bugs to score"))
	}
	families, familyOrder, err := readFamilies(*familiesFile)
	if err != nil {
		fatal(err)
	}

	if *modcache != "" {
		// gotrap reads it too: a release without go.mod gets its module path from its place in
		// the module cache, as the go command synthesizes one.
		os.Setenv("GOMODCACHE", *modcache)
	}
	dirs, fetchErrs := moduleDirs(bugs, *local, *modcache)
	bins := []string{*gotrap}
	if *compare != "" {
		bins = append(bins, *compare)
	}
	var results []map[string]*analysis
	for _, bin := range bins {
		abs, err := filepath.Abs(bin)
		if err != nil {
			fatal(err)
		}
		results = append(results, analyse(abs, bugs, dirs, fetchErrs, *jobs))
	}

	var scores [][]score
	for i, bin := range bins {
		s := scoreAll(bugs, dirs, fetchErrs, results[i], families)
		scores = append(scores, s)
		fmt.Printf("== realbugs: %d bugs, gotrap %s ==\n", len(bugs), bin)
		printTables(bugs, s, families, familyOrder)
		printLists(bugs, s)
	}
	if len(bins) == 2 {
		printChanges(bugs, scores[0], scores[1])
	}
	fmt.Printf("wall time: %.1f s\n", time.Since(start).Seconds())
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "realbugs:", err)
	os.Exit(2)
}

func readBugs(dir string) ([]bug, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var bugs []bug
	seen := map[string]string{}
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		group := strings.TrimSuffix(filepath.Base(path), ".tsv")
		lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
		ncols := headerColumns(lines[0])
		if ncols == 0 {
			return nil, fmt.Errorf("%s: header must be the tab-separated columns: %s [%s]", path,
				strings.Join(columns, " "), strings.Join(optionalColumns, " "))
		}
		for n, text := range lines[1:] {
			where := fmt.Sprintf("%s:%d", path, n+2)
			if strings.TrimSpace(text) == "" {
				continue
			}
			f := strings.Split(text, "\t")
			if len(f) != ncols {
				return nil, fmt.Errorf("%s: %d tab-separated fields, want %d", where, len(f), ncols)
			}
			b := bug{source: where, group: group, id: f[0], module: f[2], buggy: f[3], fixed: f[4],
				file: filepath.ToSlash(filepath.Clean(f[5])), url: f[8], note: f[9]}
			for _, r := range strings.Split(f[1], ",") {
				if r = strings.TrimSpace(r); r != "" {
					b.rules = append(b.rules, r)
				}
			}
			if b.id == "" || len(b.rules) == 0 || b.module == "" || b.buggy == "" || b.fixed == "" || b.file == "" {
				return nil, fmt.Errorf("%s: empty id, rule, module, version or file", where)
			}
			if prev, dup := seen[b.id]; dup {
				return nil, fmt.Errorf("%s: id %s already used at %s", where, b.id, prev)
			}
			seen[b.id] = where
			if b.line, err = strconv.Atoi(f[6]); err != nil || b.line <= 0 {
				return nil, fmt.Errorf("%s: line %q is not a positive number", where, f[6])
			}
			if f[7] != "-" {
				if b.fixedLine, err = strconv.Atoi(f[7]); err != nil || b.fixedLine <= 0 {
					return nil, fmt.Errorf("%s: fixed_line %q is neither a positive number nor -", where, f[7])
				}
			}
			if ncols > len(columns) {
				if b.tags, err = parseTags(f[len(columns)]); err != nil {
					return nil, fmt.Errorf("%s: %v", where, err)
				}
			}
			bugs = append(bugs, b)
		}
	}
	return bugs, nil
}

// headerColumns is the number of columns a header line declares: the required columns followed
// by a prefix of the optional ones; 0 when the header is anything else.
func headerColumns(header string) int {
	got := strings.Split(header, "\t")
	all := append(append([]string{}, columns...), optionalColumns...)
	if len(got) < len(columns) || len(got) > len(all) {
		return 0
	}
	for i, c := range got {
		if c != all[i] {
			return 0
		}
	}
	return len(got)
}

// parseTags normalises a tags field: "-" or "" is none, otherwise comma-separated build tags.
func parseTags(field string) (string, error) {
	field = strings.TrimSpace(field)
	if field == "-" || field == "" {
		return "", nil
	}
	var tags []string
	for _, t := range strings.Split(field, ",") {
		t = strings.TrimSpace(t)
		if t == "" || strings.ContainsAny(t, " \t\"'") || strings.HasPrefix(t, "-") {
			return "", fmt.Errorf("tags %q: want comma-separated build tags or -", field)
		}
		tags = append(tags, t)
	}
	sort.Strings(tags)
	return strings.Join(tags, ","), nil
}

func filterBugs(bugs []bug, rules []string) []bug {
	var kept []bug
	for _, b := range bugs {
		for _, r := range rules {
			if contains(b.rules, strings.TrimSpace(r)) {
				kept = append(kept, b)
				break
			}
		}
	}
	return kept
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func readFamilies(path string) (map[string]string, []string, error) {
	families := map[string]string{}
	var order []string
	if path == "" {
		return families, order, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 2 {
			return nil, nil, fmt.Errorf("%s:%d: want 'rule family'", path, n+1)
		}
		families[f[0]] = f[1]
		if !contains(order, f[1]) {
			order = append(order, f[1])
		}
	}
	return families, order, nil
}

func familyOf(families map[string]string, rule string) string {
	if f, ok := families[rule]; ok {
		return f
	}
	return rule
}

type modVersion struct{ module, version string }

// moduleDirs finds (or downloads) the directory of every module version the bugs name.
func moduleDirs(bugs []bug, local, modcache string) (map[modVersion]string, map[modVersion]string) {
	dirs := map[modVersion]string{}
	errs := map[modVersion]string{}
	var want []modVersion
	for _, b := range bugs {
		for _, v := range []string{b.buggy, b.fixed} {
			mv := modVersion{b.module, v}
			if _, ok := dirs[mv]; ok || contains2(want, mv) {
				continue
			}
			if local != "" {
				dir := filepath.Join(local, b.module+"@"+v)
				if st, err := os.Stat(dir); err != nil || !st.IsDir() {
					errs[mv] = "no local directory " + dir
				} else {
					dirs[mv] = dir
				}
				continue
			}
			want = append(want, mv)
		}
	}
	if len(want) == 0 {
		return dirs, errs
	}
	var args []string
	for _, mv := range want {
		args = append(args, mv.module+"@"+mv.version)
	}
	// Outside any module, so the arguments are module queries and nothing is added to a go.mod.
	tmp, err := os.MkdirTemp("", "realbugs")
	if err != nil {
		fatal(err)
	}
	defer os.RemoveAll(tmp)
	cmd := exec.Command("go", append([]string{"mod", "download", "-json"}, args...)...)
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), "GO111MODULE=on", "GOFLAGS=-mod=mod", "GOWORK=off")
	if modcache != "" {
		cmd.Env = append(cmd.Env, "GOMODCACHE="+modcache)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, _ := cmd.Output() // a failed version is reported in its JSON object
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var m struct{ Path, Version, Dir, Error string }
		if err := dec.Decode(&m); err != nil {
			break
		}
		mv := modVersion{m.Path, m.Version}
		if m.Error != "" || m.Dir == "" {
			errs[mv] = "go mod download: " + strings.TrimSpace(m.Error)
		} else {
			dirs[mv] = m.Dir
		}
	}
	for _, mv := range want {
		if _, ok := dirs[mv]; !ok {
			if _, ok := errs[mv]; !ok {
				errs[mv] = "go mod download gave no directory: " + strings.TrimSpace(stderr.String())
			}
		}
	}
	return dirs, errs
}

func contains2(list []modVersion, mv modVersion) bool {
	for _, x := range list {
		if x == mv {
			return true
		}
	}
	return false
}

// analyse runs gotrap once per package directory (of every module version) the bugs need, from
// the module's root over that package and the packages of the same module it imports, directly
// or not, so that their types are known.
func analyse(bin string, bugs []bug, dirs, fetchErrs map[modVersion]string, jobs int) map[string]*analysis {
	results := map[string]*analysis{}
	type run struct{ root, module, pkg, tags string }
	var runs []run
	for _, b := range bugs {
		for _, v := range []string{b.buggy, b.fixed} {
			mv := modVersion{b.module, v}
			dir, ok := dirs[mv]
			if !ok {
				continue
			}
			key := analysisKey(dir, b)
			if _, done := results[key]; !done {
				results[key] = &analysis{}
				runs = append(runs, run{dir, b.module, filepath.Dir(b.file), b.tags})
			}
		}
	}
	if jobs < 1 {
		jobs = 1
	}
	work := make(chan run)
	var wg sync.WaitGroup
	for i := 0; i < jobs; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range work {
				runGotrap(bin, r.root, r.module, r.pkg, r.tags, results[runKey(r.root, r.pkg, r.tags)])
			}
		}()
	}
	for _, r := range runs {
		work <- r
	}
	close(work)
	wg.Wait()
	return results
}

// runKey names one gotrap run: a package directory of a module version analysed with a set of
// build tags (the same directory with other tags is another run).
func runKey(root, pkg, tags string) string {
	return filepath.Join(root, pkg) + "\x00" + tags
}

func analysisKey(dir string, b bug) string { return runKey(dir, filepath.Dir(b.file), b.tags) }

// closure lists pkg (a directory relative to root) and every directory of the same module that
// its files import, directly or not, as "./dir" patterns.
func closure(root, module, pkg string) []string {
	seen := map[string]bool{}
	queue := []string{filepath.ToSlash(filepath.Clean(pkg))}
	var patterns []string
	fset := token.NewFileSet()
	for len(queue) > 0 {
		dir := queue[0]
		queue = queue[1:]
		if seen[dir] {
			continue
		}
		seen[dir] = true
		files, _ := filepath.Glob(filepath.Join(root, dir, "*.go"))
		if len(files) == 0 {
			continue
		}
		patterns = append(patterns, "./"+dir)
		for _, f := range files {
			parsed, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
			if err != nil {
				continue
			}
			for _, imp := range parsed.Imports {
				path, err := strconv.Unquote(imp.Path.Value)
				if err != nil {
					continue
				}
				if path == module {
					queue = append(queue, ".")
				} else if strings.HasPrefix(path, module+"/") {
					queue = append(queue, strings.TrimPrefix(path, module+"/"))
				}
			}
		}
	}
	return patterns
}

func runGotrap(bin, root, module, pkg, tags string, a *analysis) {
	if st, err := os.Stat(filepath.Join(root, pkg)); err != nil || !st.IsDir() {
		a.err = "no package directory " + filepath.Join(root, pkg)
		return
	}
	args := []string{"--format", "json"}
	// A release without go.mod builds, as a dependency, at the language version the go command
	// assumes for such modules (1.16); without this gotrap would take the newest version.
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		a.goFlag = "1.16"
		args = append(args, "--go", a.goFlag)
	}
	if tags != "" {
		args = append(args, "--tags", tags)
	}
	args = append(args, closure(root, module, pkg)...)
	cmd := exec.Command(bin, args...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if exit, ok := err.(*exec.ExitError); err != nil && !(ok && exit.ExitCode() == 1) {
		a.err = fmt.Sprintf("gotrap failed (%v): %s", err, firstLine(stderr.String()))
		return
	}
	var report struct {
		Findings []finding `json:"findings"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		a.err = "gotrap output is not JSON: " + err.Error()
		return
	}
	for i := range report.Findings {
		report.Findings[i].Path = filepath.ToSlash(filepath.Clean(report.Findings[i].Path))
	}
	a.findings = report.Findings
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// score is the outcome of one bug.
type score struct {
	err           string
	found         bool            // a finding of the bug's rules near line in the buggy release
	foundRule     map[string]bool // per listed rule
	foundFamily   map[string]bool // per family of the listed rules: any rule of the family
	fixedFlagged  bool
	nearest       string // for misses: where the bug's rules did fire in the file
	fixedFindings string
}

func scoreAll(bugs []bug, dirs, fetchErrs map[modVersion]string, results map[string]*analysis, families map[string]string) []score {
	var scores []score
	for _, b := range bugs {
		s := score{foundRule: map[string]bool{}, foundFamily: map[string]bool{}}
		buggy := lookup(b, b.buggy, dirs, results)
		fixed := lookup(b, b.fixed, dirs, results)
		switch {
		case buggy == nil:
			s.err = "buggy release " + b.module + "@" + b.buggy + " not available: " + fetchErrs[modVersion{b.module, b.buggy}]
		case buggy.err != "":
			s.err = "buggy release: " + buggy.err
		case fixed == nil && b.fixedLine != 0:
			s.err = "fixed release " + b.module + "@" + b.fixed + " not available: " + fetchErrs[modVersion{b.module, b.fixed}]
		case fixed != nil && fixed.err != "" && b.fixedLine != 0:
			s.err = "fixed release: " + fixed.err
		}
		if s.err != "" {
			scores = append(scores, s)
			continue
		}
		var elsewhere []string
		for _, f := range buggy.findings {
			if f.Path != b.file {
				continue
			}
			fam := familyOf(families, f.Rule)
			near := abs(f.Line-b.line) <= slack
			for _, r := range b.rules {
				if near && familyOf(families, r) == fam {
					s.foundFamily[fam] = true
				}
			}
			if !contains(b.rules, f.Rule) {
				continue
			}
			if near {
				s.found = true
				s.foundRule[f.Rule] = true
			} else {
				elsewhere = append(elsewhere, fmt.Sprintf("%s:%d", f.Rule, f.Line))
			}
		}
		if !s.found && len(elsewhere) > 0 {
			s.nearest = "fires elsewhere in the file: " + strings.Join(elsewhere, " ")
		}
		if b.fixedLine != 0 && fixed != nil {
			for _, f := range fixed.findings {
				if f.Path == b.file && contains(b.rules, f.Rule) && abs(f.Line-b.fixedLine) <= slack {
					s.fixedFlagged = true
					s.fixedFindings += fmt.Sprintf(" %s:%d", f.Rule, f.Line)
				}
			}
		}
		scores = append(scores, s)
	}
	return scores
}

func lookup(b bug, version string, dirs map[modVersion]string, results map[string]*analysis) *analysis {
	dir, ok := dirs[modVersion{b.module, version}]
	if !ok {
		return nil
	}
	return results[analysisKey(dir, b)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

type tally struct{ bugs, found, flagged, errors int }

func (t *tally) add(found, flagged bool, err string) {
	t.bugs++
	if err != "" {
		t.errors++
		return
	}
	if found {
		t.found++
	}
	if flagged {
		t.flagged++
	}
}

func (t tally) row(name string) string {
	scored := t.bugs - t.errors
	recall := "-"
	if scored > 0 {
		recall = fmt.Sprintf("%5.1f%%", 100*float64(t.found)/float64(scored))
	}
	errs := ""
	if t.errors > 0 {
		errs = fmt.Sprintf("  (%d not scored)", t.errors)
	}
	return fmt.Sprintf("  %-22s %5d %6d %7s %14d%s", name, t.bugs, t.found, recall, t.flagged, errs)
}

const tableHeader = "  %-22s %5s %6s %7s %14s\n"

func printTables(bugs []bug, scores []score, families map[string]string, familyOrder []string) {
	perRule := map[string]*tally{}
	var ruleOrder []string
	perFamily := map[string]*tally{}
	var famOrder []string
	var total tally
	for i, b := range bugs {
		s := scores[i]
		total.add(s.found, s.fixedFlagged, s.err)
		fams := []string{}
		for _, r := range b.rules {
			if perRule[r] == nil {
				perRule[r] = &tally{}
				ruleOrder = append(ruleOrder, r)
			}
			perRule[r].add(s.foundRule[r], s.fixedFlagged, s.err)
			if f := familyOf(families, r); !contains(fams, f) {
				fams = append(fams, f)
			}
		}
		for _, f := range fams {
			if perFamily[f] == nil {
				perFamily[f] = &tally{}
				famOrder = append(famOrder, f)
			}
			perFamily[f].add(s.foundFamily[f], s.fixedFlagged, s.err)
		}
	}
	sort.Strings(ruleOrder)
	sort.SliceStable(famOrder, func(i, j int) bool { return rank(familyOrder, famOrder[i]) < rank(familyOrder, famOrder[j]) })
	fmt.Printf(tableHeader, "rule", "bugs", "found", "recall", "fixed flagged")
	for _, r := range ruleOrder {
		fmt.Println(perRule[r].row(r))
	}
	fmt.Printf(tableHeader, "family", "bugs", "found", "recall", "fixed flagged")
	for _, f := range famOrder {
		fmt.Println(perFamily[f].row(f))
	}
	fmt.Println(total.row("total"))
}

func rank(order []string, s string) int {
	for i, x := range order {
		if x == s {
			return i
		}
	}
	return len(order)
}

func printLists(bugs []bug, scores []score) {
	var misses, flagged, errs []string
	for i, b := range bugs {
		s := scores[i]
		where := fmt.Sprintf("%s [%s] %s@%s %s:%d", b.id, strings.Join(b.rules, ","), b.module, b.buggy, b.file, b.line)
		if b.tags != "" {
			where += " (tags " + b.tags + ")"
		}
		switch {
		case s.err != "":
			errs = append(errs, where+": "+s.err)
		case !s.found:
			line := where + "  " + b.note
			if s.nearest != "" {
				line += "  (" + s.nearest + ")"
			}
			misses = append(misses, line)
		}
		if s.err == "" && s.fixedFlagged {
			flagged = append(flagged, fmt.Sprintf("%s [%s] %s@%s %s:%d:%s", b.id, strings.Join(b.rules, ","), b.module, b.fixed, b.file, b.fixedLine, s.fixedFindings))
		}
	}
	printList("misses", misses)
	printList("fixed releases flagged", flagged)
	printList("not scored", errs)
}

func printList(title string, items []string) {
	fmt.Printf("%s: %d\n", title, len(items))
	for _, it := range items {
		fmt.Println("  " + it)
	}
}

func printChanges(bugs []bug, a, b []score) {
	var changes []string
	for i, bg := range bugs {
		if a[i].err != "" || b[i].err != "" {
			continue
		}
		if a[i].found != b[i].found {
			changes = append(changes, fmt.Sprintf("%s [%s] found: %v -> %v", bg.id, strings.Join(bg.rules, ","), a[i].found, b[i].found))
		}
		if a[i].fixedFlagged != b[i].fixedFlagged {
			changes = append(changes, fmt.Sprintf("%s [%s] fixed flagged: %v -> %v", bg.id, strings.Join(bg.rules, ","), a[i].fixedFlagged, b[i].fixedFlagged))
		}
	}
	printList("== changed between the two binaries", changes)
}
