// Look-alikes of a start handshake that do not order the Add before the Wait.
package wgadd

import "sync"

type differ2 struct {
	streamers sync.WaitGroup
}

// The goroutine signals before its Add: the starter can reach Wait first.
func (d *differ2) streamEarly(started chan string) {
	started <- "pos"
	d.streamers.Add(1) // want `d.streamers.Add is called inside the goroutine`
	defer d.streamers.Done()
}

func (d *differ2) runEarly() {
	started := make(chan string, 1)
	go d.streamEarly(started)
	<-started
	d.streamers.Wait()
}

// The starter does not wait for the channel before its Wait.
func (d *differ2) streamLate(started chan string) {
	d.streamers.Add(1) // want `d.streamers.Add is called inside the goroutine`
	defer d.streamers.Done()
	started <- "pos"
}

func (d *differ2) runLate() {
	started := make(chan string, 1)
	go d.streamLate(started)
	d.streamers.Wait()
	<-started
}
