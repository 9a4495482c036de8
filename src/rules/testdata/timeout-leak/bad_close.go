// The goroutine closes the channel itself, after its send: the close cannot wake the send.
package leak

import (
	"context"
	"errors"
	"time"
)

func closesAfterSend(ctx context.Context, u string, d time.Duration) (result, error) {
	res := make(chan result)
	go func() {
		res <- fetch(ctx, u) // want `the goroutine can block forever on this send: res is unbuffered`
		defer close(res)
	}()
	timer := time.NewTimer(d)
	select {
	case <-timer.C:
		return result{}, errors.New("timeout")
	case r := <-res:
		timer.Stop()
		return r, nil
	}
}

func closesPlainly(ctx context.Context, u string) (result, error) {
	res := make(chan result)
	go func() {
		defer close(res)
		res <- fetch(ctx, u) // want `res is unbuffered`
	}()
	select {
	case <-ctx.Done():
		return result{}, ctx.Err()
	case r := <-res:
		return r, nil
	}
}
