// Counts taken before a goroutine or literal that releases them on every path.
package wgdone

import (
	"sync"
)

func queryAllFixed(ids []int) []string {
	out := make(chan string, len(ids))
	var wg sync.WaitGroup
	for _, id := range ids {
		b, err := find(id)
		if err != nil {
			continue
		}
		wg.Add(1)
		go func(b string) {
			defer wg.Done()
			out <- b
		}(b)
	}
	wg.Wait()
	close(out)
	var res []string
	for b := range out {
		res = append(res, b)
	}
	return res
}

// The error path gives the count back itself.
func queryAllReleasing(ids []int) {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		b, err := find(id)
		if err != nil {
			wg.Done()
			continue
		}
		go func(b string) {
			defer wg.Done()
			_ = b
		}(b)
	}
	wg.Wait()
}

// The refusal is handled: Done runs when the pool says no.
func (g *group) GoChecked(f func()) bool {
	g.wg.Add(1)
	if !g.p.Submit(func() {
		defer g.wg.Done()
		f()
	}) {
		g.wg.Done()
		return false
	}
	return true
}

// A callee with no result cannot refuse.
type runner interface{ Run(f func()) }

func goRun(r runner) {
	var wg sync.WaitGroup
	wg.Add(1)
	r.Run(func() {
		defer wg.Done()
	})
	wg.Wait()
}

// The Wait is deferred: it runs after the go statement.
func deferredWait(work func()) {
	var wg sync.WaitGroup
	wg.Add(1)
	defer wg.Wait()
	go func() {
		defer wg.Done()
		work()
	}()
}

// A deferred literal gives the count back when the pool refused the task.
func (g *group) GoDeferred(f func()) {
	g.wg.Add(1)
	started := false
	defer func() {
		if !started {
			g.wg.Done()
		}
	}()
	started = g.p.Submit(func() {
		defer g.wg.Done()
		f()
	})
}

// The refusal is tested, and the test fails there.
func goOrFail(p pool, fail func(error)) {
	var wg sync.WaitGroup
	wg.Add(1)
	if err := p.SubmitErr(func() { wg.Done() }); err != nil {
		fail(err)
	}
	wg.Wait()
}

// Every case starts the goroutine: the author lists every value.
func eachKind(kinds []string, work func(string)) {
	var wg sync.WaitGroup
	for _, k := range kinds {
		wg.Add(1)
		switch k {
		case "a":
			go func() {
				defer wg.Done()
				work("a")
			}()
		case "b":
			go func() {
				defer wg.Done()
				work("b")
			}()
		}
	}
	wg.Wait()
}

// One count per item, released one by one by a single goroutine started after the loop.
func perItemEvents(items []string, events <-chan string) {
	var wg sync.WaitGroup
	for range items {
		wg.Add(1)
	}
	go func() {
		for range events {
			wg.Done()
		}
	}()
	wg.Wait()
}
