// Add inside the goroutine it counts: Wait can return before the goroutine runs.
package wgadd

import (
	"fmt"
	"sync"
)

func fetchAll(urls []string) {
	var wg sync.WaitGroup
	for _, u := range urls {
		go func(u string) {
			wg.Add(1) // want `wg.Add is called inside the goroutine it counts`
			defer wg.Done()
			fmt.Println(u)
		}(u)
	}
	wg.Wait()
}

type Server struct {
	wg sync.WaitGroup
}

func (s *Server) Start(n int) {
	for i := 0; i < n; i++ {
		go func() {
			s.wg.Add(1) // want `s.wg.Add is called inside the goroutine`
			defer s.wg.Done()
			fmt.Println("serving")
		}()
	}
}

// Not the first statement, but the goroutine releases the same count it takes.
func lateAdd(jobs []int) {
	var wg sync.WaitGroup
	for _, j := range jobs {
		go func(j int) {
			fmt.Println("starting", j)
			wg.Add(1) // want `inside the goroutine it counts`
			fmt.Println(j)
			wg.Done()
		}(j)
	}
	wg.Wait()
}

// Handed in as a pointer: the same WaitGroup.
func viaParam(wg *sync.WaitGroup) {
	go func(w *sync.WaitGroup) {
		w.Add(1) // want `w.Add is called inside the goroutine`
		defer w.Done()
	}(wg)
	wg.Wait()
}

// One-line literal: reported, but no fix (the Add does not sit on a line of its own).
func oneLine() {
	var wg sync.WaitGroup
	go func() { wg.Add(1); defer wg.Done() }() // want `wg.Add is called inside`
	wg.Wait()
}
