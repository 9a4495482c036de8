// Add(n) matched by n releases on every path.
package wgdone

import "sync"

func bothAlways(a, b func()) {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		a()
	}()
	if b != nil {
		go func() {
			defer wg.Done()
			b()
		}()
	} else {
		wg.Done()
	}
	wg.Wait()
}

// Released in a loop: the count depends on iterations, not checked.
func looped(fs []func()) {
	var wg sync.WaitGroup
	wg.Add(2)
	for _, f := range fs {
		go func(f func()) {
			defer wg.Done()
			f()
		}(f)
	}
	wg.Wait()
}

// Handed to a function that is not a goroutine: its Done calls are not counted here.
func handed(f func()) {
	var wg sync.WaitGroup
	wg.Add(2)
	go helper(&wg, f)
	runHelper(&wg, f)
	wg.Wait()
}

func runHelper(wg *sync.WaitGroup, f func()) { helper(wg, f) }

// A path that returns before Wait does not hang.
func early(a func(), stop bool) {
	var wg sync.WaitGroup
	wg.Add(2)
	go helper(&wg, a)
	if stop {
		return
	}
	go helper(&wg, a)
	wg.Wait()
}
