package appendalias

import "strings"

// The look-alikes of bad_param.go that stay quiet.

func join(address []string) string { return strings.Join(address, ".") }

// Capped first: every append copies.
func cappedParam(address []string, keys []string) {
	address = address[:len(address):len(address)]
	for _, k := range keys {
		join(append(address, k))
	}
}

// Copied first: the function owns what it appends to.
func copiedParam(address []string, keys []string) {
	address = append([]string(nil), address...)
	for _, k := range keys {
		join(append(address, k))
	}
}

// Grown in place: the caller gets the result back.
func grown(xs []int, n int) []int {
	for i := 0; i < n; i++ {
		xs = append(xs, i)
	}
	return xs
}

// A single append to the parameter, run once: nothing else writes that element here.
func withSuffix(address []string) []string {
	return append(address, "#")
}

// Appends to a fresh slice built from the parameter.
func freshSlice(address []string, keys []string) {
	for _, k := range keys {
		path := make([]string, 0, len(address)+1)
		path = append(path, address...)
		join(append(path, k))
	}
}

// The parameter is the appended values, not the target.
func appendedFrom(address []string, keys []string) [][]string {
	var out [][]string
	for _, k := range keys {
		out = append(out, append([]string{k}, address...))
	}
	return out
}

type names []string

// A capped window of the receiver: the append copies.
func (ns names) drop(name string) names {
	for i, n := range ns {
		if n == name {
			return append(ns[:i:i], ns[i+1:]...)
		}
	}
	return ns
}

// A pointer receiver: the method replaces the caller's slice, which is the point.
func (ns *names) remove(i int) {
	*ns = append((*ns)[:i], (*ns)[i+1:]...)
}

// The receiver's window is empty: the storage is asked for on purpose.
func (ns names) reuse(extra string) names {
	return append(ns[:0], extra)
}
