package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ruleCounts is one row of the per-rule table.
type ruleCounts struct {
	findings, modules            int
	tru, fals, debatable, untria int
}

func pct(num, den int) string {
	if den == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f %% (%d/%d)", 100*float64(num)/float64(den), num, den)
}

func mb(b int64) string { return fmt.Sprintf("%.1f", float64(b)/1e6) }

// printModules prints one row per module: its go line, release date, size, findings, time, memory.
func printModules(w io.Writer, mods []*module, results []*result, sizes []int64) {
	fmt.Fprintln(w, "| module@version | set | go | released | .go MB | findings | wall s | peak RSS MB | status |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | --- |")
	for i, m := range mods {
		r := results[i]
		set := "dev"
		if m.Holdout {
			set = "holdout"
		}
		status := "ok"
		if r.failed() {
			status = fmt.Sprintf("FAILED (exit %d): %s", r.Status, oneLine(r.Stderr))
		}
		goLine := m.GoLine
		if goLine == "" {
			goLine = "(none)"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %d | %.1f | %d | %s |\n", m.ID(), set, goLine, m.Released,
			mb(sizes[i]), len(r.Findings), r.WallSec, r.MaxRSSKB/1024, status)
	}
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return tail(s, 160)
}

// printRules prints findings and verdict counts per rule over the given modules.
func printRules(w io.Writer, rules []string, mods []*module, results []*result, verdicts map[verdictKey]*verdict, triage bool) {
	counts := map[string]*ruleCounts{}
	for _, r := range rules {
		counts[r] = &ruleCounts{}
	}
	for i, m := range mods {
		fired := map[string]bool{}
		for _, f := range results[i].Findings {
			c := counts[f.Rule]
			if c == nil {
				c = &ruleCounts{}
				counts[f.Rule] = c
				rules = append(rules, f.Rule)
			}
			c.findings++
			if !fired[f.Rule] {
				fired[f.Rule] = true
				c.modules++
			}
			switch v := verdicts[keyOf(m.ID(), f)]; {
			case v == nil:
				c.untria++
			case v.Verdict == "true":
				c.tru++
			case v.Verdict == "false":
				c.fals++
			default:
				c.debatable++
			}
		}
	}
	if !triage {
		fmt.Fprintln(w, "| rule | findings | modules |")
		fmt.Fprintln(w, "| --- | ---: | ---: |")
		for _, r := range rules {
			fmt.Fprintf(w, "| %s | %d | %d |\n", r, counts[r].findings, counts[r].modules)
		}
		return
	}
	fmt.Fprintln(w, "| rule | findings | modules | true | false | debatable | precision | strict precision | untriaged |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	var total ruleCounts
	for _, r := range rules {
		c := counts[r]
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %d | %s | %s | %d |\n", r, c.findings, c.modules, c.tru, c.fals,
			c.debatable, pct(c.tru, c.tru+c.fals), pct(c.tru, c.tru+c.fals+c.debatable), c.untria)
		total.findings += c.findings
		total.tru += c.tru
		total.fals += c.fals
		total.debatable += c.debatable
		total.untria += c.untria
	}
	fmt.Fprintf(w, "| all | %d | | %d | %d | %d | %s | %s | %d |\n", total.findings, total.tru, total.fals, total.debatable,
		pct(total.tru, total.tru+total.fals), pct(total.tru, total.tru+total.fals+total.debatable), total.untria)
}

// staleVerdicts lists verdicts on the given modules that no finding matches any more.
func staleVerdicts(mods []*module, results []*result, verdicts map[verdictKey]*verdict) []*verdict {
	live := map[verdictKey]bool{}
	inRun := map[string]bool{}
	for i, m := range mods {
		inRun[m.ID()] = true
		for _, f := range results[i].Findings {
			live[keyOf(m.ID(), f)] = true
		}
	}
	var stale []*verdict
	for k, v := range verdicts {
		if inRun[k.Module] && !live[k] {
			stale = append(stale, v)
		}
	}
	sort.Slice(stale, func(i, j int) bool { return stale[i].Where < stale[j].Where })
	return stale
}

