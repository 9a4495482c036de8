// Appends to a window of a slice that is read afterwards: the append overwrites its elements.
package appendalias

import "fmt"

func sibling(path []string) []string {
	parent := path[:2]
	next := append(parent, "d") // want `append to parent writes into the backing array of path: path\[:2\] keeps its capacity`
	fmt.Println(path)
	return next
}

func removeCopy(items []int, i int) []int {
	without := append(items[:i], items[i+1:]...) // want `this append writes into the backing array of items`
	fmt.Println("was", items)
	return without
}

func grow(xs []int) []int {
	head := xs[:1]
	for i := 0; i < 3; i++ {
		head = append(head, i) // want `append to head`
	}
	total := 0
	for _, x := range xs {
		total += x
	}
	return append(head, total)
}

func onOnePath(buf []byte, extra bool) int {
	line := buf[:4]
	if extra {
		line = append(line, '!') // want `is read again on line 36`
	}
	return len(line) + int(buf[4])
}

func addOne(s []int) []int { return append(s, 1) }

func viaCallee(a []int) int {
	b := addOne(a[:2]) // want `addOne, which appends to its parameter s, writes into the backing array of a`
	return b[2] + a[2]
}

func array() int {
	var arr [8]int
	w := arr[:3]
	w = append(w, 7) // want `arr`
	return arr[3] + w[0]
}

// Replacing a match: when the replacement is longer than the match, the first append overwrites
// the tail that the second one copies.
func replace(in []rune, start, end int, repl []rune) []rune {
	out := append(in[:start], repl...) // want `this append writes into the backing array of in`
	return append(out, in[end:]...)
}

// Every candidate drops one element, in place: each one corrupts the next.
func dropEach(e []int) [][]int {
	var candidates [][]int
	for i := range e {
		candidates = append(candidates, append(e[:i], e[i+1:]...)) // want `read again on line 64`
	}
	return candidates
}

// The append writes msg[h:h+4], and the next read of msg starts inside that range.
func patchShort(msg []byte, h int) []byte {
	bad := msg[0:h]
	bad = append(bad, 1, 2, 3, 4) // want `append to bad writes into the backing array of msg`
	bad = append(bad, msg[h+2:]...)
	return bad
}
