package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// verdict is one triaged finding: module@version, path, line, rule, verdict, reason.
type verdict struct {
	Module, Path string
	Line         int
	Rule         string
	Verdict      string // true | false | debatable
	Reason       string
	Where        string // file:line of the verdict, for messages
}

type verdictKey struct {
	Module, Path string
	Line         int
	Rule         string
}

func keyOf(module string, f finding) verdictKey {
	return verdictKey{module, f.Path, f.Line, f.Rule}
}

// readVerdicts reads every verdicts/<rule>.tsv. A malformed line is an error, never skipped.
func readVerdicts(dir string) (map[verdictKey]*verdict, error) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.tsv"))
	sort.Strings(files)
	all := map[verdictKey]*verdict{}
	for _, file := range files {
		f, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			where := fmt.Sprintf("%s:%d", filepath.Base(file), n)
			fs := strings.Split(line, "\t")
			if len(fs) != 6 {
				f.Close()
				return nil, fmt.Errorf("%s: want 6 tab-separated columns, got %d", where, len(fs))
			}
			ln, err := strconv.Atoi(fs[2])
			if err != nil {
				f.Close()
				return nil, fmt.Errorf("%s: line %q is not a number", where, fs[2])
			}
			v := &verdict{Module: fs[0], Path: fs[1], Line: ln, Rule: fs[3], Verdict: fs[4], Reason: fs[5], Where: where}
			switch {
			case v.Verdict != "true" && v.Verdict != "false" && v.Verdict != "debatable":
				err = fmt.Errorf("%s: verdict %q is not true, false or debatable", where, v.Verdict)
			case strings.TrimSpace(v.Reason) == "":
				err = fmt.Errorf("%s: no reason", where)
			case strings.TrimSuffix(filepath.Base(file), ".tsv") != v.Rule:
				err = fmt.Errorf("%s: rule %s in the file of another rule", where, v.Rule)
			}
			k := verdictKey{v.Module, v.Path, v.Line, v.Rule}
			if old := all[k]; err == nil && old != nil {
				err = fmt.Errorf("%s: same finding as %s", where, old.Where)
			}
			if err != nil {
				f.Close()
				return nil, err
			}
			all[k] = v
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, err
		}
	}
	return all, nil
}
