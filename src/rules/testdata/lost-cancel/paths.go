// Paths the cancel check must follow: loops with break and continue,
// labels, select, switch with fallthrough, calls that never return, and
// named results.
package lostcancel

import (
	"context"
	"log"
	"time"
)

func breakSkips(parent context.Context, items []int) error {
	ctx, cancel := context.WithTimeout(parent, time.Second) // want `cancel`
	for _, it := range items {
		if it < 0 {
			break
		}
		if it == 0 {
			continue
		}
		cancel()
		return ctx.Err()
	}
	return nil
}

func labeledContinue(parent context.Context, rows [][]int) {
	_, cancel := context.WithCancel(parent) // want `cancel`
outer:
	for _, row := range rows {
		for _, v := range row {
			if v == 0 {
				continue outer
			}
		}
		cancel()
		return
	}
}

func fallsIntoFatal(parent context.Context, mode int) {
	_, cancel := context.WithCancel(parent)
	switch mode {
	case 0:
		cancel()
	case 1:
		log.Print("mode 1")
		fallthrough
	default:
		log.Fatal("unsupported mode")
	}
}

func selectEveryCase(parent context.Context, done <-chan struct{}) error {
	ctx, cancel := context.WithCancel(parent)
	select {
	case <-done:
		cancel()
		return nil
	case <-ctx.Done():
		cancel()
		return ctx.Err()
	}
}

// Returning once the context has ended skips nothing: its timer is stopped
// and its parent let go of it (go vet reports this one).
func loopUntilCancelled(parent context.Context, work <-chan int) {
	ctx, cancel := context.WithCancel(parent)
	for {
		select {
		case <-ctx.Done():
			return
		case n := <-work:
			if n < 0 {
				cancel()
			}
		}
	}
}

func namedResults(parent context.Context) (ctx context.Context, cancel context.CancelFunc) {
	ctx, cancel = context.WithTimeout(parent, time.Second)
	if ctx.Err() != nil {
		return
	}
	return ctx, cancel
}

// The package's own method named Fatal returns like any other call, so
// the path goes on to the end of the function without cancel.
type reporter struct{ failures int }

func (r *reporter) Fatal(msg string) { r.failures++ }

func ownFatalReturns(parent context.Context, r *reporter, ok bool) {
	_, cancel := context.WithCancel(parent) // want `cancel`
	if ok {
		cancel()
	} else {
		r.Fatal("not ok")
	}
}

// The wait is on another context: the one made here is still alive at the
// end of the function.
func waitsOnAnother(parent, other context.Context) {
	ctx, cancel := context.WithCancel(parent) // want `the end of the function`
	_ = ctx.Err()
	if ctx.Err() != nil {
		cancel()
	}
	ctx = other
	<-ctx.Done()
}
