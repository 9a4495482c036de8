// Look-alikes of quiet_flow.go whose owner outlives the call after all, or whose dropped objects
// nothing recycles: each dropped slot keeps its object alive.
package popleak

import "container/heap"

// A heap grown in place, then kept in a package variable.
type heldHeap []*Job

func (h heldHeap) Len() int            { return len(h) }
func (h heldHeap) Less(i, j int) bool  { return len(h[i].Payload) < len(h[j].Payload) }
func (h heldHeap) Swap(i, j int)       { h[i], h[j] = h[j], h[i] }
func (h *heldHeap) Push(x interface{}) { *h = append(*h, x.(*Job)) }
func (h *heldHeap) Pop() interface{} {
	old := *h
	n := len(old)
	x := old[n-1]
	*h = old[0 : n-1] // want `drops 1 element of type .*Job`
	return x
}

var lastHeld heldHeap

func lowestHeld(jobs []*Job) *Job {
	h := make(heldHeap, 0, len(jobs))
	for _, j := range jobs {
		h = append(h, j)
	}
	heap.Init(&h)
	j := heap.Pop(&h).(*Job)
	lastHeld = h
	return j
}

// A caller's list converted to a heap and popped through a pointer: the list handed back keeps
// the popped job in the slot past its end.
type viewHeap []*Job

func (h viewHeap) Len() int            { return len(h) }
func (h viewHeap) Less(i, j int) bool  { return len(h[i].Payload) < len(h[j].Payload) }
func (h viewHeap) Swap(i, j int)       { h[i], h[j] = h[j], h[i] }
func (h *viewHeap) Push(x interface{}) { *h = append(*h, x.(*Job)) }
func (h *viewHeap) Pop() interface{} {
	old := *h
	n := len(old)
	x := old[n-1]
	*h = old[0 : n-1] // want `drops 1 element of type .*Job`
	return x
}

func withoutLowest(jobs []*Job) []*Job {
	h := viewHeap(jobs)
	heap.Init(&h)
	heap.Pop(&h)
	return []*Job(h)
}

// Groups kept in a map of a long-lived rollup, each with a heap.
type keptTop []*Job

func (h keptTop) Len() int            { return len(h) }
func (h keptTop) Less(i, j int) bool  { return len(h[i].Payload) < len(h[j].Payload) }
func (h keptTop) Swap(i, j int)       { h[i], h[j] = h[j], h[i] }
func (h *keptTop) Push(x interface{}) { *h = append(*h, x.(*Job)) }
func (h *keptTop) Pop() interface{} {
	old := *h
	n := len(old)
	x := old[n-1]
	*h = old[0 : n-1] // want `drops 1 element of type .*Job`
	return x
}

type keptGroup struct{ top keptTop }

type rollup struct{ groups map[string]*keptGroup }

func (r *rollup) add(j *Job) {
	g, ok := r.groups[j.Name]
	if !ok {
		g = &keptGroup{}
		r.groups[j.Name] = g
	}
	heap.Push(&g.top, j)
	if len(g.top) > 3 {
		heap.Pop(&g.top)
	}
}

// A part handed out through an interface method and kept in a package variable.
type chunkReader interface {
	chunk(n int) chunkReader
	size() int
}

type chunkDecoder struct {
	raw   []byte
	stack []*Job
}

func (d *chunkDecoder) push(j *Job) { d.stack = append(d.stack, j) }

func (d *chunkDecoder) pop() {
	d.stack = d.stack[:len(d.stack)-1] // want `drops 1 element of type .*Job`
}

func (d *chunkDecoder) chunk(n int) chunkReader { return &chunkDecoder{raw: d.raw[:n]} }

func (d *chunkDecoder) size() int {
	d.push(&Job{})
	d.pop()
	return len(d.raw)
}

var lastChunk chunkReader

func decodeChunks(raw []byte) int {
	d := chunkDecoder{raw: raw}
	sub := d.chunk(4)
	lastChunk = sub
	return d.size() + sub.size()
}

