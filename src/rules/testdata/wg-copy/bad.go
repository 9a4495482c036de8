// Copies of a sync.WaitGroup: Add, Done and Wait on the copy never reach the original.
package wgcopy

import (
	"fmt"
	"sync"
)

func worker(id int, wg sync.WaitGroup) { // want `parameter wg receives a copy of a sync.WaitGroup`
	defer wg.Done()
	fmt.Println("worker", id)
}

func runWorkers(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go worker(i, wg)
	}
	wg.Wait()
}

func inPlace() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func(wg sync.WaitGroup) { // want `parameter wg receives a copy`
		defer wg.Done()
	}(wg)
	wg.Wait()
}

// Exported: callers may live in other packages, so no fix.
func Report(wg sync.WaitGroup) { // want `parameter wg receives a copy`
	wg.Wait()
}

type Tracker struct {
	name string
	wg   sync.WaitGroup
}

func (t Tracker) Wait() { // want `method Wait has a value receiver: each call works on a copy of wgcopy.Tracker \(which holds a sync.WaitGroup\)`
	t.wg.Wait()
}

func assignments(t *Tracker) {
	var a sync.WaitGroup
	b := a       // want `assignment copies a sync.WaitGroup from a to b`
	b = a        // want `assignment copies a sync.WaitGroup from a to b`
	var c = t.wg // want `variable declaration copies a sync.WaitGroup from t.wg to c`
	d := *t      // want `assignment copies wgcopy.Tracker \(which holds a sync.WaitGroup\) from \*t to d`
	_, _, _ = &b, &c, &d
}

func snapshot(t *Tracker) Tracker {
	return *t // want `return copies wgcopy.Tracker`
}

func each(ts []Tracker) {
	for _, t := range ts { // want `range variable t copies wgcopy.Tracker`
		fmt.Println(t.name)
	}
}
