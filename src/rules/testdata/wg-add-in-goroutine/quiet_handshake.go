// A start handshake: the starter waits for a value the goroutine can only send after its Add.
package wgadd

import "sync"

type differ struct {
	streamers sync.WaitGroup
}

func (d *differ) stream(shard string, started chan string) {
	d.streamers.Add(1)
	defer func() {
		close(started)
		d.streamers.Done()
	}()
	started <- "pos-" + shard
}

func (d *differ) run(shards []string) {
	for _, s := range shards {
		started := make(chan string, 1)
		go d.stream(s, started)
		pos, ok := <-started
		if !ok {
			return
		}
		_ = pos
	}
	d.streamers.Wait()
}

func literalHandshake(wg *sync.WaitGroup) {
	ready := make(chan struct{})
	go func(ready chan struct{}) {
		wg.Add(1)
		defer wg.Done()
		close(ready)
	}(ready)
	<-ready
	wg.Wait()
}
