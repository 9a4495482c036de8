// Below Go 1.23, a wait between iterations that another case cuts short: the case ends the loop
// while the timer of this iteration is pending, and nothing can stop that timer before it fires.
package timerleak

import "time"

// The other case leaves the function.
func waitEach(items []int, done <-chan struct{}, f func(int)) {
	for _, it := range items {
		select {
		case <-done:
			return
		case <-time.After(time.Second): // want `when the case on line \d+ ends the loop first, before Go 1.23 that timer stays in memory until it fires`
			f(it)
		}
	}
}

// The other case ends the loop through its condition, or by closing the ranged channel.
func beatUntilQuit(quit chan chan error, beat func() error) {
	var errc chan error
	var err error
	for errc == nil && err == nil {
		select {
		case errc = <-quit:
			continue
		case <-time.After(time.Second): // want `when the case on line \d+ ends the loop first, before Go 1.23 that timer stays in memory until it fires`
		}
		err = beat()
	}
	if errc != nil {
		errc <- err
	}
}

func dispatcher(trigger chan struct{}, dying <-chan struct{}, dispatch func()) {
	for range trigger {
		select {
		case <-dying:
			close(trigger)
		case <-time.After(time.Second): // want `when the case on line \d+ ends the loop first, before Go 1.23 that timer stays in memory until it fires`
			dispatch()
		}
	}
}
