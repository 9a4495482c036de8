package loopcapture

import (
	"errors"
	"time"
)

// collect receives the goroutines' results from the channel it is handed.
func collect(results chan string, n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		select {
		case r := <-results:
			out = append(out, r)
		case <-time.After(time.Second):
			return out
		}
	}
	return out
}

// The iteration waits for its goroutines through a function that receives their results.
func waitedThroughCallee(doctors []Doctor) int {
	n := 0
	for _, d := range doctors {
		results := make(chan string, 2)
		for i := 0; i < 2; i++ {
			go func(i int) {
				results <- d.Email
			}(i)
		}
		n += len(collect(results, 2))
	}
	return n
}

// The map only remembers which slots were matched: its values are compared with nil, never
// read through.
func matchedSlots(want []string, got []string) int {
	found := map[int]*int{}
	for wi, w := range want {
		for gi, g := range got {
			if found[gi] != nil {
				continue
			}
			if g == w {
				found[gi] = &wi
				break
			}
		}
	}
	return len(found)
}

var errTimeout = errors.New("timeout")

// retryUntil runs fn in a goroutine until it succeeds; it returns nil only once the goroutine
// has signalled its last call, and an error when it gives up.
func retryUntil(fn func() error, timeout time.Duration) error {
	done := make(chan struct{})
	exit := make(chan struct{})
	go func() {
		for {
			if fn() == nil {
				close(done)
				return
			}
			select {
			case <-exit:
				return
			case <-time.After(timeout / 10):
			}
		}
	}()
	select {
	case <-done:
		return nil
	case <-time.After(timeout):
		close(exit)
		return errTimeout
	}
}

// A success means the goroutine is done with the literal; a failure returns from the loop.
func waitEach(doctors []Doctor) error {
	for _, d := range doctors {
		err := retryUntil(func() error {
			send(d.Email)
			return nil
		}, time.Second)
		if err != nil {
			return err
		}
	}
	return nil
}
