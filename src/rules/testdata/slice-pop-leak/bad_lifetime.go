// Long-lived containers whose dropped slots keep objects alive, in the shapes the quiet
// look-alikes in quiet_lifetime.go resemble.
package popleak

import "time"

// A heap of structs holding strings, kept by a long-lived peer table: every expired name stays
// reachable from the backing array.
type expItem struct {
	item string
	exp  int64
}

type expHeap []expItem

func (h expHeap) Len() int            { return len(h) }
func (h expHeap) Less(i, j int) bool  { return h[i].exp < h[j].exp }
func (h expHeap) Swap(i, j int)       { h[i], h[j] = h[j], h[i] }
func (h *expHeap) Push(x interface{}) { *h = append(*h, x.(expItem)) }
func (h *expHeap) Pop() interface{} {
	old := *h
	n := len(old)
	x := old[n-1]
	*h = old[0 : n-1] // want `drops 1 element of type .*expItem`
	return x
}

type peerTable struct {
	dialed expHeap
}

// Double buffers that trade arrays: the write side is grown with append, the read side pops.
type Event struct {
	typ  string
	data any
}

type eventQueue struct {
	read, write []Event
}

func (q *eventQueue) emit(e Event) { q.write = append(q.write, e) }

func (q *eventQueue) next() Event {
	if len(q.read) == 0 {
		q.read, q.write = q.write, q.read
	}
	e := q.read[0]
	q.read = q.read[1:] // want `drops 1 element of type .*Event`
	return e
}

// The queue of a goroutine that serves a stream lives as long as the stream.
func bufferDeliveries(in chan *Job, out chan Job, closed chan struct{}) {
	var queue []*Job
	for j := range in {
		queue = append(queue, j)
		for len(queue) > 0 {
			select {
			case <-closed:
				return
			case more, ok := <-in:
				if ok {
					queue = append(queue, more)
				}
			case out <- *queue[0]:
				queue = queue[1:] // want `drops 1 element of type \*.*Job`
			}
		}
	}
}

// A parser type that a long-lived owner keeps: its stack is not bounded by a call.
type stackParser struct {
	stack []*Job
	depth int
}

func (p *stackParser) push(j *Job) { p.stack = append(p.stack, j) }

func (p *stackParser) pop() {
	p.stack = p.stack[:len(p.stack)-1] // want `drops 1 element`
	p.depth--
}

func newStackParser() *stackParser { return &stackParser{} }

// Exported constructor: callers outside the package may keep the parser.
func NewStackParser() *stackParser { return newStackParser() }

// A struct with a time and a pointer of its own keeps the pointer alive.
type sample struct {
	at  time.Time
	job *Job
}

type sampleWindow struct{ samples []sample }

func (w *sampleWindow) add(s sample) { w.samples = append(w.samples, s) }

func (w *sampleWindow) expire() {
	w.samples = w.samples[1:] // want `drops 1 element of type .*sample`
}

// A free list popped from its front allocates nothing: a plain queue.
type jobQueue struct{ jobs []*Job }

func (q *jobQueue) put(j *Job) { q.jobs = append(q.jobs, j) }

func (q *jobQueue) take() *Job {
	j := q.jobs[0]
	q.jobs = q.jobs[1:] // want `drops 1 element`
	return j
}

// A buffer of waiting requests, made afresh when an outage starts and dropped by another method
// when it ends: requests evicted from its front stay in the array for as long as the outage
// lasts, since nothing in the code says how soon the drop runs.
type outageBuffer struct {
	queue []*Job
	limit int
}

func (b *outageBuffer) start() { b.queue = make([]*Job, 0) }

func (b *outageBuffer) wait(j *Job) {
	if len(b.queue) == b.limit {
		b.queue = b.queue[1:] // want `drops 1 element of type \*.*Job`
	}
	b.queue = append(b.queue, j)
}

func (b *outageBuffer) stop(release func(*Job)) {
	for _, j := range b.queue {
		release(j)
	}
	b.queue = nil
}
