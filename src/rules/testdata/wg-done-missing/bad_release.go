// The count is taken, and on some path the goroutine (or literal) that gives it back is never
// started.
package wgdone

import (
	"errors"
	"sync"
)

func find(id int) (string, error) {
	if id < 0 {
		return "", errors.New("negative")
	}
	return "b", nil
}

func queryAll(ids []int) []string {
	out := make(chan string, len(ids))
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1) // want `wg.Add\(1\) takes a count for the goroutine started on line 26, but a path reaches`
		b, err := find(id)
		if err != nil {
			continue
		}
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

// A pool that can refuse tasks: its result says so.
type pool interface {
	Submit(f func()) bool
	SubmitErr(f func()) error
}

type group struct {
	wg sync.WaitGroup
	p  pool
}

func (g *group) Go(f func()) bool {
	g.wg.Add(1) // want `g.wg.Add\(1\) is released only by the function literal handed to Submit`
	return g.p.Submit(func() {
		defer g.wg.Done()
		f()
	})
}

func (g *group) GoErr(f func()) error {
	g.wg.Add(1) // want `g.wg.Add\(1\) is released only by the function literal handed to SubmitErr`
	return g.p.SubmitErr(func() {
		defer g.wg.Done()
		f()
	})
}

func (g *group) Wait() { g.wg.Wait() }
