// Look-alikes of bad_lifetime.go whose dropped slots keep nothing alive past what the code
// already keeps: owners that die with the call, free lists, arrays dropped when drained, arenas
// handed out again, elements pointing into the owner, times, and queues refilled at once.
package popleak

import (
	"container/heap"
	"time"
)

// A heap built for one computation and dropped at return.
type member struct{ load int }

type memberHeap []*member

func (h memberHeap) Len() int            { return len(h) }
func (h memberHeap) Less(i, j int) bool  { return h[i].load < h[j].load }
func (h memberHeap) Swap(i, j int)       { h[i], h[j] = h[j], h[i] }
func (h *memberHeap) Push(x interface{}) { *h = append(*h, x.(*member)) }
func (h *memberHeap) Pop() interface{} {
	old := *h
	n := len(old)
	x := old[n-1]
	*h = old[0 : n-1]
	return x
}

func leastLoaded(ms []*member) int {
	pq := make(memberHeap, 0, len(ms))
	for _, m := range ms {
		heap.Push(&pq, m)
	}
	return heap.Pop(&pq).(*member).load
}

// A parser whose every value is made for one call: its stack goes with it.
type callParser struct {
	stack []*Job
	depth int
}

func (p *callParser) push(j *Job) {
	p.stack = append(p.stack, j)
	p.depth++
}

func (p *callParser) pop() {
	p.stack = p.stack[:len(p.stack)-1]
	p.depth--
}

func newCallParser() *callParser { return &callParser{} }

func maxDepth(jobs []*Job) int {
	p := newCallParser()
	for _, j := range jobs {
		p.push(j)
	}
	p.pop()
	return p.depth
}

// A local packet reused as a buffer within one reply.
type packet struct{ nodes []*Job }

func sendAll(send func(*packet), jobs []*Job) {
	p := packet{}
	for _, j := range jobs {
		p.nodes = append(p.nodes, j)
		if len(p.nodes) == 16 {
			send(&p)
			p.nodes = p.nodes[:0]
		}
	}
	send(&p)
}

// A free list: the popped reader is handed out and put back later; an empty list makes a new one.
type reader struct{ buf []byte }

type readerPool struct{ free []*reader }

func (p *readerPool) get() *reader {
	n := len(p.free)
	if n == 0 {
		return &reader{}
	}
	r := p.free[n-1]
	p.free = p.free[:n-1]
	return r
}

func (p *readerPool) put(r *reader) { p.free = append(p.free, r) }

// The array is dropped once the last buffer is consumed.
type chunks struct{ bufs [][]byte }

func (c *chunks) add(b []byte) { c.bufs = append(c.bufs, b) }

func (c *chunks) next() []byte {
	if len(c.bufs) == 1 {
		c.bufs = nil
		return nil
	}
	c.bufs = c.bufs[1:]
	return c.bufs[0]
}

type pending struct{ ops []func() }

func (p *pending) add(f func()) { p.ops = append(p.ops, f) }

func (p *pending) runAll() {
	for len(p.ops) != 0 {
		list := p.ops
		for _, f := range list {
			f()
		}
		p.ops = p.ops[len(list):]
	}
	p.ops = nil
}

// An arena: reset hands the same slots out again.
type value struct{ s []byte }

type arena struct{ vs []value }

func (a *arena) reset() { a.vs = a.vs[:0] }

func (a *arena) get() *value {
	if cap(a.vs) > len(a.vs) {
		a.vs = a.vs[:len(a.vs)+1]
	} else {
		a.vs = append(a.vs, value{})
	}
	return &a.vs[len(a.vs)-1]
}

// A heap of pointers into the iterator's own levels.
type level struct{ key []byte }

type mergeIter struct {
	levels []level
	heap   []*level
}

func (m *mergeIter) init() {
	m.heap = m.heap[:0]
	for i := range m.levels {
		if l := &m.levels[i]; l.key != nil {
			m.heap = append(m.heap, l)
		}
	}
}

// Times point to a shared zone.
type bucket struct {
	at    time.Time
	count int64
}

type meter struct{ buckets []bucket }

func (m *meter) add(b bucket) { m.buckets = append(m.buckets, b) }

func (m *meter) trim() { m.buckets = m.buckets[1:] }

// A traversal that only polls for cancellation: bounded by the data, not a stream.
func walk(done chan struct{}, roots []*Job, children func(*Job) []*Job) {
	stack := roots
	for len(stack) > 0 {
		select {
		case <-done:
			return
		default:
		}
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		stack = append(stack, children(top)...)
	}
}

// A stream loop that pops and pushes back at once: the slot is written again.
func serveOptions(reset chan int, opts []func()) {
	for n := range reset {
		opts = opts[:len(opts)-1]
		opts = append(opts, func() { _ = n })
	}
}

// A buffer given another object's array is a view, not a double buffer.
type lookup struct{ reply []*Job }

func (l *lookup) add(j *Job) { l.reply = append(l.reply, j) }

type lookupIter struct {
	lk     *lookup
	buffer []*Job
}

func (it *lookupIter) next() {
	if len(it.buffer) > 0 {
		it.buffer = it.buffer[1:]
	}
	if len(it.buffer) == 0 {
		it.buffer, it.lk.reply = it.lk.reply, nil
	}
}

func (it *lookupIter) push(j *Job) { it.buffer = append(it.buffer, j) }