// A page handed up through two methods and kept by the pager.
type pageEntry struct {
	name  *string
	owner *page
}

type page struct{ items []pageEntry }

type pager struct{ last *page }

func (p *pager) build(names []string) *page {
	pg := &page{}
	for i := range names {
		pg.items = append(pg.items, pageEntry{name: &names[i], owner: pg})
	}
	return pg
}

func (p *pager) load(names []string) (*page, error) {
	return p.build(names), nil
}

func (pg *page) skip(n int) {
	pg.items = pg.items[n:] // want `drops the first n elements of type .*pageEntry`
}

func (p *pager) serve(names []string) int {
	pg, err := p.load(names)
	if err != nil {
		return 0
	}
	pg.skip(1)
	p.last = pg
	return len(pg.items)
}

// Blocks made fresh for each write and never recycled: the flushed list keeps them alive.
type freshBlock struct{ buf []byte }

type flushWriter struct{ pending []*freshBlock }

func (w *flushWriter) add() { w.pending = append(w.pending, &freshBlock{}) }

func (w *flushWriter) flush(write func([]*freshBlock)) {
	batch := append([]*freshBlock(nil), w.pending...)
	w.pending = w.pending[:0] // want `drops all its elements of type .*freshBlock`
	write(batch)
}

// Accumulators whose run state the closure keeps in a package variable.
type keptAccumulator interface {
	add(j *Job)
	reset()
}

type jobCounter struct{ seen []*Job }

func (a *jobCounter) add(j *Job) { a.seen = append(a.seen, j) }
func (a *jobCounter) reset()     { a.seen = a.seen[:0] } // want `drops all its elements of type .*Job`

type keptRun struct{ accs []keptAccumulator }

func newKeptRun(n int) *keptRun {
	accs := make([]keptAccumulator, n)
	for i := range accs {
		var acc keptAccumulator
		acc = &jobCounter{}
		accs[i] = acc
	}
	return &keptRun{accs: accs}
}

var lastRun *keptRun

func countBatches(batches [][]*Job, each func(func([]*Job))) {
	var st *keptRun
	each(func(b []*Job) {
		if st == nil {
			st = newKeptRun(2)
			lastRun = st
		}
		for _, acc := range st.accs {
			for _, j := range b {
				acc.add(j)
			}
			acc.reset()
		}
	})
}

// A walker whose owner is kept in a package variable after the check.
type keptWalker struct {
	owner  *keptChecker
	scopes []*Job
}

func newKeptWalker() *keptWalker { return &keptWalker{} }

func (w *keptWalker) enter(j *Job) { w.scopes = append(w.scopes, j) }
func (w *keptWalker) leave()       { w.scopes = w.scopes[:len(w.scopes)-1] } // want `drops 1 element of type .*Job`

type keptChecker struct{ w *keptWalker }

var lastChecker *keptChecker

func newKeptChecker() *keptChecker {
	w := newKeptWalker()
	c := &keptChecker{w: w}
	w.owner = c
	return c
}

func checkAndKeep(jobs []*Job) int {
	c := newKeptChecker()
	for _, j := range jobs {
		c.w.enter(j)
	}
	c.w.leave()
	lastChecker = c
	return len(c.w.scopes)
}

// A free list that only ever gets fresh blocks: the flushed blocks are not put back on it, so
// the pending list's stale slots keep them alive.
type spentBlock struct{ buf []byte }

type spendWriter struct {
	free    []*spentBlock
	pending []*spentBlock
}

func (w *spendWriter) get() *spentBlock {
	if len(w.free) == 0 {
		w.free = append(w.free, &spentBlock{})
	}
	b := w.free[len(w.free)-1]
	w.free = w.free[:len(w.free)-1]
	return b
}

func (w *spendWriter) add() { w.pending = append(w.pending, w.get()) }

func (w *spendWriter) flush(write func([]*spentBlock)) {
	batch := append([]*spentBlock(nil), w.pending...)
	w.pending = w.pending[:0] // want `drops all its elements of type .*spentBlock`
	write(batch)
}
