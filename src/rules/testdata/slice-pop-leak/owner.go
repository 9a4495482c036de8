// Whose storage a popped slice is decides whether clearing the dropped slot is safe.
package popleak

// taskHeap is only made by this package, from fresh storage: clearing is safe. Its Pop pops
// through *h itself, so the index needs parentheses: (*h)[n-1].
type taskHeap []*Job

func newTaskHeap() *taskHeap {
	h := make(taskHeap, 0, 8)
	return &h
}

func (h *taskHeap) Push(x any) { *h = append(*h, x.(*Job)) }

func (h *taskHeap) Pop() any {
	n := len(*h)
	x := (*h)[n-1]
	*h = (*h)[:n-1] // want `clear` fix:safe
	return x
}

// Exported: another package may convert its own slice to a TaskQueue, so the dropped slot may
// be someone else's element: the fix is unsafe.
type TaskQueue []*Job

func (q *TaskQueue) Pop() any {
	old := *q
	n := len(old)
	x := old[n-1]
	*q = old[:n-1] // want `clear` fix:unsafe
	return x
}

// window is a view of its source's live data: the pending field is set from a parameter, so the
// caller's array keeps those elements alive anyway, and writing nil would erase an element the
// caller still holds. Quiet.
type window struct {
	pending []*Job
}

func newWindow(all []*Job) *window { return &window{pending: all[2:]} }

func (w *window) Next() *Job {
	j := w.pending[0]
	w.pending = w.pending[1:]
	return j
}

// inbox.items only ever holds storage it appended itself: safe.
type inbox struct {
	items []*Job
}

func (b *inbox) add(j *Job) { b.items = append(b.items, j) }

func (b *inbox) Next() *Job {
	j := b.items[0]
	b.items = b.items[1:] // want `clear` fix:safe
	return j
}
