// Look-alikes that must stay quiet.
package wgadd

import (
	"fmt"
	"sync"
)

func addBefore(urls []string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			fmt.Println(u)
		}(u)
	}
	wg.Wait()
}

// The goroutine coordinates workers of its own: it adds for them and waits for them.
func coordinator(parts [][]int) {
	done := make(chan struct{})
	go func() {
		var wg sync.WaitGroup
		wg.Add(len(parts))
		for _, p := range parts {
			go func(p []int) {
				defer wg.Done()
				fmt.Println(p)
			}(p)
		}
		wg.Wait()
		close(done)
	}()
	<-done
}

// Adds in a loop of the goroutine, for goroutines it starts from there.
func spawner(outer *sync.WaitGroup, items []int) {
	outer.Add(1)
	go func() {
		defer outer.Done()
		for _, it := range items {
			outer.Add(1)
			go func(it int) {
				defer outer.Done()
				fmt.Println(it)
			}(it)
		}
	}()
	outer.Wait()
}

// Something else with an Add method.
type counter struct{ n int }

func (c *counter) Add(d int) { c.n += d }
func (c *counter) Done()     { c.n-- }

func notAWaitGroup() {
	var c counter
	go func() {
		c.Add(1)
		defer c.Done()
	}()
}

// Add later in the goroutine, with no Done of its own: it counts something else.
func handsOff(wg *sync.WaitGroup, ch chan int) {
	go func() {
		v := <-ch
		wg.Add(v)
	}()
}

// The Add sits in a literal the goroutine hands out: it counts each send, not the goroutine.
func nestedLiteral(items chan int, each func(send func(int))) {
	var wg sync.WaitGroup
	go func() {
		send := func(v int) {
			wg.Add(1)
			items <- v
		}
		each(send)
		wg.Done()
	}()
	wg.Wait()
}

// The goroutine holds its own count and adds one for a goroutine it starts next.
func subGoroutine(reqs chan int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		wg.Add(1)
		go func() {
			for range reqs {
			}
			wg.Done()
		}()
	}()
	wg.Wait()
}
