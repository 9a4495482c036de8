// Cancel functions thrown away or skipped on some path: the context's timer
// and its goroutine-visible state live until the parent is cancelled.
package lostcancel

import (
	"context"
	"errors"
	"time"
)

func discarded(parent context.Context) error {
	ctx, _ := context.WithCancel(parent) // want `cancel`
	return ctx.Err()
}

func discardedDeadline(parent context.Context, at time.Time) error {
	ctx, _ := context.WithDeadline(parent, at) // want `cancel`
	<-ctx.Done()
	return ctx.Err()
}

func earlyReturn(parent context.Context, ready bool) error {
	ctx, cancel := context.WithTimeout(parent, time.Second) // want `cancel`
	if !ready {
		return errors.New("not ready")
	}
	err := ctx.Err()
	cancel()
	return err
}

func causeSkipped(parent context.Context, fail bool) error {
	ctx, cancel := context.WithCancelCause(parent) // want `cancel`
	if fail {
		cancel(errors.New("failed"))
		return context.Cause(ctx)
	}
	return nil
}

func inLiteral(parent context.Context) func() error {
	return func() error {
		ctx, cancel := context.WithTimeoutCause(parent, time.Second, errors.New("slow")) // want `cancel`
		if ctx.Err() != nil {
			return ctx.Err()
		}
		cancel()
		return nil
	}
}

// The context leaves the function: cancelling it at return would break the
// caller, so there is no fix, only the finding.
func handedOut(parent context.Context) context.Context {
	ctx, _ := context.WithTimeout(parent, time.Second) // want `cancel`
	return ctx
}
