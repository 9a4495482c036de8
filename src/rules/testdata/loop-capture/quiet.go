// Look-alikes that must stay quiet: the closure gets its own copy, runs
// before the iteration ends, or the goroutine is waited for in the iteration.
package loopcapture

import (
	"fmt"
	"sync"

	"example.com/loop-capture/errgroup"
)

func passedAsArgument(doctors []Doctor) {
	var wg sync.WaitGroup
	for _, d := range doctors {
		wg.Add(1)
		go func(d Doctor) {
			defer wg.Done()
			send(d.Email)
		}(d)
	}
	wg.Wait()
}

func redeclared(doctors []Doctor) {
	for _, d := range doctors {
		d := d
		defer func() {
			send(d.Email)
		}()
	}
}

func calledNow(doctors []Doctor) {
	for _, d := range doctors {
		func() {
			send(d.Email)
		}()
	}
}

func localClosure(doctors []Doctor) {
	for _, d := range doctors {
		notify := func() { send(d.Email) }
		notify()
	}
}

func waitedInIteration(doctors []Doctor) {
	for _, d := range doctors {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			send(d.Email)
		}()
		wg.Wait()
	}
}

func groupedByIndex(doctors []Doctor) error {
	var g errgroup.Group
	for i := range doctors {
		i := i
		g.Go(func() error {
			return send(doctors[i].Email)
		})
	}
	return g.Wait()
}

func addressUsedLocally(doctors []Doctor) int {
	total := 0
	for _, d := range doctors {
		p := &d
		total += len(p.Email)
	}
	return total
}

func noLoopVariable(doctors []Doctor) {
	for range doctors {
		defer func() {
			fmt.Println("done")
		}()
	}
}

// The deferred literal is registered by the iteration that then leaves the loop: no later
// iteration changes d while it waits for the return.
func firstMatchCleanup(doctors []Doctor, release func(string)) {
	for _, d := range doctors {
		if d.Name == "" {
			continue
		}
		defer func() { release(d.Name) }()
		break
	}
}

// The goroutine is started on the way out of the loop.
func handOffLast(doctors []Doctor, out chan<- string) {
	for i, d := range doctors {
		if i < len(doctors)-1 {
			continue
		}
		go func() { out <- d.Name }()
		return
	}
}
