// Add(n) with fewer Done calls on some path to Wait.
package wgdone

import "sync"

func both(a, b func()) {
	var wg sync.WaitGroup
	wg.Add(2) // want `wg.Add\(2\) expects 2 Done calls, but a path reaches wg.Wait\(\) after only 1`
	go func() {
		defer wg.Done()
		a()
	}()
	if b != nil {
		go func() {
			defer wg.Done()
			b()
		}()
	}
	wg.Wait()
}

func helper(wg *sync.WaitGroup, f func()) {
	defer wg.Done()
	f()
}

func three(f func(), skip bool) {
	var wg sync.WaitGroup
	wg.Add(3) // want `wg.Add\(3\) expects 3 Done calls, but a path reaches wg.Wait\(\) after only 2`
	go helper(&wg, f)
	go helper(&wg, f)
	if !skip {
		go helper(&wg, f)
	}
	wg.Wait()
}
