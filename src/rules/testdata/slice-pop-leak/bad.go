// Re-slicing that drops pointer-holding elements without clearing them: the
// backing array keeps what they point to reachable.
package popleak

type Job struct {
	Name    string
	Payload []byte
}

type Queue struct {
	items []*Job
}

func (q *Queue) Pop() *Job {
	j := q.items[0]
	q.items = q.items[1:] // want `clear`
	return j
}

func (q *Queue) Skip(n int) {
	q.items = q.items[n:] // want `clear`
}

type Stack struct {
	frames []map[string]int
}

func (s *Stack) Pop() map[string]int {
	top := s.frames[len(s.frames)-1]
	s.frames = s.frames[:len(s.frames)-1] // want `clear`
	return top
}

func (s *Stack) PopTwo() {
	s.frames = s.frames[:len(s.frames)-2] // want `clear`
}

func (s *Stack) Reset() {
	s.frames = s.frames[:0] // want `clear`
}

// JobHeap follows the container/heap Pop idiom through a local alias.
type JobHeap []*Job

func (h *JobHeap) Pop() any {
	old := *h
	n := len(old)
	x := old[n-1]
	*h = old[:n-1] // want `clear`
	return x
}

var pendingNames []string

func nextName() string {
	name := pendingNames[0]
	pendingNames = pendingNames[1:] // want `clear`
	return name
}

type Backlog struct {
	jobs []Job
}

func (b *Backlog) Take() Job {
	j := b.jobs[0]
	b.jobs = b.jobs[1:] // want `clear`
	return j
}

type Handlers struct {
	fns []func()
}

func (h *Handlers) Drop() {
	h.fns = h.fns[:len(h.fns)-1] // want `clear`
}

// The containers own their backing arrays: they grow them with append.
func (q *Queue) Push(j *Job)             { q.items = append(q.items, j) }
func (s *Stack) Push(f map[string]int)   { s.frames = append(s.frames, f) }
func (h *JobHeap) Push(x any)            { *h = append(*h, x.(*Job)) }
func addName(name string)                { pendingNames = append(pendingNames, name) }
func (b *Backlog) Add(j Job)             { b.jobs = append(b.jobs, j) }
func (h *Handlers) Register(fn func())   { h.fns = append(h.fns, fn) }
func (w *Waiters) wait(ch chan struct{}) { w.chans = append(w.chans, ch) }

// Whatever the method is called: a pop from an owned queue in `get`.
type Waiters struct {
	chans []chan struct{}
}

func (w *Waiters) get() chan struct{} {
	ch := w.chans[0]
	w.chans = w.chans[1:] // want `clear`
	return ch
}

// Grown by appending to its own re-slice: still its own array.
type Ring struct{ entries []any }

func (r *Ring) Add(e any, start int) { r.entries = append(r.entries[:0], r.entries[start:]...) }

func (r *Ring) Clear() {
	r.entries = r.entries[:0] // want `clear`
}
