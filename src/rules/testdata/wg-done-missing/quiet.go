// Look-alikes that must stay quiet.
package wgdone

import (
	"fmt"
	"log"
	"sync"
)

func deferred(urls []string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			if u == "" {
				return
			}
			fmt.Println(u)
		}(u)
	}
	wg.Wait()
}

// Every path calls Done, one of them before its early return.
func everyPath(n int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if n < 0 {
			wg.Done()
			return
		}
		fmt.Println(n)
		wg.Done()
	}()
	wg.Wait()
}

// The path that skips Done ends the process.
func fatalPath(n int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		if n < 0 {
			log.Fatal("negative")
		}
		wg.Done()
	}()
	wg.Wait()
}

// Done once per item of a loop: not the goroutine's own count.
func perItem(items []int, wg *sync.WaitGroup) {
	for _, it := range items {
		if it < 0 {
			return
		}
		fmt.Println(it)
		wg.Done()
	}
}

// The function keeps its own count: it adds and waits.
func ownCount(items []int) {
	var wg sync.WaitGroup
	for range items {
		wg.Add(1)
	}
	for _, it := range items {
		if it < 0 {
			continue
		}
		wg.Done()
	}
}

// The WaitGroup is handed on before the early return: someone else releases it.
func handOff(n int, wg *sync.WaitGroup) {
	if n > 10 {
		go finish(wg)
		return
	}
	wg.Done()
}

func finish(wg *sync.WaitGroup) { wg.Done() }

// A literal that is neither a goroutine nor handed to a call.
func localLiteral(wg *sync.WaitGroup) {
	release := func(ok bool) {
		if !ok {
			return
		}
		wg.Done()
	}
	release(true)
}

// Something else with a Done method.
type job struct{ done bool }

func (j *job) Done() { j.done = true }

func notAWaitGroup(j *job, ok bool) {
	if !ok {
		return
	}
	j.Done()
}

// A callback handed to other code runs once per event; its Done counts matching events.
func callback(events []string, each func(func(string))) {
	var wg sync.WaitGroup
	wg.Add(len(events))
	each(func(e string) {
		if e == "" {
			return
		}
		wg.Done()
	})
	wg.Wait()
}

type closer struct {
	closed bool
	wg     sync.WaitGroup
}

// A method releasing its receiver's count under a condition: the type's own protocol.
func (c *closer) release() {
	if c.closed {
		c.wg.Done()
		return
	}
	fmt.Println("still open")
}

// One count for a hundred goroutines, released by the one that gets there: not per goroutine.
func oneOfMany(unlocker int) {
	var one sync.WaitGroup
	one.Add(1)
	for i := 0; i < 100; i++ {
		go func(i int) {
			if i == unlocker {
				one.Done()
			}
		}(i)
	}
	one.Wait()
}
