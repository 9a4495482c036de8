// A deadline context whose cancel function is thrown away on purpose: the callee starts work
// with it that runs on after the call, and the timer ends the context at the deadline.
package lostcancel

import (
	"context"
	"time"
)

type broker struct {
	events  chan string
	pending []context.Context
	done    chan struct{}
}

// deliver returns at once; a goroutine sends the event until the context ends.
func (b *broker) deliver(ctx context.Context, ev string) {
	go b.send(ctx, ev)
}

func (b *broker) send(ctx context.Context, ev string) {
	select {
	case b.events <- ev:
	case <-ctx.Done():
	}
}

func publish(b *broker, ev string) {
	ctx, _ := context.WithTimeout(context.Background(), time.Second)
	b.deliver(ctx, ev)
}

// deliverAll hands the context on to deliver: its goroutine still runs on with it.
func (b *broker) deliverAll(ctx context.Context, evs []string) {
	for _, ev := range evs {
		b.deliver(ctx, ev)
	}
}

func publishBy(b *broker, at time.Time, evs []string) {
	ctx, _ := context.WithDeadline(context.Background(), at)
	b.deliverAll(ctx, evs)
}
