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

// A Do that is not sync.Once's runs the function in a goroutine of its own.
type spawner struct{}

func (spawner) Do(f func()) { go f() }

type conn2 struct {
	run  spawner
	wg   sync.WaitGroup
	errs chan error
}

func (c *conn2) setup() {
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		<-c.errs
		c.Close()
	}()
}

func (c *conn2) Close() {
	c.run.Do(func() {
		c.wg.Wait()
	})
}

// The sync.Once runs the waiting function in a goroutine started by the callee.
type conn3 struct {
	once sync.Once
	wg   sync.WaitGroup
	errs chan error
}

func (c *conn3) setup() {
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		<-c.errs
		c.Close()
	}()
}

func (c *conn3) Close() {
	go c.once.Do(func() {
		c.wg.Wait()
	})
}
