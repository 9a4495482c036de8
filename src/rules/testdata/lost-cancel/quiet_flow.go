// Look-alikes that must stay quiet: the cancel function is called on every
// path that can run, handed to a callee that calls or keeps it, kept by a
// literal that outlives the statement, or its context ends with a parent
// cancelled at the return.
package lostcancel

import (
	"context"
	"testing"
	"time"
)

// stopAfter always calls stop.
func stopAfter(err error, stop context.CancelFunc) error {
	stop()
	return err
}

func handedToCaller(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	return stopAfter(ctx.Err(), cancel)
}

type hooks struct {
	onDone func()
}

// store keeps fn beyond the call.
func (h *hooks) store(fn func()) { h.onDone = fn }

// The literal is kept by the hooks: whoever runs it later decides.
func keptCallback(parent context.Context, h *hooks, limit int) context.Context {
	ctx, cancel := context.WithCancel(parent)
	calls := 0
	h.store(func() {
		calls++
		if calls >= limit {
			cancel()
		}
	})
	return ctx
}

// A loop with constant bounds runs its body at least once: every provider
// keeps the literal that calls begin.
func constantLoop(parent context.Context, hs []*hooks) context.Context {
	ctx, begin := context.WithCancel(parent)
	for i := 0; i < 3; i++ {
		hs[i].onDone = func() { begin() }
	}
	return ctx
}

// The two conditions cover every value of i%2 for a counter that never
// goes below zero.
func alternate(parent context.Context, n int, watch func(context.Context)) {
	for i := 0; i < n; i++ {
		ctx, cancel := context.WithCancel(parent)
		watch(ctx)
		if i%2 == 0 {
			cancel()
		}
		time.Sleep(time.Nanosecond)
		if i%2 == 1 {
			cancel()
		}
	}
}

// The deferred literal calls whatever cancel holds at the return, so the
// reassignment is covered too.
func reassignedUnderDeferredLiteral(parent context.Context, slow bool) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer func() { cancel() }()
	if slow {
		ctx, cancel = context.WithTimeout(parent, time.Minute)
	}
	return ctx.Err()
}

type watcher struct {
	stop func(error)
}

// The watcher made before the loop calls the latest cancel function.
func relist(parent context.Context, rounds int, run func(context.Context, *watcher)) {
	var cancel context.CancelCauseFunc
	w := &watcher{stop: func(err error) { cancel(err) }}
	for i := 0; i < rounds; i++ {
		var ctx context.Context
		ctx, cancel = context.WithCancelCause(parent)
		run(ctx, w)
	}
}

// A nil check on the fresh cancel function is always true.
func nilGuarded(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	err := ctx.Err()
	if cancel != nil {
		cancel()
	}
	return err
}

// A copy called later counts as the call.
func copied(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	stop := cancel
	defer stop()
	return ctx.Err()
}

// The child ends with its parent, which this function cancels at its
// return: nothing outlives the call.
func childOfDeferred(parent context.Context, use func(context.Context)) {
	ctx, cancel := context.WithTimeout(parent, time.Minute)
	defer cancel()
	child, _ := context.WithCancel(ctx)
	use(child)
}

// wrapCancel returns a literal that calls cancel: the caller's result keeps it.
func wrapCancel(cancel context.CancelFunc) func() {
	return func() {
		if cancel != nil {
			cancel()
		}
	}
}

func wrapped(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancel(parent)
	stop := wrapCancel(cancel)
	return ctx, stop
}

type registry struct {
	add func(func())
}

// register hands cancel to a func value, whose code is not known: it may keep it.
func (r *registry) register(cancel context.CancelFunc) { r.add(cancel) }

func registered(parent context.Context, r *registry) context.Context {
	ctx, cancel := context.WithCancel(parent)
	r.register(cancel)
	return ctx
}

// Every testing.TB has Cleanup, so the assertion holds and the cleanup
// calls cancel at the end of the test.
func withCleanup(t testing.TB, parent context.Context) context.Context {
	ctx, cancel := context.WithTimeout(parent, time.Minute)
	type cleanupper interface {
		Cleanup(func())
	}
	if c, ok := t.(cleanupper); ok {
		c.Cleanup(func() { cancel() })
	}
	return ctx
}

// The same literal held by a local and started as a goroutine: the
// goroutine owns cancel.
func heldAndStarted(parent context.Context, done <-chan struct{}) context.Context {
	ctx, cancel := context.WithCancel(parent)
	stop := func() {
		<-done
		cancel()
	}
	go stop()
	return ctx
}
