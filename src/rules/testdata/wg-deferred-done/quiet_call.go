// The goroutine releases its count before calling the method that waits.
package wgdone

import (
	"sync"
	"time"
)

type keeper2 struct {
	wg    sync.WaitGroup
	other sync.WaitGroup
	stop  chan struct{}
}

func (k *keeper2) ping() error { return nil }

func (k *keeper2) start() {
	k.stop = make(chan struct{})
	k.wg.Add(1)
	go func() {
		for {
			select {
			case <-k.stop:
				k.wg.Done()
				return
			case <-time.After(time.Second):
				if err := k.ping(); err != nil {
					k.wg.Done()
					k.shutdown()
					return
				}
			}
		}
	}()
}

// The deferred Done is of another WaitGroup than the one shutdown waits on.
func (k *keeper2) startOther() {
	k.other.Add(1)
	go func() {
		defer k.other.Done()
		if err := k.ping(); err != nil {
			k.shutdown()
		}
	}()
}

func (k *keeper2) shutdown() {
	close(k.stop)
	k.wg.Wait()
}

// The callee waits in a goroutine of its own, so the caller is not blocked.
type stream2 struct {
	wg   sync.WaitGroup
	done chan struct{}
}

func (s *stream2) closeRead() {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.closeLater()
	}()
}

func (s *stream2) closeLater() {
	go func() {
		defer close(s.done)
		s.wg.Wait()
	}()
}
