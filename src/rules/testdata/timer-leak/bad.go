// Timers and tickers that outlive their use, at a Go version (1.21) where the runtime keeps every
// started timer until it fires and every ticker until it is stopped.
package timerleak

import (
	"errors"
	"time"
)

var errIdle = errors.New("idle")

// A function that returns: the ticker behind time.Tick fires forever.
func pollUntil(done <-chan struct{}, check func()) {
	tick := time.Tick(time.Second) // want `time.Tick starts a ticker nothing can stop`
	for {
		select {
		case <-tick:
			check()
		case <-done:
			return
		}
	}
}

// A range over time.Tick that breaks out.
func firstTicks(n int) {
	for range time.Tick(10 * time.Millisecond) { // want `time.Tick`
		n--
		if n == 0 {
			break
		}
	}
}

// One timer per message, each alive for a minute.
func readAll(msgs <-chan string, handle func(string)) error {
	for {
		select {
		case m := <-msgs:
			handle(m)
		case <-time.After(time.Minute): // want `time.After in a select inside a loop starts a new timer on every iteration`
			return errIdle
		}
	}
}

// A parameter the function never changes: the fix can hoist it.
func readWithin(msgs <-chan string, idle time.Duration, handle func(string)) error {
loop:
	for {
		select {
		case m, ok := <-msgs:
			if !ok {
				break loop
			}
			handle(m)
		case <-time.After(idle): // want `pile up`
			return errIdle
		}
	}
	return nil
}

// A default case spins the loop: a timer per spin, none ever waited for.
func spin(work <-chan int, total *int) {
	for i := 0; i < 1000; i++ {
		select {
		case w := <-work:
			*total += w
		case <-time.After(time.Second): // want `time.After`
			return
		default:
		}
	}
}

// The duration changes every iteration: reported, but no fix (it cannot be hoisted).
func backoff(events <-chan int) {
	wait := time.Millisecond
	for {
		select {
		case <-events:
		case <-time.After(wait): // want `time.After`
			wait *= 2
		}
	}
}

// A ticker never stopped in a function that returns.
func sample(n int, read func() int) int {
	t := time.NewTicker(time.Second) // want `ticker t is never stopped`
	sum := 0
	for i := 0; i < n; i++ {
		<-t.C
		sum += read()
	}
	return sum
}

// A timer that races another event and is never stopped.
func waitOrTimeout(ready <-chan struct{}) bool {
	timer := time.NewTimer(30 * time.Second) // want `timer timer is never stopped`
	select {
	case <-ready:
		return true
	case <-timer.C:
		return false
	}
}

// Reset is not Stop.
func pace(n int, step func()) {
	var tk = time.NewTicker(time.Millisecond) // want `ticker tk`
	for ; n > 0; n-- {
		<-tk.C
		step()
		tk.Reset(2 * time.Millisecond)
	}
}
