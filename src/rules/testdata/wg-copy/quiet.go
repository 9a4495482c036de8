// Look-alikes that must stay quiet.
package wgcopy

import (
	"fmt"
	"sync"
)

func pointerWorker(id int, wg *sync.WaitGroup) {
	defer wg.Done()
	fmt.Println(id)
}

func fresh() *sync.WaitGroup {
	wg := sync.WaitGroup{}
	p := &wg
	q := new(sync.WaitGroup)
	_ = q
	return p
}

func (t *Tracker) Done() { t.wg.Done() }

func byIndex(ts []Tracker) {
	for i := range ts {
		ts[i].wg.Wait()
	}
}

func pointers(ts []*Tracker) {
	for _, t := range ts {
		t.wg.Wait()
	}
}

type named struct {
	wg *sync.WaitGroup // behind a pointer: copies share it
}

func (n named) Wait() { n.wg.Wait() }

func copyNamed(n named) named {
	m := n
	return m
}

func newTracker() *Tracker { return &Tracker{name: "t"} }

type holder struct {
	Tracker
}

// Dereferencing a pointer a call just returned: the only copy there will be.
func build() *holder {
	h := &holder{}
	h.Tracker = *newTracker()
	return h
}
