// Wait() in a function whose only Done() calls are deferred by that same
// function: they run after Wait returns, which is never.
package wgdone

import (
	"fmt"
	"sync"
)

func notifyAll(emails []string) {
	var wg sync.WaitGroup
	for _, e := range emails {
		wg.Add(1)
		defer func() {
			fmt.Println("sent", e)
			wg.Done()
		}()
	}
	wg.Wait() // want `deferred`
}

func directDefer(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		defer wg.Done()
	}
	wg.Wait() // want `deferred`
}

func single() {
	wg := &sync.WaitGroup{}
	wg.Add(1)
	defer wg.Done()
	fmt.Println("working")
	wg.Wait() // want `deferred`
}

type Batch struct {
	wg sync.WaitGroup
}

func (b *Batch) Flush(items []string) {
	for range items {
		b.wg.Add(1)
		defer b.wg.Done()
	}
	b.wg.Wait() // want `deferred`
}
