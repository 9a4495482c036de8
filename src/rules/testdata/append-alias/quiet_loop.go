package appendalias

import "strings"

// A composite literal's capacity is its length: every append copies.
func fromLiteral(names []string) [][]string {
	base := []string{"root", "sub"}
	var all [][]string
	for _, n := range names {
		all = append(all, append(base, n))
	}
	return all
}

// make([]T, n) has no spare capacity either.
func fromMake(names []string, n int) [][]string {
	base := make([]string, n)
	var all [][]string
	for _, name := range names {
		all = append(all, append(base, name))
	}
	return all
}

// The result is used within its iteration only.
func keys(prefix []byte, names []string, seen map[string]bool) {
	for _, n := range names {
		key := append(prefix, n...)
		seen[string(key)] = true
	}
}

// The slice grows in the loop: each append starts where the last one ended.
func growInLoop(parts []string, names []string) [][]string {
	var all [][]string
	for _, n := range names {
		parts = append(parts, n)
		all = append(all, parts)
	}
	return all
}

// The elements are copied into the outer slice (spread), not the slice kept.
func flatten(prefix []string, names []string) []string {
	var all []string
	for _, n := range names {
		all = append(all, append(prefix, n)...)
	}
	return all
}

// The iteration that keeps the result leaves the loop: only one result is kept.
func first(prefix []string, names []string) [][]string {
	var all [][]string
	for _, n := range names {
		if strings.HasPrefix(n, "x") {
			all = append(all, append(prefix, n))
			break
		}
	}
	return all
}

// Replaced by the next iteration: only the last result survives.
func last(prefix []string, names []string) []string {
	var keep []string
	for _, n := range names {
		keep = append(prefix, n)
	}
	return keep
}

// A fresh copy per iteration.
func copiedInLoop(prefix []string, names []string) [][]string {
	var all [][]string
	for _, n := range names {
		p := append([]string(nil), prefix...)
		all = append(all, append(p, n))
	}
	return all
}

// The same value appended on every iteration: the results agree, whatever they share.
func terminated(code []byte, sections [][]byte) {
	for i := range sections {
		sections[i] = append(code, 0xf3)
	}
}
