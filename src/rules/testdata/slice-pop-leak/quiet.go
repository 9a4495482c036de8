// Look-alikes that must stay quiet: pointer-free elements, and elements
// cleared before they are dropped.
package popleak

type Point struct{ X, Y int }

type Ints struct {
	vals   []int
	addrs  [][4]byte
	points []Point
}

func (s *Ints) PopAll() {
	s.vals = s.vals[1:]
	s.addrs = s.addrs[:len(s.addrs)-1]
	s.points = s.points[:0]
}

func (q *Queue) PopCleared() *Job {
	j := q.items[0]
	q.items[0] = nil
	q.items = q.items[1:]
	return j
}

func (q *Queue) SkipCleared(n int) {
	clear(q.items[:n])
	q.items = q.items[n:]
}

func (s *Stack) PopCleared() map[string]int {
	top := s.frames[len(s.frames)-1]
	s.frames[len(s.frames)-1] = nil
	s.frames = s.frames[:len(s.frames)-1]
	return top
}

func (s *Stack) ResetCleared() {
	clear(s.frames)
	s.frames = s.frames[:0]
}

type TidyHeap []*Job

func (h *TidyHeap) Pop() any {
	old := *h
	n := len(old)
	x := old[n-1]
	old[n-1] = nil
	*h = old[:n-1]
	return x
}

func (b *Backlog) TakeCleared() Job {
	j := b.jobs[0]
	b.jobs[0] = Job{}
	b.jobs = b.jobs[1:]
	return j
}

func nextNameCleared() string {
	name := pendingNames[0]
	pendingNames[0] = ""
	pendingNames = pendingNames[1:]
	return name
}

// A cursor over a slice it does not own (never grown here): what it drops stays alive through
// its owner anyway, whatever the method is called.
type Cursor struct{ rest []*Job }

func NewCursor(all []*Job) *Cursor { return &Cursor{rest: all} }

func (c *Cursor) Pop() *Job {
	j := c.rest[0]
	c.rest = c.rest[1:]
	return j
}

// A page of results the iterator is handed: a view of the page, replaced on the next fetch.
type PageIter struct {
	items []*Job
	fetch func() []*Job
}

func (it *PageIter) Next() *Job {
	if len(it.items) == 0 {
		it.items = it.fetch()
	}
	j := it.items[0]
	it.items = it.items[1:]
	return j
}

func (it *PageIter) Prepend(j *Job) { it.items = append(it.items, j) }

// A buffer reset and refilled at once: the refill overwrites the stale slots.
type Batch struct{ jobs []*Job }

func (b *Batch) Refill(src []*Job) {
	b.jobs = b.jobs[:0]
	for _, j := range src {
		b.jobs = append(b.jobs, j)
	}
}

// A batch buffer drained, then reset for the next batch.
type Flusher struct {
	pending []*Job
	sink    func(*Job)
}

func (f *Flusher) Add(j *Job) { f.pending = append(f.pending, j) }

func (f *Flusher) Flush() {
	for _, j := range f.pending {
		f.sink(j)
	}
	f.pending = f.pending[:0]
}
