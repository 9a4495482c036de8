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
