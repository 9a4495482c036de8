// Contexts handed to work that outlives the call are still reported when no timer ends them,
// or when the cancel function is kept but skipped on a path.
package lostcancel

import (
	"context"
	"time"
)

// WithCancel has no timer: the goroutine's context is never cancelled.
func publishForever(b *broker, ev string) {
	ctx, _ := context.WithCancel(context.Background()) // want `the cancel function returned by context.WithCancel should be called, not discarded`
	b.deliver(ctx, ev)
}

// The cancel function is called on one path only: the other path's skip is a slip, not a
// deliberate hand-over to the timer.
func publishUnlessEmpty(b *broker, ev string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second) // want `the cancel function from context.WithTimeout is not called on all paths`
	b.deliver(ctx, ev)
	if ev == "" {
		return
	}
	cancel()
}

// remember keeps the context in a field: nothing says work runs on with it.
func (b *broker) remember(ctx context.Context) {
	b.pending = append(b.pending, ctx)
}

func rememberUntil(b *broker, at time.Time) {
	ctx, _ := context.WithDeadline(context.Background(), at) // want `the cancel function returned by context.WithDeadline should be called, not discarded`
	b.remember(ctx)
}

// watch only waits for the context to end or to be told to stop: its goroutine ends with the
// query, which does not outlive the call.
func (b *broker) watch(ctx context.Context) {
	select {
	case <-ctx.Done():
		b.events <- ctx.Err().Error()
	case <-b.done:
	}
}

func (b *broker) query(ctx context.Context) {
	go b.watch(ctx)
	b.events <- "query"
	b.done <- struct{}{}
}

func rollback(b *broker) {
	ctx, _ := context.WithTimeout(context.Background(), time.Second) // want `the cancel function returned by context.WithTimeout should be called, not discarded`
	b.query(ctx)
}
