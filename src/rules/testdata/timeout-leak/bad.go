// A goroutine sends on an unbuffered channel that its receiver can stop listening to.
package leak

import (
	"context"
	"errors"
	"time"
)

type result struct{ body string }

func fetch(ctx context.Context, u string) result { return result{u} }

func withTimeout(ctx context.Context, u string) (result, error) {
	ch := make(chan result)
	go func() {
		ch <- fetch(ctx, u) // want `the goroutine can block forever on this send: ch is unbuffered`
	}()
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(time.Second):
		return result{}, errors.New("timeout")
	}
}

func withContext(ctx context.Context, u string) (result, error) {
	done := make(chan result, 0)
	go func() {
		r := fetch(ctx, u)
		done <- r // want `done is unbuffered`
	}()
	select {
	case <-ctx.Done():
		return result{}, ctx.Err()
	case r := <-done:
		return r, nil
	}
}

func validate(u string) error {
	if u == "" {
		return errors.New("empty")
	}
	return nil
}

// An error path returns before the receive.
func earlyReturn(ctx context.Context, u string) (result, error) {
	errc := make(chan error)
	go func() {
		errc <- validate(u) // want `the return on line 56 is reached without receiving`
	}()
	r := fetch(ctx, u)
	if r.body == "" {
		return r, errors.New("no body")
	}
	return r, <-errc
}

// Several sends: reported, but a buffer of 1 would not be enough, so no fix.
func stream(ctx context.Context, urls []string) (result, error) {
	ch := make(chan result)
	go func() {
		for _, u := range urls {
			ch <- fetch(ctx, u) // want `ch is unbuffered`
		}
	}()
	select {
	case r := <-ch:
		return r, nil
	case <-ctx.Done():
		return result{}, ctx.Err()
	}
}
