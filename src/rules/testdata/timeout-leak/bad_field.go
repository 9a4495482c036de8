// A channel kept in a struct field: the worker's plain send has only one receiver, a select that
// gives up on a timer.
package leak

import (
	"context"
	"errors"
	"time"
)

var errStopTimedOut = errors.New("stop timed out")

type executor struct {
	stopping chan struct{}
	finished chan error
}

func newExecutor() *executor {
	return &executor{stopping: make(chan struct{}, 1), finished: make(chan error)}
}

func (e *executor) run(drain func() bool) {
	go func() {
		<-e.stopping
		if drain() {
			e.finished <- nil // want `this send can block forever: finished is unbuffered, and it is received only in a select that runs once and gives up on a timer`
			return
		}
		e.finished <- errStopTimedOut
	}()
}

func (e *executor) stop(wait time.Duration) error {
	e.stopping <- struct{}{}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case err := <-e.finished:
		return err
	case <-timer.C:
		return errStopTimedOut
	}
}

type job struct {
	results chan int
}

func (j *job) start(ctx context.Context, work func() int) {
	j.results = make(chan int)
	go j.produce(work)
}

func (j *job) produce(work func() int) {
	j.results <- work() // want `this send can block forever: results is unbuffered`
}

func (j *job) wait(ctx context.Context) (int, error) {
	select {
	case n := <-j.results:
		return n, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// A value and an error channel received by one select: one finding for the pair.
type fetcher struct {
	body chan []byte
	errs chan error
}

func newFetcher() *fetcher { return &fetcher{body: make(chan []byte), errs: make(chan error)} }

func (f *fetcher) fetch(get func() ([]byte, error)) {
	b, err := get()
	if err != nil {
		f.errs <- err // want `this send can block forever: errs is unbuffered`
		return
	}
	f.body <- b
}

func (f *fetcher) result(ctx context.Context) ([]byte, error) {
	select {
	case b := <-f.body:
		return b, nil
	case err := <-f.errs:
		return nil, err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
