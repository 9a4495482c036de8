// Methods and functions run by go statements that count something else, or a copy.
package wgadd

import "sync"

type pool struct {
	wg sync.WaitGroup
}

// The Add counts the goroutine it starts next, before starting it.
func (p *pool) spawn(n int) {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		_ = n
	}()
}

func (p *pool) run() {
	go p.spawn(1)
	p.wg.Wait()
}

// A WaitGroup of the goroutine's own.
func gather(items []int) {
	var wg sync.WaitGroup
	wg.Add(len(items))
	for range items {
		go wg.Done()
	}
	wg.Wait()
}

func startGather(items []int) {
	go gather(items)
}

// The Add counts the goroutine this method starts next, which releases it.
type participant struct {
	wg sync.WaitGroup
}

func (p *participant) start() {
	p.wg.Add(1)
	go p.loop()
}

func (p *participant) loop() { defer p.wg.Done() }

func (p *participant) close() { p.wg.Wait() }

func runParticipant(p *participant) {
	go p.start()
}
