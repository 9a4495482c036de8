// Look-alikes that must stay quiet: Done runs in goroutines, in a helper, or
// is not deferred.
package wgdone

import (
	"fmt"
	"sync"
)

func inGoroutines(emails []string) {
	var wg sync.WaitGroup
	for _, e := range emails {
		wg.Add(1)
		go func(e string) {
			defer wg.Done()
			fmt.Println("sent", e)
		}(e)
	}
	wg.Wait()
}

func worker(id int, wg *sync.WaitGroup) {
	defer wg.Done()
	fmt.Println("worker", id)
}

func withHelper(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go worker(i, &wg)
	}
	wg.Wait()
}

func notDeferred(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		fmt.Println(i)
		wg.Done()
	}
	wg.Wait()
}

// A deferred Done alongside a goroutine's Done: Wait can still return.
func mixed() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
	}()
	wg.Wait()
	wg.Add(1)
	defer wg.Done()
}

// Done deferred here, Wait in another function: the caller's concern.
func (b *Batch) Start(items []string) {
	for range items {
		b.wg.Add(1)
		defer b.wg.Done()
	}
}

func (b *Batch) Finish() {
	b.wg.Wait()
}
