// Look-alikes that must stay quiet.
package leak

import (
	"context"
	"errors"
	"time"
)

func buffered(ctx context.Context, u string) (result, error) {
	ch := make(chan result, 1)
	go func() {
		ch <- fetch(ctx, u)
	}()
	select {
	case r := <-ch:
		return r, nil
	case <-time.After(time.Second):
		return result{}, errors.New("timeout")
	}
}

// The sender gives up with the receiver.
func senderSelects(ctx context.Context, u string) (result, error) {
	ch := make(chan result)
	go func() {
		select {
		case ch <- fetch(ctx, u):
		case <-ctx.Done():
		}
	}()
	select {
	case r := <-ch:
		return r, nil
	case <-ctx.Done():
		return result{}, ctx.Err()
	}
}

// Every path receives.
func alwaysReceives(ctx context.Context, u string) result {
	ch := make(chan result)
	go func() { ch <- fetch(ctx, u) }()
	return <-ch
}

// The path that skips the receive panics.
func panics(ctx context.Context, u string) result {
	ch := make(chan result)
	go func() { ch <- fetch(ctx, u) }()
	if u == "" {
		panic("empty")
	}
	return <-ch
}

// The channel is handed to other code: it may drain it.
func handedOn(ctx context.Context, u string, drain func(chan result)) error {
	ch := make(chan result)
	go func() { ch <- fetch(ctx, u) }()
	if u == "" {
		drain(ch)
		return errors.New("empty")
	}
	<-ch
	return nil
}

// A channel the function did not make: its capacity is unknown.
func notMadeHere(ctx context.Context, ch chan result, u string) error {
	go func() { ch <- fetch(ctx, u) }()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// A deferred drain receives on every path.
func deferredDrain(ctx context.Context, u string) error {
	ch := make(chan result)
	go func() { ch <- fetch(ctx, u) }()
	defer func() { <-ch }()
	if u == "" {
		return errors.New("empty")
	}
	return nil
}

// The go statement is before the function's receive loop over the channel.
func ranged(ctx context.Context, urls []string) []result {
	ch := make(chan result)
	go func() {
		for _, u := range urls {
			ch <- fetch(ctx, u)
		}
		close(ch)
	}()
	var out []result
	for r := range ch {
		out = append(out, r)
	}
	return out
}

// Closed on every path, by a defer.
func deferredClose(addr string) error {
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		<-stop
	}()
	if addr == "" {
		return errors.New("no address")
	}
	return nil
}

// The goroutine can also leave through its context.
func selectsToo(ctx context.Context, addr string) error {
	stop := make(chan struct{})
	go func() {
		select {
		case <-stop:
		case <-ctx.Done():
		}
	}()
	if addr == "" {
		return errors.New("no address")
	}
	close(stop)
	return nil
}

// Every path closes.
func closesEverywhere(addr string) error {
	stop := make(chan struct{})
	go func() { <-stop }()
	if addr == "" {
		close(stop)
		return errors.New("no address")
	}
	close(stop)
	return nil
}

// Closed on the first iteration of a loop that always runs: the graph cannot count that.
func closedInLoop(n int) {
	started := make(chan struct{})
	go func() {
		<-started
	}()
	for i := 0; i < n+1; i++ {
		if i == 0 {
			close(started)
		}
	}
}

// The goroutine closes the channel after its send, and the buffer already holds the one send.
func closesBuffered(ctx context.Context, u string) (result, error) {
	res := make(chan result, 1)
	go func() {
		defer close(res)
		res <- fetch(ctx, u)
	}()
	select {
	case <-ctx.Done():
		return result{}, ctx.Err()
	case r := <-res:
		return r, nil
	}
}

// Every path receives: the ctx.Done() branch drains the channel the goroutine closes.
func closedByReceiver(ctx context.Context, u string) (result, error) {
	res := make(chan result)
	go func() {
		defer close(res)
		res <- fetch(ctx, u)
	}()
	select {
	case <-ctx.Done():
		for range res {
		}
		return result{}, ctx.Err()
	case r := <-res:
		return r, nil
	}
}
