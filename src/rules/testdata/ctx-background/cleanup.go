package ctxbg

import (
	"context"
	"errors"
	"time"
)

// lease is a lock held in a store: acquiring and releasing it both wait on their context.
type lease struct{ held bool }

func (l *lease) Unlock(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	default:
	}
	l.held = false
	return nil
}

func (l *lease) Refresh(ctx context.Context, ttl time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(ttl / 10):
		return nil
	}
}

type locker struct{ free []*lease }

func (k *locker) lock(ctx context.Context, key string) (*lease, error) {
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	default:
	}
	return &lease{held: true}, nil
}

func (k *locker) remove(ctx context.Context, key string, l *lease) error {
	if !l.held {
		return errors.New("not held")
	}
	return l.Refresh(ctx, time.Second)
}

// The lease acquired with ctx is released with a context of its own: the release must run even
// when ctx has ended. Quiet.
func (k *locker) Collect(ctx context.Context, keys []string) {
	l, err := k.lock(ctx, "gc")
	if err != nil {
		return
	}
	for _, key := range keys {
		_ = k.remove(ctx, key, l)
	}
	l.Unlock(context.Background())
}

func (k *locker) Probe(ctx context.Context) error {
	l, err := k.lock(ctx, "probe")
	if err != nil {
		return err
	}
	if err := l.Unlock(context.TODO()); err != nil {
		return err
	}
	return nil
}

// The lease is used again after the call: not a release. Reported.
func (k *locker) Touch(ctx context.Context) error {
	l, err := k.lock(ctx, "touch")
	if err != nil {
		return err
	}
	if err := l.Unlock(context.Background()); err != nil { // want `context\.Background\(\) passed to Unlock instead of ctx` fix:unsafe
		return err
	}
	return l.Refresh(ctx, time.Second)
}

// The call takes more than a context: work on the lease, not its release. Reported.
func (k *locker) Extend(ctx context.Context) error {
	l, err := k.lock(ctx, "extend")
	if err != nil {
		return err
	}
	return l.Refresh(context.Background(), time.Minute) // want `context\.Background\(\) passed to Refresh instead of ctx` fix:unsafe
}

// The lease was not acquired with ctx. Reported.
func (k *locker) Drop(ctx context.Context) {
	l := k.free[0]
	l.Unlock(context.Background()) // want `context\.Background\(\) passed to Unlock instead of ctx` fix:unsafe
}

// The local stands in for ctx until ctx is found done; then the root context replaces it, so
// that the cleanup below still runs. Quiet.
func (k *locker) abort(ctx context.Context, l *lease) error {
	abortCtx := ctx
	if abortCtx.Err() != nil {
		abortCtx = context.Background()
	}
	return l.Unlock(abortCtx)
}

// The local does not hold ctx when it is tested: the root context replaces a live one. Reported.
func (k *locker) abortOther(ctx context.Context, l *lease, other context.Context) error {
	abortCtx := other
	if abortCtx.Err() != nil {
		abortCtx = context.Background() // want `context\.Background\(\) passed to Unlock through abortCtx instead of ctx` fix:unsafe
	}
	return l.Unlock(abortCtx)
}
