// Cancel functions lost inside callbacks and loops: the literal that holds
// cancel runs during the call and calls it only on some paths, a helper
// calls it only sometimes, or the next iteration replaces it.
package lostcancel

import (
	"context"
	"errors"
	"testing"
	"time"
)

// forEach runs fn for each index during the call and keeps nothing.
func forEach(n int, fn func(i int)) {
	for i := 0; i < n; i++ {
		fn(i)
	}
}

// Cancels only when enough items are found; otherwise the child context
// stays registered with the parent after the function returns.
func findEnough(parent context.Context, items []int, want int) int {
	ctx, cancel := context.WithCancel(parent) // want `cancel function from context.WithCancel is not called on all paths: the return on line 34 skips it, and then the context stays registered with its parent`
	found := 0
	forEach(len(items), func(i int) {
		if ctx.Err() != nil {
			return
		}
		found++
		if found >= want {
			cancel()
		}
	})
	return found
}

// stopIf calls stop only when told to.
func stopIf(cond bool, stop context.CancelFunc) {
	if cond {
		stop()
	}
}

func maybeStopped(parent context.Context, fail bool) error {
	ctx, cancel := context.WithTimeout(parent, time.Second) // want `cancel function from context.WithTimeout is not called on all paths`
	stopIf(fail, cancel)
	return ctx.Err()
}

// Each iteration replaces the previous context's cancel function on the
// error path without calling it.
func retry(parent context.Context, try func(context.Context) error) {
	var cancel context.CancelFunc
	for {
		var ctx context.Context
		ctx, cancel = context.WithTimeout(parent, time.Second) // want `cancel function from context.WithTimeout is not called on all paths: the loop comes back here and assigns cancel again before it is called`
		if try(ctx) != nil {
			continue
		}
		cancel()
		return
	}
}

// The same with a loop that can end: the return after it is reached with
// the last cancel function unused.
func retryBounded(parent context.Context, attempts int, try func(context.Context) error) error {
	for i := 0; i < attempts; i++ {
		ctx, cancel := context.WithTimeout(parent, time.Second) // want `the return on line 76 skips it`
		if try(ctx) != nil {
			continue
		}
		cancel()
		return nil
	}
	return errors.New("no attempt succeeded")
}

type stopper interface {
	Stop()
}

// testing.TB has no Stop method: the assertion can fail, and then the
// return skips cancel.
func assertionCanFail(t testing.TB, parent context.Context) context.Context {
	ctx, cancel := context.WithTimeout(parent, time.Minute) // want `the return on line 91 skips it`
	if s, ok := t.(stopper); ok {
		s.Stop()
		cancel()
	}
	return ctx
}

// The literal is held by a local and handed to forEach, which runs it during
// the call: cancel runs only when a negative item is seen.
func firstNegative(parent context.Context, items []int) context.Context {
	ctx, cancel := context.WithCancel(parent) // want `the return on line 104 skips it`
	check := func(i int) {
		if items[i] < 0 {
			cancel()
		}
	}
	forEach(len(items), check)
	return ctx
}
