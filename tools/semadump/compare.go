package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
)

// Thresholds the conformance test enforces.
const (
	minResolutionAgreement = 0.999
	minTypeAgreement       = 0.995
)

func runCompare(args []string) int {
	if len(args) != 4 {
		usage()
	}
	ours, err1 := readPairs(args[0], " -> ")
	theirs, err2 := readPairs(args[1], " -> ")
	ourTypes, err3 := readPairs(args[2], " ")
	theirTypes, err4 := readPairs(args[3], " ")
	for _, err := range []error{err1, err2, err3, err4} {
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	ok := report("resolution", ours, theirs, minResolutionAgreement)
	ok = report("types", ourTypes, theirTypes, minTypeAgreement) && ok
	if !ok {
		return 1
	}
	return 0
}

// report compares the answers both sides give for the same key and prints agreement and coverage.
func report(what string, ours, theirs map[string]string, threshold float64) bool {
	both, agree := 0, 0
	var diffs []string
	for key, want := range theirs {
		got, ok := ours[key]
		if !ok {
			continue
		}
		both++
		if got == want {
			agree++
		} else {
			diffs = append(diffs, fmt.Sprintf("%s: gotrap %q, go/types %q", key, got, want))
		}
	}
	extra := 0
	for key := range ours {
		if _, ok := theirs[key]; !ok {
			extra++
		}
	}
	sort.Slice(diffs, func(i, j int) bool { return positionLess(diffs[i], diffs[j]) })
	for i, d := range diffs {
		if i == 50 {
			fmt.Printf("  ... %d more differences\n", len(diffs)-50)
			break
		}
		fmt.Println("  " + d)
	}
	rate := 1.0
	if both > 0 {
		rate = float64(agree) / float64(both)
	}
	coverage := 0.0
	if len(theirs) > 0 {
		coverage = float64(both) / float64(len(theirs))
	}
	fmt.Printf("%s: go/types %d, gotrap %d, both %d, agree %d (%.4f%%, need %.2f%%), coverage %.2f%%, gotrap-only %d\n",
		what, len(theirs), len(ours), both, agree, 100*rate, 100*threshold, 100*coverage, extra)
	return both > 0 && rate >= threshold
}

// readPairs reads "key<sep>value" lines; the key is everything before the first sep.
func readPairs(path, sep string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	pairs := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := strings.TrimPrefix(sc.Text(), "./")
		key, value, found := strings.Cut(line, sep)
		if !found {
			continue
		}
		pairs[key] = strings.TrimPrefix(value, "./")
	}
	return pairs, sc.Err()
}

// positionLess orders "file:line:col..." strings by file then numeric line and column.
func positionLess(a, b string) bool {
	fa, la, ca := splitPosition(a)
	fb, lb, cb := splitPosition(b)
	if fa != fb {
		return fa < fb
	}
	if la != lb {
		return la < lb
	}
	return ca < cb
}

func splitPosition(s string) (file string, line, col int) {
	parts := strings.SplitN(s, ":", 4)
	if len(parts) < 3 {
		return s, 0, 0
	}
	line, _ = strconv.Atoi(parts[1])
	colText := parts[2]
	if i := strings.IndexAny(colText, " -"); i >= 0 {
		colText = colText[:i]
	}
	col, _ = strconv.Atoi(colText)
	return parts[0], line, col
}