// printUntriaged prints each finding of rule that has no verdict, with a few lines of source
// around it and a verdict line to fill in.
func printUntriaged(w io.Writer, rule string, mods []*module, results []*result, verdicts map[verdictKey]*verdict, context int) int {
	n := 0
	for i, m := range mods {
		if m.Holdout {
			continue // holdout modules are never triaged
		}
		for _, f := range results[i].Findings {
			if f.Rule != rule || verdicts[keyOf(m.ID(), f)] != nil {
				continue
			}
			n++
			fmt.Fprintf(w, "== %s %s:%d:%d [%s]\n   %s\n", m.ID(), f.Path, f.Line, f.Column, f.Rule, f.Message)
			lines := readLines(filepath.Join(m.Dir, f.Path))
			for l := max(1, f.Line-context); l <= min(len(lines), f.Line+context); l++ {
				mark := " "
				if l == f.Line {
					mark = ">"
				}
				fmt.Fprintf(w, "%s %5d | %s\n", mark, l, lines[l-1])
			}
			fmt.Fprintf(w, "   tsv: %s\t%s\t%d\t%s\t?\t?\n\n", m.ID(), f.Path, f.Line, f.Rule)
		}
	}
	return n
}

func readLines(file string) []string {
	f, err := os.Open(file)
	if err != nil {
		return nil
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines
}

// compareKey identifies a finding across two binaries: same place, rule and message.
type compareKey struct {
	Path    string
	Line    int
	Rule    string
	Message string
}

// printCompare prints, per rule, the findings that base lacks and other has (added) and the
// reverse (removed), then lists each.
func printCompare(w io.Writer, baseName, otherName string, mods []*module, base, other []*result) (added, removed int) {
	type change struct {
		module string
		f      finding
	}
	perRule := map[string][2][]change{}
	for i, m := range mods {
		in := func(rs []finding) map[compareKey]finding {
			set := map[compareKey]finding{}
			for _, f := range rs {
				set[compareKey{f.Path, f.Line, f.Rule, f.Message}] = f
			}
			return set
		}
		b, o := in(base[i].Findings), in(other[i].Findings)
		for k, f := range o {
			if _, ok := b[k]; !ok {
				e := perRule[f.Rule]
				e[0] = append(e[0], change{m.ID(), f})
				perRule[f.Rule] = e
			}
		}
		for k, f := range b {
			if _, ok := o[k]; !ok {
				e := perRule[f.Rule]
				e[1] = append(e[1], change{m.ID(), f})
				perRule[f.Rule] = e
			}
		}
	}
	var rules []string
	for r := range perRule {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	fmt.Fprintf(w, "compare: base %s, other %s (added = only other reports it, removed = only base does)\n\n", baseName, otherName)
	fmt.Fprintln(w, "| rule | added | removed |")
	fmt.Fprintln(w, "| --- | ---: | ---: |")
	for _, r := range rules {
		fmt.Fprintf(w, "| %s | %d | %d |\n", r, len(perRule[r][0]), len(perRule[r][1]))
		added += len(perRule[r][0])
		removed += len(perRule[r][1])
	}
	fmt.Fprintf(w, "| all | %d | %d |\n", added, removed)
	for _, r := range rules {
		for side, label := range []string{"added", "removed"} {
			cs := perRule[r][side]
			sort.Slice(cs, func(i, j int) bool {
				if cs[i].module != cs[j].module {
					return cs[i].module < cs[j].module
				}
				if cs[i].f.Path != cs[j].f.Path {
					return cs[i].f.Path < cs[j].f.Path
				}
				return cs[i].f.Line < cs[j].f.Line
			})
			for _, c := range cs {
				fmt.Fprintf(w, "%s %s %s %s:%d %s\n", label, r, c.module, c.f.Path, c.f.Line, c.f.Message)
			}
		}
	}
	return added, removed
}
