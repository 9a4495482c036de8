package appendalias

import (
	"strconv"
	"strings"
)

// A reader of dotted addresses; one implementation rewrites parts of the address it is handed.
type fieldReader interface {
	readField(addr []string) string
}

type indexedReader struct {
	index map[string]int
}

// Rewrites every "#" part (but the last) to its index, in the caller's array.
func (r *indexedReader) readField(addr []string) string {
	for i := 0; i+1 < len(addr); i++ {
		if addr[i] == "#" {
			addr[i] = strconv.Itoa(r.index[strings.Join(addr[:i], ".")])
		}
	}
	return strings.Join(addr, ".")
}

type plainReader struct{}

func (plainReader) readField(addr []string) string { return strings.Join(addr, ".") }

type setReader struct {
	source fieldReader
}

func (r *setReader) readPrimitive(addr []string) string { return r.source.readField(addr) }

func (r *setReader) readField(addr []string) string { return r.readPrimitive(addr) }

// Each key is read under address: when address has spare capacity, the rewrite of its parts
// lands in address itself.
func (r *setReader) readSet(address []string, keys []string) []string {
	var out []string
	for _, k := range keys {
		out = append(out, r.readField(append(address, k))) // want `readField can write elements of its parameter addr, and append\(address, k\) shares address's backing array whenever address has spare capacity: those writes then change the elements of the caller's array address shows, and address is read again on line \d+` fix:unsafe
	}
	return append(out, strings.Join(address, "."))
}

func normalize(parts []string) {
	for i := range parts {
		parts[i] = strings.ToLower(parts[i])
	}
}

func lowered(prefix []string, last string) (string, string) {
	normalize(append(prefix, last)) // want `normalize can write elements of its parameter parts, and append\(prefix, last\) shares prefix's backing array whenever prefix has spare capacity: those writes then change the elements of the caller's array prefix shows, and prefix is read again on line \d+` fix:unsafe
	return strings.Join(prefix, "."), last
}

func fillTwo(dst []byte, b byte) {
	copy(dst, []byte{b, b})
}

func padded(buf []byte, n int) []byte {
	for i := 0; i < n; i++ {
		fillTwo(append(buf, 0), 'x') // want `fillTwo can write elements of its parameter dst, .*read again by the next iteration on line \d+` fix:unsafe
	}
	return nil
}
