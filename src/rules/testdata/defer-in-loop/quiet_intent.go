package deferloop

import (
	"context"
	"errors"
	"os"
	"time"
)

// A type of the user's with a Done method is not a sync.WaitGroup: its name says nothing.
type tally struct{ n int }

func (p *tally) Done() { p.n++ }

func countEach(items []string, p *tally) {
	for range items {
		defer p.Done()
	}
}

// The channel each iteration makes is watched by that iteration's goroutine; closing it at the
// function's end tells every goroutine the function is over.
func watchAll(names []string, found chan<- string) {
	for _, n := range names {
		left := make(chan struct{})
		defer close(left)
		go func(n string) {
			select {
			case found <- n:
			case <-left:
			}
		}(n)
	}
}

// The deferred literal looks at the function's result: it is meant to run at return.
func createAll(paths []string) (err error) {
	for _, p := range paths {
		p := p
		f, ferr := os.Create(p)
		if ferr != nil {
			return ferr
		}
		f.Close()
		defer func() {
			if err != nil {
				os.Remove(p)
			}
		}()
	}
	return errors.New("not done")
}

// Head starts: each timer must stay armed while the results are awaited after the loop.
func headStart(delays []time.Duration, start func(int), results <-chan int) int {
	for i, d := range delays {
		i := i
		t := time.AfterFunc(d, func() { start(i) })
		defer t.Stop()
	}
	return <-results
}

// Each registration must stay in place until the wait after the loop is over.
func untilAny(ctxs []context.Context, wake func()) {
	for _, c := range ctxs {
		stop := context.AfterFunc(c, wake)
		defer stop()
	}
	time.Sleep(time.Millisecond)
}

// A hook returned by the user's own function: nothing says what it releases, and restoring at
// return (after the new state is in place) is the usual intent.
func swapAll(states []string, apply func()) {
	for _, s := range states {
		restore := removeTemporarily(s)
		defer restore()
	}
	apply()
}

func removeTemporarily(s string) func() { return func() { _ = s } }
