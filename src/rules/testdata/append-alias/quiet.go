package appendalias

import "fmt"

func capped(path []string) []string {
	parent := path[:2:2] // the capacity ends with the window: append copies
	next := append(parent, "d")
	fmt.Println(path)
	return next
}

func toTheEnd(xs []int) []int {
	tail := xs[1:] // runs to the end of xs: appends go past what xs shows
	tail = append(tail, 9)
	fmt.Println(xs)
	whole := xs[:len(xs)]
	whole = append(whole, 1)
	return append(tail, whole...)
}

func deadAfter(xs []int) []int {
	head := xs[:2]
	head = append(head, 5) // xs is not read afterwards
	return head
}

func inPlaceDelete(items []int, i int) []int {
	items = append(items[:i], items[i+1:]...) // the result replaces items
	fmt.Println(items)
	return items
}

func freshFirst(xs []int) []int {
	b := xs[:2]
	fmt.Println(b)
	b = make([]int, 0, 4) // b no longer shares xs
	b = append(b, 1)
	fmt.Println(xs)
	return b
}

func reassignedBase(xs []int) []int {
	b := xs[:1]
	b = append(b, 2)
	xs = nil // the old array is not read through xs any more
	fmt.Println(xs)
	return b
}

// The in-place filter: writes trail the reads of the same loop, and a is not read after it.
func filter(a []int) []int {
	kept := a[:0]
	for _, x := range a {
		if x%2 == 0 {
			kept = append(kept, x)
		}
	}
	for i := len(kept); i < len(a); i++ {
		a[i] = 0 // writes only
	}
	return kept
}

func onlyLen(xs []int) int {
	b := xs[:1]
	b = append(b, 3)
	return len(xs) + cap(xs) + len(b)
}

func substring(s string) string {
	t := s[:2]
	return t + s
}

// Appends to its own copy first: callers' slices are safe.
func copies(s []int) []int {
	s = append([]int(nil), s...)
	return append(s, 1)
}

func viaCopyingCallee(a []int) int {
	b := copies(a[:2])
	return b[0] + a[2]
}

type holder struct{ items []int }

func field(h *holder) []int {
	b := h.items[:1] // fields are left alone
	b = append(b, 4)
	fmt.Println(h.items)
	return b
}

// Each record is filtered in place and the slice restarted before the next one: the restart
// (`series = series[:0]`) observes nothing.
func restartEachRecord(records [][]int, keep func(int) bool) int {
	var series []int
	total := 0
	for _, rec := range records {
		series = series[:0]
		series = append(series, rec...)
		repl := series[:0]
		for _, s := range series {
			if keep(s) {
				repl = append(repl, s)
			}
		}
		total += len(repl) + len(series)
	}
	return total
}

func encode(b []byte, v uint32) []byte { return append(b, byte(v>>8), byte(v)) }

// The same window reused on every round: what the previous round appended is never looked at.
func reusedPrefix(n int) int {
	buf := append(make([]byte, 0, 16), "key-"...)
	sum := 0
	for i := 0; i < n; i++ {
		key := encode(buf[:4], uint32(i))
		sum += int(key[4])
	}
	return sum
}

// Replacing the last element of a private copy, one candidate at a time, each used at once.
func lastReplaced(prefixes []string, items []string) []string {
	var out []string
	p := append([]string(nil), prefixes...)
	for _, it := range items {
		out = append(out, fmt.Sprint(append(p[0:len(p)-1], it)))
	}
	return out
}

// An empty window asks for the storage on purpose: filtering in place, even when the base is
// printed afterwards, and filling a fixed buffer.
func filterThenPrint(a []int) []int {
	kept := a[:0]
	for _, x := range a {
		if x > 0 {
			kept = append(kept, x)
		}
	}
	fmt.Println(a)
	return kept
}

type key [4]byte

func (k key) AppendTo(b []byte) []byte { return append(b, k[:]...) }

func fill(k key, prefix []byte) []byte {
	var buf [8]byte
	k.AppendTo(buf[:0])
	copy(buf[4:], prefix)
	return append([]byte(nil), buf[:]...)
}

func perRound(ks []key) int {
	n := 0
	for _, k := range ks {
		var scratch [16]byte
		b := scratch[:0]
		b = k.AppendTo(b)
		n += len(b) + int(scratch[0])
	}
	return n
}

// The append writes msg[h:h+4]; the next read of msg starts past it.
func patchLength(msg []byte, h int) []byte {
	bad := msg[0:h]
	bad = append(bad, 1, 2, 3, 4)
	bad = append(bad, msg[h+4:]...)
	return bad
}

// checker's Sum appends its check byte to b, as hash.Hash's Sum does.
type checker struct{ acc byte }

func (c *checker) Sum(b []byte) []byte { return append(b, c.acc) }

// The call's result is dropped: it is made for what it writes after the header in buf.
func trailer(c *checker, v byte) [2]byte {
	var buf [2]byte
	buf[0] = v
	c.Sum(buf[:1])
	return buf
}
