// From Go 1.23 unreferenced timers and tickers are collected: time.Tick and unstopped tickers are
// harmless, but time.After in a busy loop still allocates a timer per iteration.
package late

import (
	"errors"
	"time"
)

var errIdle = errors.New("idle")

func pollUntil(done <-chan struct{}, check func()) {
	tick := time.Tick(time.Second)
	for {
		select {
		case <-tick:
			check()
		case <-done:
			return
		}
	}
}

func sample(n int, read func() int) int {
	t := time.NewTicker(time.Second)
	sum := 0
	for i := 0; i < n; i++ {
		<-t.C
		sum += read()
	}
	return sum
}

func waitOrTimeout(ready <-chan struct{}) bool {
	timer := time.NewTimer(30 * time.Second)
	select {
	case <-ready:
		return true
	case <-timer.C:
		return false
	}
}

func readAll(msgs <-chan string, handle func(string)) error {
	for {
		select {
		case m := <-msgs:
			handle(m)
		case <-time.After(time.Minute): // want `allocates a new timer and channel on every iteration`
			return errIdle
		}
	}
}
