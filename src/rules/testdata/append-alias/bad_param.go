package appendalias

import "strings"

type reader struct {
	seen [][]string
	next *reader
}

func (r *reader) read(address []string) string {
	r.seen = append(r.seen, address) // keeps the slice it is given
	return strings.Join(address, ".")
}

// Each iteration writes the element after the caller's address: a path kept by an earlier
// read changes under it, and the caller's own element there is lost.
func (r *reader) readSet(address []string, keys []string) {
	for _, k := range keys {
		r.read(append(address, k)) // want `this append writes into the caller's backing array of parameter address when address has spare capacity.*runs again on each iteration`
	}
}

// Two appends to the same parameter write the same element.
func (r *reader) readCount(address []string) {
	count := r.read(append(address, "#")) // want `parameter address.*the append on line 27 writes the same element`
	if count != "" {
		r.read(append(address, "0")) // want `parameter address.*the append on line 25 writes the same element`
	}
}

// A callback may run many times.
func (r *reader) visit(address []string, each func(func(string))) {
	each(func(k string) {
		r.read(append(address, k)) // want `parameter address.*function literal that may run more than once`
	})
}

type labels []string

// A value receiver: the caller's labels keep their length and show the shifted elements.
func (ls labels) drop(name string) labels {
	for i, l := range ls {
		if l == name {
			return append(ls[:i], ls[i+1:]...) // want `this append writes into the caller's backing array: the method has a value receiver` fix:unsafe
		}
	}
	return ls
}
