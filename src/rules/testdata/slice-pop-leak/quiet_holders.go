// Look-alikes of bad_holders.go whose owners die with the call that made them, though the
// container sits one step away from the local: a heap held by value in a walk state, a stack
// beside a result field that is returned, a stack popped by a deferred closure, and a heap over
// a caller's slice.
package popleak

import "container/heap"

// A bounded heap held by value in a walk state made for one page.
type rankEntry struct {
	job  *Job
	rank int
}

type rankHeap struct {
	limit int
	ent   []rankEntry
}

func (h *rankHeap) Len() int           { return len(h.ent) }
func (h *rankHeap) Less(i, j int) bool { return h.ent[i].rank > h.ent[j].rank }
func (h *rankHeap) Swap(i, j int)      { h.ent[i], h.ent[j] = h.ent[j], h.ent[i] }
func (h *rankHeap) Push(x any)         { h.ent = append(h.ent, x.(rankEntry)) }
func (h *rankHeap) Pop() any {
	n := len(h.ent)
	e := h.ent[n-1]
	h.ent = h.ent[:n-1]
	return e
}

func (h *rankHeap) offer(e rankEntry) {
	if len(h.ent) < h.limit {
		heap.Push(h, e)
		return
	}
	if e.rank < h.ent[0].rank {
		h.ent[0] = e
		heap.Fix(h, 0)
	}
}

type rankWalk struct {
	h    rankHeap
	page []int
	seen int
}

func (w *rankWalk) visit(j *Job, rank int) {
	w.seen++
	w.h.offer(rankEntry{j, rank})
}

func nearest(jobs []*Job, limit int) []int {
	w := &rankWalk{}
	w.h.limit = limit
	for i, j := range jobs {
		w.visit(j, i)
	}
	for w.h.Len() > 0 {
		w.page = append(w.page, heap.Pop(&w.h).(rankEntry).rank)
	}
	return w.page
}

// A component search whose stack dies with it; only the components are returned.
type compSearch struct {
	stack []*Job
	index map[*Job]int
	comps [][]*Job
}

func (s *compSearch) push(j *Job) { s.stack = append(s.stack, j) }

func (s *compSearch) pop() *Job {
	n := len(s.stack)
	j := s.stack[n-1]
	s.stack = s.stack[:n-1]
	return j
}

func components(jobs []*Job) [][]*Job {
	s := compSearch{index: make(map[*Job]int)}
	for i, j := range jobs {
		s.index[j] = i
		s.push(j)
		if i%2 == 1 {
			s.comps = append(s.comps, []*Job{s.pop(), s.pop()})
		}
	}
	return s.comps
}

// A walker whose parent stack is popped by a deferred closure; every walker lives for one walk.
type treeWalker struct {
	parents []*Job
	visited int
}

func (w *treeWalker) enter(j *Job, visit func(*Job)) {
	w.parents = append(w.parents, j)
	defer func() {
		w.parents = w.parents[:len(w.parents)-1]
	}()
	w.visited++
	visit(j)
}

func walkJobs(jobs []*Job) int {
	w := &treeWalker{}
	for _, j := range jobs {
		w.enter(j, func(*Job) {})
	}
	return w.visited
}

// A heap over the caller's slice: what it drops the caller's slice still holds. The value in
// the interface check is discarded.
type pickHeap []*Job

var _ heap.Interface = &pickHeap{}

func (h pickHeap) Len() int            { return len(h) }
func (h pickHeap) Less(i, j int) bool  { return h[i].Name < h[j].Name }
func (h pickHeap) Swap(i, j int)       { h[i], h[j] = h[j], h[i] }
func (h *pickHeap) Push(x interface{}) { *h = append(*h, x.(*Job)) }
func (h *pickHeap) Pop() interface{} {
	old := *h
	n := len(old)
	x := old[n-1]
	*h = old[0 : n-1]
	return x
}

func firstTwo(list []*Job) (*Job, *Job) {
	var h pickHeap = list
	heap.Init(&h)
	a := heap.Pop(&h).(*Job)
	return a, heap.Pop(&h).(*Job)
}

// A scope stack held by pointer in an analysis that its unexported constructor returns, and
// every analysis is a local of one call.
type scopeStack struct {
	scopes []*Job
}

func (s *scopeStack) push(j *Job) { s.scopes = append(s.scopes, j) }

func (s *scopeStack) pop() {
	s.scopes = s.scopes[:len(s.scopes)-1]
}

type analysis struct {
	sc    *scopeStack
	count int
}

func newAnalysis() *analysis {
	s := &scopeStack{}
	a := &analysis{sc: s}
	return a
}

func analyzeJobs(jobs []*Job) int {
	a := newAnalysis()
	for _, j := range jobs {
		a.sc.push(j)
		a.count++
		a.sc.pop()
	}
	return a.count
}

// A compiler made for one compile by an unexported constructor; its methods call each other
// deeply and trade another stack through a generic helper that returns it.
type setCompiler struct {
	sets   []*Job
	parens []int
	out    []int
}

func newSetCompiler() *setCompiler { return &setCompiler{} }

func popLast[T any](s []T) (T, []T) {
	return s[len(s)-1], s[:len(s)-1]
}

func (c *setCompiler) open(j *Job) {
	c.sets = append(c.sets, j)
	c.parens = append(c.parens, len(c.sets))
	c.nest(j)
}

func (c *setCompiler) nest(j *Job) { c.deeper(j) }

func (c *setCompiler) deeper(j *Job) { c.deepest(j) }

func (c *setCompiler) deepest(j *Job) {
	var p int
	p, c.parens = popLast(c.parens)
	c.out = append(c.out, p)
	c.close()
}

func (c *setCompiler) close() {
	c.sets = c.sets[:len(c.sets)-1]
}

func compileSets(jobs []*Job) []int {
	c := newSetCompiler()
	for _, j := range jobs {
		c.open(j)
	}
	return c.out
}
