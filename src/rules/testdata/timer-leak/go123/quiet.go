package late

import (
	"context"
	"time"
)

// From Go 1.23, a loop that mostly waits its timer out is not worth a finding: notifications
// without a value, and the context's Done, do not make it a message loop.
func refresh(ctx context.Context, updates <-chan struct{}, send func()) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-updates:
			send()
		case <-time.After(time.Minute):
			send()
		}
	}
}

func backoff(ctx context.Context, try func() bool) {
	for !try() {
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}

// From Go 1.23 the timer a leaving case abandons is collected once unreferenced.
func waitEachCollected(items []int, done <-chan struct{}, f func(int)) {
	for _, it := range items {
		select {
		case <-done:
			return
		case <-time.After(time.Second):
			f(it)
		}
	}
}
