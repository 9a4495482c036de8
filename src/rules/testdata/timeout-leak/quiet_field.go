package leak

import (
	"context"
	"time"
)

// Buffered: the send completes whether or not anyone listens.
type bufferedWorker struct{ out chan int }

func newBufferedWorker() *bufferedWorker { return &bufferedWorker{out: make(chan int, 1)} }

func (w *bufferedWorker) work() { w.out <- 1 }

func (w *bufferedWorker) wait(ctx context.Context) int {
	select {
	case n := <-w.out:
		return n
	case <-ctx.Done():
		return 0
	}
}

// The sender gives up too: it sends in a select beside the context.
type politeWorker struct{ out chan int }

func newPoliteWorker() *politeWorker { return &politeWorker{out: make(chan int)} }

func (w *politeWorker) work(ctx context.Context) {
	select {
	case w.out <- 1:
	case <-ctx.Done():
	}
}

func (w *politeWorker) wait(ctx context.Context) int {
	select {
	case n := <-w.out:
		return n
	case <-ctx.Done():
		return 0
	}
}

// The receiver keeps listening: its select runs in a loop.
type loopingReceiver struct{ ticks chan int }

func newLoopingReceiver() *loopingReceiver { return &loopingReceiver{ticks: make(chan int)} }

func (r *loopingReceiver) emit(n int) { r.ticks <- n }

func (r *loopingReceiver) serve(ctx context.Context) {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		select {
		case <-r.ticks:
		case <-ticker.C:
		}
	}
}

// A plain receive somewhere waits for the value whatever happens.
type plainReceiver struct{ done chan struct{} }

func newPlainReceiver() *plainReceiver { return &plainReceiver{done: make(chan struct{})} }

func (p *plainReceiver) finish() { p.done <- struct{}{} }

func (p *plainReceiver) waitOrTimeout(d time.Duration) bool {
	select {
	case <-p.done:
		return true
	case <-time.After(d):
		return false
	}
}

func (p *plainReceiver) waitForever() { <-p.done }

// Closed as well: the channel is not only a one-value handoff.
type closedField struct{ quit chan struct{} }

func newClosedField() *closedField { return &closedField{quit: make(chan struct{})} }

func (c *closedField) ping() { c.quit <- struct{}{} }

func (c *closedField) shutdown() { close(c.quit) }

func (c *closedField) wait(d time.Duration) {
	select {
	case <-c.quit:
	case <-time.After(d):
	}
}

// The other case is fed by the same sender: exactly one of the two is sent, and the select takes it.
type promise struct {
	value chan []byte
	fail  chan error
}

func newPromise() *promise { return &promise{value: make(chan []byte), fail: make(chan error)} }

func (p *promise) settle(b []byte, err error) {
	if err != nil {
		p.fail <- err
		return
	}
	p.value <- b
}

func (p *promise) await() ([]byte, error) {
	select {
	case b := <-p.value:
		return b, nil
	case err := <-p.fail:
		return nil, err
	}
}

// The other case is a quit channel closed at shutdown, not a timeout.
type queue struct {
	taken  chan struct{}
	closed chan struct{}
}

func newQueue() *queue { return &queue{taken: make(chan struct{}), closed: make(chan struct{}, 1)} }

func (q *queue) take() { q.taken <- struct{}{} }

func (q *queue) waitTaken() bool {
	select {
	case <-q.taken:
		return true
	case <-q.closed:
		return false
	}
}

// The timeout ends the test: a leaked sender dies with the failed test binary.
type probe struct{ hit chan struct{} }

func newProbe() *probe { return &probe{hit: make(chan struct{})} }

func (p *probe) record() { p.hit <- struct{}{} }

func (p *probe) expectHit(fail func(string)) {
	select {
	case <-p.hit:
	case <-time.After(time.Second):
		panic("no hit")
	}
}

// The sender streams: each value waits for the next call of the receiving method.
type valueStream struct{ next chan int }

func newValueStream() *valueStream { return &valueStream{next: make(chan int)} }

func (s *valueStream) pump(values []int) {
	for _, v := range values {
		s.next <- v
	}
}

func (s *valueStream) Next(ctx context.Context) (int, bool) {
	select {
	case v := <-s.next:
		return v, true
	case <-ctx.Done():
		return 0, false
	}
}

// Each call starts the sender and then selects: a line left behind by a cancelled call waits in
// the field for the next call, which receives it.
type prompt struct {
	busy  bool
	lines chan string
	fails chan error
}

func newPrompt() *prompt { return &prompt{lines: make(chan string), fails: make(chan error)} }

func (p *prompt) ask(ctx context.Context, read func() (string, error)) (string, error) {
	if !p.busy {
		p.busy = true
		go func() {
			line, err := read()
			if err != nil {
				p.fails <- err
				return
			}
			p.lines <- line
		}()
	}
	select {
	case line := <-p.lines:
		p.busy = false
		return line, nil
	case err := <-p.fails:
		p.busy = false
		return "", err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
