package timerleak

import (
	"context"
	"time"
)

// Endless: the ticker is in use for the life of the program.
func forever(check func()) {
	for range time.Tick(time.Second) {
		check()
	}
}

func foreverInGoroutine(check func()) {
	go func() {
		for range time.Tick(time.Second) {
			check()
		}
	}()
}

// A panic is not a return.
func forceTick(check func()) {
	if check == nil {
		panic("nil")
	}
	for range time.Tick(time.Second) {
		check()
	}
}

// Package-level: one ticker for the program.
var heartbeat = time.Tick(time.Minute)

func beat() { <-heartbeat }

// Stopped tickers and timers.
func stopped(n int) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for i := 0; i < n; i++ {
		<-t.C
	}
}

func stoppedInBranch(ready <-chan struct{}) bool {
	timer := time.NewTimer(time.Second)
	select {
	case <-ready:
		timer.Stop()
		return true
	case <-timer.C:
		return false
	}
}

// Handed on: someone else owns it.
func newTicker() *time.Ticker {
	t := time.NewTicker(time.Second)
	return t
}

type poller struct{ t *time.Ticker }

func (p *poller) start() {
	t := time.NewTicker(time.Second)
	p.t = t
}

func useInGoroutine(done chan struct{}) {
	t := time.NewTicker(time.Second)
	go func() {
		defer t.Stop()
		for {
			select {
			case <-t.C:
			case <-done:
				return
			}
		}
	}()
}

// A timer that is only ever waited for fires before the function goes on.
func sleep(d time.Duration) {
	t := time.NewTimer(d)
	<-t.C
}

// time.After as the only case: one pending timer at a time.
func everySecond(n int, f func()) {
	for i := 0; i < n; i++ {
		select {
		case <-time.After(time.Second):
			f()
		}
	}
}

// Not in a loop: one timer per call, as intended.
func once(ready <-chan struct{}) bool {
	select {
	case <-ready:
		return true
	case <-time.After(time.Second):
		return false
	}
}

// A loop in a function literal in a loop: the select is not in the literal's loop.
func literalPerItem(items []int, ready <-chan struct{}) {
	for range items {
		func() {
			select {
			case <-ready:
			case <-time.After(time.Second):
			}
		}()
	}
}

// A local type with the same method names is not package time's.
type fake struct{ C chan int }

func (fake) Stop() {}

func NewTicker(time.Duration) fake { return fake{} }

func notTime() {
	t := NewTicker(time.Second)
	_ = t.C
}

// The context's Done fires once, when the loop should end: at most one pending timer.
func sleepLoop(ctx context.Context, work func() bool) {
	for work() {
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}

// A range over a ticker's channel never ends: the ticker is in use for good.
func pollForever(poll func()) {
	ticker := time.NewTicker(time.Second)
	for range ticker.C {
		poll()
	}
}
