// Whether `defer cancel()` keeps behaviour depends on who else holds the context or the cancel
// function.
package lostcancel

import (
	"context"
	"errors"
	"time"
)

type owner struct {
	stop context.CancelFunc
}

// adopt keeps the cancel function as the owner's: a deferred cancel in the caller would cancel
// the owner's context on every call. No fix.
func (o *owner) adopt(cancel context.CancelFunc) { o.stop = cancel }

func (o *owner) start(parent context.Context, fail bool) error {
	ctx, cancel := context.WithCancel(parent) // want `cancel` fix:none
	_ = ctx.Err()
	if fail {
		return errors.New("not started")
	}
	o.adopt(cancel)
	return nil
}

// watch keeps the context for a goroutine that outlives the call: cancelling it at the
// caller's return would stop the watcher at start-up. No fix.
func watch(ctx context.Context, events chan<- string) {
	go func() {
		<-ctx.Done()
		events <- "stopped"
	}()
}

func startWatcher(parent context.Context, events chan<- string, ok bool) error {
	ctx, cancel := context.WithCancel(parent) // want `cancel` fix:none
	watch(ctx, events)
	if !ok {
		cancel()
		return errors.New("no watcher")
	}
	return nil
}

// wait uses the context only while it runs: the deferred cancel is safe.
func wait(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(d):
		return nil
	}
}

func pause(parent context.Context, quick bool) error {
	ctx, cancel := context.WithTimeout(parent, time.Second) // want `cancel` fix:safe
	if quick {
		return nil
	}
	err := wait(ctx, time.Millisecond)
	cancel()
	return err
}

// remote is a function value: what it does with the context is not known, so the fix is
// offered as unsafe.
var remote = func(ctx context.Context) error { return ctx.Err() }

func call(parent context.Context, skip bool) error {
	ctx, cancel := context.WithTimeout(parent, time.Second) // want `cancel` fix:unsafe
	if skip {
		return nil
	}
	err := remote(ctx)
	cancel()
	return err
}
