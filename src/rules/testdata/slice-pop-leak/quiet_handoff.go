// Look-alikes of bad_handoff.go whose dropped slots keep nothing the code does not keep anyway:
// a page buffer handed whole to the pager that takes it, and a front pop that shifts the rest
// down first.
package popleak

// A page iterator: each page is taken whole by the pager, which starts a fresh buffer.
type jobPager struct {
	fetch func(token string) ([]*Job, string)
	take  func() []*Job
}

type JobIterator struct {
	items []*Job
	token string
	pager jobPager
}

func newJobIterator(fetch func(string) ([]*Job, string)) *JobIterator {
	it := &JobIterator{}
	it.pager = jobPager{
		fetch: fetch,
		take: func() []*Job {
			b := it.items
			it.items = nil
			return b
		},
	}
	return it
}

func (it *JobIterator) fill() {
	page, next := it.pager.fetch(it.token)
	for _, j := range page {
		it.items = append(it.items, j)
	}
	it.token = next
}

func (it *JobIterator) Next() *Job {
	if len(it.items) == 0 {
		it.fill()
	}
	j := it.items[0]
	it.items = it.items[1:]
	return j
}

// An idle list popped from the front after shifting the rest down one slot.
type idleList struct {
	conns []*Job
}

func (l *idleList) put(j *Job) { l.conns = append(l.conns, j) }

func (l *idleList) oldest() *Job {
	n := len(l.conns)
	j := l.conns[0]
	copy(l.conns, l.conns[1:])
	l.conns = l.conns[:n-1]
	return j
}

// The same, with the taken page's array reused: the pager returns the page it took, whose
// slots are its own data.
type keyIterator struct {
	keys  []*Job
	index int
}

func (it *keyIterator) add(j *Job) { it.keys = append(it.keys, j) }

func (it *keyIterator) takePage() []*Job {
	prev := it.keys
	it.keys = it.keys[:0]
	it.index = 0
	return prev
}

// A history whose acknowledged entries are set to nil in place; the cleanup drops only the
// leading nils.
type sentHistory struct {
	packets []*Job
}

func (h *sentHistory) send(j *Job) { h.packets = append(h.packets, j) }

func (h *sentHistory) ack(i int) {
	h.packets[i] = nil
}

func (h *sentHistory) cleanupStart() {
	for i, p := range h.packets {
		if p != nil {
			h.packets = h.packets[i:]
			return
		}
	}
}
