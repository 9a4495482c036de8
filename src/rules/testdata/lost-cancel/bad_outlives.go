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
