// Owners that die with the call that made them, followed through the ways values flow in one
// computation: grown in place, kept in a local map or slice, converted for a sort, returned by a
// method (also through an interface), handed up through a chain of returns, pointed to by their
// own elements; and objects recycled through a free list. Each has a look-alike in bad_flow.go.
package popleak

import (
	"container/heap"
	"sort"
)

// A heap grown in place by the function that made it.
type jobRankHeap []*Job

func (h jobRankHeap) Len() int            { return len(h) }
func (h jobRankHeap) Less(i, j int) bool  { return len(h[i].Payload) < len(h[j].Payload) }
func (h jobRankHeap) Swap(i, j int)       { h[i], h[j] = h[j], h[i] }
func (h *jobRankHeap) Push(x interface{}) { *h = append(*h, x.(*Job)) }
func (h *jobRankHeap) Pop() interface{} {
	old := *h
	n := len(old)
	x := old[n-1]
	*h = old[0 : n-1]
	return x
}

func lowest(jobs []*Job) *Job {
	h := make(jobRankHeap, 0, len(jobs))
	for _, j := range jobs {
		h = append(h, j)
	}
	heap.Init(&h)
	return heap.Pop(&h).(*Job)
}

// A sort by value of a caller's list through the same type: no pointer method ever sees it.
func sortedByRank(jobs []*Job) []*Job {
	byRank := jobRankHeap(jobs)
	sort.Sort(sort.Reverse(byRank))
	return []*Job(byRank)
}

// Groups kept in a local map and a local slice of one aggregation, each with a heap.
type tally struct{ sum int }

func (t *tally) add(n int) *tally {
	t.sum += n
	return t
}

type topHeap []*Job

func (h topHeap) Len() int            { return len(h) }
func (h topHeap) Less(i, j int) bool  { return len(h[i].Payload) < len(h[j].Payload) }
func (h topHeap) Swap(i, j int)       { h[i], h[j] = h[j], h[i] }
func (h *topHeap) Push(x interface{}) { *h = append(*h, x.(*Job)) }
func (h *topHeap) Pop() interface{} {
	old := *h
	n := len(old)
	x := old[n-1]
	*h = old[0 : n-1]
	return x
}

type jobGroup struct {
	top   topHeap
	tally *tally
}

func topPerGroup(jobs []*Job, k int) []*Job {
	groups := map[string]*jobGroup{}
	order := []*jobGroup{}
	for _, j := range jobs {
		g, ok := groups[j.Name]
		if !ok {
			ng := &jobGroup{tally: &tally{}}
			groups[j.Name] = ng
			order = append(order, ng)
			groups[j.Name].top = make(topHeap, 1, k)
			groups[j.Name].top[0] = j
			continue
		}
		g.tally.add(len(j.Payload))
		heap.Push(&g.top, j)
		if len(g.top) > k {
			heap.Pop(&g.top)
		}
	}
	var out []*Job
	for _, g := range order {
		out = append(out, g.top...)
	}
	return out
}

// A decoder made for one message, also for the parts handed out through an interface method.
type partReader interface {
	part(n int) partReader
	next() int
}

type msgDecoder struct {
	raw   []byte
	stack []*Job
}

func (d *msgDecoder) push(j *Job) { d.stack = append(d.stack, j) }

func (d *msgDecoder) pop() {
	d.stack = d.stack[:len(d.stack)-1]
}

func (d *msgDecoder) part(n int) partReader { return &msgDecoder{raw: d.raw[:n]} }

func (d *msgDecoder) next() int {
	d.push(&Job{})
	d.pop()
	return len(d.raw)
}

func decodeMessage(raw []byte) int {
	d := msgDecoder{raw: raw}
	sub := d.part(4)
	return d.next() + sub.next()
}

// A listing made by a method, handed up through another, whose items point back to it.
type listEntry struct {
	name  *string
	owner *listing
}

type listing struct {
	items []listEntry
}

type lister struct{ root string }

func (l *lister) build(names []string) *listing {
	ls := &listing{}
	for i := range names {
		ls.items = append(ls.items, listEntry{name: &names[i], owner: ls})
	}
	return ls
}

func (l *lister) load(names []string) (*listing, error) {
	return l.build(names), nil
}

func (ls *listing) skip(n int) {
	ls.items = ls.items[n:]
}

func (l *lister) serve(names []string) int {
	ls, err := l.load(names)
	if err != nil {
		return 0
	}
	ls.skip(1)
	return len(ls.items)
}

// Blocks recycled through a free list: the flushed list's stale slots point to blocks the free
// list keeps for reuse anyway.
type wblock struct{ buf []byte }

type blockWriter struct {
	free    []*wblock
	pending []*wblock
}

func (w *blockWriter) get() *wblock {
	if len(w.free) == 0 {
		w.free = append(w.free, &wblock{})
	}
	b := w.free[len(w.free)-1]
	w.free = w.free[:len(w.free)-1]
	return b
}

func (w *blockWriter) add() { w.pending = append(w.pending, w.get()) }

func (w *blockWriter) flush(write func([]*wblock)) {
	batch := append([]*wblock(nil), w.pending...)
	w.pending = w.pending[:0]
	write(batch)
	w.free = append(w.free, batch...)
}

// Accumulators made for one run: each is put in a local slice that a state returned to the
// run's closure holds.
type accumulator interface {
	add(j *Job)
	reset()
}

type jobAccumulator struct{ seen []*Job }

func (a *jobAccumulator) add(j *Job) { a.seen = append(a.seen, j) }
func (a *jobAccumulator) reset()     { a.seen = a.seen[:0] }

type runState struct{ accs []accumulator }

func newRunState(n int) *runState {
	accs := make([]accumulator, n)
	for i := range accs {
		var acc accumulator
		acc = &jobAccumulator{}
		accs[i] = acc
	}
	return &runState{accs: accs}
}

func runBatches(batches [][]*Job, each func(func([]*Job))) {
	var st *runState
	each(func(b []*Job) {
		if st == nil {
			st = newRunState(2)
		}
		for _, acc := range st.accs {
			for _, j := range b {
				acc.add(j)
			}
			acc.reset()
		}
	})
}

// A walker and the checker that owns it point to each other; both are made for one check.
type walker struct {
	owner  *checker
	scopes []*Job
}

func newWalker() *walker { return &walker{} }

func (w *walker) enter(j *Job) { w.scopes = append(w.scopes, j) }
func (w *walker) leave()       { w.scopes = w.scopes[:len(w.scopes)-1] }

type checker struct{ w *walker }

func newChecker() *checker {
	w := newWalker()
	c := &checker{w: w}
	w.owner = c
	return c
}

func checkJobs(jobs []*Job) int {
	c := newChecker()
	for _, j := range jobs {
		c.w.enter(j)
	}
	c.w.leave()
	return len(c.w.scopes)
}
