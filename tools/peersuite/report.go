package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
)

// Location is a place gotrap points at, in its JSON report.
type Location struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

// Finding is one entry of gotrap's JSON report.
type Finding struct {
	Location
	Rule    string     `json:"rule"`
	Related []Location `json:"related"`
}

type lineKey struct {
	file string
	line int
}

// parseReport reads gotrap's JSON and makes every path absolute, relative
// paths being relative to the directory gotrap ran in.
func parseReport(data []byte, runDir string) ([]Finding, error) {
	var report struct {
		Findings []Finding `json:"findings"`
	}
	if err := json.Unmarshal(data, &report); err != nil {
		return nil, fmt.Errorf("gotrap's JSON report: %v", err)
	}
	abs := func(p string) string {
		if !filepath.IsAbs(p) {
			p = filepath.Join(runDir, p)
		}
		return filepath.Clean(p)
	}
	for i := range report.Findings {
		f := &report.Findings[i]
		f.Path = abs(f.Path)
		for j := range f.Related {
			f.Related[j].Path = abs(f.Related[j].Path)
		}
	}
	return report.Findings, nil
}

// Score is how one suite's wants fared.
type Score struct {
	Lines, Found, MessageMatches int
}

func (s Score) Recall() float64 {
	if s.Lines == 0 {
		return 1
	}
	return float64(s.Found) / float64(s.Lines)
}

// score counts want lines answered by findings of rule (starting on the
// line, or, when related is set, with a related location on it), prints
// per-file detail to out, and lists findings on no want line as extra.
func score(wants []Want, findings []Finding, rule string, related bool, root string, out io.Writer) Score {
	// Messages of rule's findings at each line they answer.
	answers := map[lineKey][]string{}
	for _, f := range findings {
		if f.Rule != rule {
			continue
		}
		answers[lineKey{f.Path, f.Line}] = append(answers[lineKey{f.Path, f.Line}], f.Message)
		if !related {
			continue
		}
		for _, r := range f.Related {
			k := lineKey{r.Path, r.Line}
			answers[k] = append(answers[k], r.Message, f.Message)
		}
	}
	byLine := map[lineKey][]Want{}
	var keys []lineKey
	for _, w := range wants {
		k := lineKey{w.File, w.Line}
		if byLine[k] == nil {
			keys = append(keys, k)
		}
		byLine[k] = append(byLine[k], w)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].file != keys[j].file {
			return keys[i].file < keys[j].file
		}
		return keys[i].line < keys[j].line
	})
	rel := func(p string) string {
		if r, err := filepath.Rel(root, p); err == nil {
			return r
		}
		return p
	}
	var s Score
	perFile := map[string]*struct {
		lines, found int
		missed       []int
	}{}
	var files []string
	for _, k := range keys {
		pf := perFile[k.file]
		if pf == nil {
			pf = &struct {
				lines, found int
				missed       []int
			}{}
			perFile[k.file] = pf
			files = append(files, k.file)
		}
		pf.lines++
		s.Lines++
		msgs, ok := answers[k]
		if !ok {
			pf.missed = append(pf.missed, k.line)
			continue
		}
		pf.found++
		s.Found++
		if allMatched(byLine[k], msgs) {
			s.MessageMatches++
		}
	}
	for _, file := range files {
		pf := perFile[file]
		fmt.Fprintf(out, "  %s: %d of %d want lines found", rel(file), pf.found, pf.lines)
		if len(pf.missed) > 0 {
			fmt.Fprintf(out, "; missed lines %v", pf.missed)
		}
		fmt.Fprintln(out)
	}
	for _, f := range findings {
		if _, wanted := byLine[lineKey{f.Path, f.Line}]; wanted && f.Rule == rule {
			continue
		}
		fmt.Fprintf(out, "  extra: %s:%d %s: %s\n", rel(f.Path), f.Line, f.Rule, f.Message)
	}
	return s
}

// allMatched reports whether each want on a line matches one of the messages
// given there, as analysistest would require of go vet.
func allMatched(wants []Want, messages []string) bool {
	for _, w := range wants {
		matched := false
		for _, m := range messages {
			if w.Pattern.MatchString(m) {
				matched = true
				break
			}
		}
		if !matched {
			return false
		}
	}
	return true
}
