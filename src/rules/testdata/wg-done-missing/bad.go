// Paths that end without Done: Wait blocks forever.
package wgdone

import (
	"errors"
	"fmt"
	"sync"
)

func fetch(u string) (string, error) {
	if u == "" {
		return "", errors.New("empty")
	}
	return u, nil
}

func collect(urls []string) []string {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var out []string
	for _, u := range urls {
		wg.Add(1)
		go func(u string) {
			res, err := fetch(u)
			if err != nil {
				return // want `this return skips wg.Done\(\)`
			}
			mu.Lock()
			out = append(out, res)
			mu.Unlock()
			wg.Done()
		}(u)
	}
	wg.Wait()
	return out
}

// A worker given the WaitGroup: the error path forgets it.
func worker(id int, wg *sync.WaitGroup) error {
	if id < 0 {
		return errors.New("bad id") // want `this return skips wg.Done\(\)`
	}
	fmt.Println("working", id)
	wg.Done()
	return nil
}

func runWorkers(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go worker(i, &wg)
	}
	wg.Wait()
}

type Pool struct {
	wg sync.WaitGroup
}

// Run by a go statement: Done only on one branch, falling off the end skips it.
func runJob(wg *sync.WaitGroup, job func() bool) {
	if job() {
		wg.Done()
	}
} // want `falling off the end of the function skips wg.Done\(\)`

func (p *Pool) Start(job func() bool) {
	p.wg.Add(1)
	go runJob(&p.wg, job)
	p.wg.Wait()
}

// A defer placed after an early return does not cover it.
func lateDefer(items []int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if len(items) == 0 {
			return // want `skips wg.Done\(\)`
		}
		defer wg.Done()
		fmt.Println(items)
	}()
	wg.Wait()
}
