// A method run by a go statement takes the count for itself.
package wgadd

import "sync"

type manager struct {
	wg   sync.WaitGroup
	quit chan struct{}
}

func (m *manager) start() {
	m.quit = make(chan struct{})
	go m.loop()
	go m.loop()
}

func (m *manager) loop() {
	m.wg.Add(1) // want `m.wg.Add is called inside the goroutine it counts`
	defer m.wg.Done()
	<-m.quit
}

func (m *manager) stop() {
	close(m.quit)
	m.wg.Wait()
}

func worker(wg *sync.WaitGroup, jobs <-chan int) {
	wg.Add(1) // want `wg.Add is called inside the goroutine it counts`
	defer wg.Done()
	for range jobs {
	}
}

func runWorkers(jobs chan int) {
	var wg sync.WaitGroup
	go worker(&wg, jobs)
	close(jobs)
	wg.Wait()
}
