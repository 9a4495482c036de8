// The owners of quiet_holders.go's look-alikes made to outlive the call: the dropped slots stay
// in an array something long-lived still reaches.
package popleak

import "container/heap"

// The same kind of bounded heap, held by value in a walk state a server keeps.
type keptEntry struct {
	job  *Job
	rank int
}

type keptHeap struct {
	ent []keptEntry
}

func (h *keptHeap) Len() int           { return len(h.ent) }
func (h *keptHeap) Less(i, j int) bool { return h.ent[i].rank > h.ent[j].rank }
func (h *keptHeap) Swap(i, j int)      { h.ent[i], h.ent[j] = h.ent[j], h.ent[i] }
func (h *keptHeap) Push(x any)         { h.ent = append(h.ent, x.(keptEntry)) }
func (h *keptHeap) Pop() any {
	n := len(h.ent)
	e := h.ent[n-1]
	h.ent = h.ent[:n-1] // want `drops 1 element of type .*keptEntry`
	return e
}

type keptWalk struct {
	h    keptHeap
	seen int
}

type walkServer struct {
	last *keptWalk
}

func (s *walkServer) walk(jobs []*Job) int {
	w := &keptWalk{}
	for i, j := range jobs {
		heap.Push(&w.h, keptEntry{j, i})
	}
	heap.Pop(&w.h)
	s.last = w
	return w.seen
}

// A search whose stack is what it returns: the dropped slots go out with it.
type stackSearch struct {
	stack []*Job
	count int
}

func (s *stackSearch) pop() *Job {
	n := len(s.stack)
	j := s.stack[n-1]
	s.stack = s.stack[:n-1] // want `drops 1 element of type \*.*Job`
	return j
}

func remaining(jobs []*Job) []*Job {
	s := stackSearch{}
	for _, j := range jobs {
		s.stack = append(s.stack, j)
		if j.Name == "" {
			s.pop()
		}
	}
	return s.stack
}

// A walker popped by a deferred closure, one of which lives as long as the process.
type sharedWalker struct {
	parents []*Job
}

var processWalker = &sharedWalker{}

func (w *sharedWalker) enter(j *Job, visit func(*Job)) {
	w.parents = append(w.parents, j)
	defer func() {
		w.parents = w.parents[:len(w.parents)-1] // want `drops 1 element of type \*.*Job`
	}()
	visit(j)
}

func walkShared(jobs []*Job) {
	for _, j := range jobs {
		processWalker.enter(j, func(*Job) {})
	}
}

// A heap over the caller's slice that is kept after the call.
type keptPick []*Job

var _ heap.Interface = &keptPick{}

func (h keptPick) Len() int            { return len(h) }
func (h keptPick) Less(i, j int) bool  { return h[i].Name < h[j].Name }
func (h keptPick) Swap(i, j int)       { h[i], h[j] = h[j], h[i] }
func (h *keptPick) Push(x interface{}) { *h = append(*h, x.(*Job)) }
func (h *keptPick) Pop() interface{} {
	old := *h
	n := len(old)
	x := old[n-1]
	*h = old[0 : n-1] // want `drops 1 element of type \*.*Job`
	return x
}

var lastPick keptPick

func pickOne(list []*Job) *Job {
	var h keptPick = list
	heap.Init(&h)
	j := heap.Pop(&h).(*Job)
	lastPick = h
	return j
}

// The same scope stack in an analysis kept by a long-lived session.
type keptScopes struct {
	scopes []*Job
}

func (s *keptScopes) push(j *Job) { s.scopes = append(s.scopes, j) }

func (s *keptScopes) pop() {
	s.scopes = s.scopes[:len(s.scopes)-1] // want `drops 1 element of type \*.*Job`
}

type keptAnalysis struct {
	sc *keptScopes
}

func newKeptAnalysis() *keptAnalysis {
	s := &keptScopes{}
	a := &keptAnalysis{sc: s}
	return a
}

type analysisSession struct {
	current *keptAnalysis
}

func (s *analysisSession) run(jobs []*Job) {
	a := newKeptAnalysis()
	s.current = a
	for _, j := range jobs {
		a.sc.push(j)
		a.sc.pop()
	}
}

// The same compiler, kept in a package variable between compiles.
type keptCompiler struct {
	sets   []*Job
	parens []int
}

func newKeptCompiler() *keptCompiler { return &keptCompiler{} }

func (c *keptCompiler) open(j *Job) {
	c.sets = append(c.sets, j)
	var p int
	p, c.parens = popLast(c.parens)
	_ = p
	c.close()
}

func (c *keptCompiler) close() {
	c.sets = c.sets[:len(c.sets)-1] // want `drops 1 element of type \*.*Job`
}

var lastCompiler *keptCompiler

func compileKept(jobs []*Job) {
	c := newKeptCompiler()
	lastCompiler = c
	for _, j := range jobs {
		c.open(j)
	}
}
