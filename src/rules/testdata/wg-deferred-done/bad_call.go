// A goroutine that defers its Done and then calls a method waiting on the same WaitGroup.
package wgdone

import (
	"errors"
	"sync"
	"time"
)

type keeper struct {
	mu   sync.Mutex
	wg   sync.WaitGroup
	stop chan struct{}
}

func (k *keeper) ping() error { return errors.New("down") }

func (k *keeper) start() {
	k.stop = make(chan struct{})
	k.wg.Add(1)
	go func() {
		defer k.wg.Done()
		for {
			select {
			case <-k.stop:
				return
			case <-time.After(time.Second):
				if err := k.ping(); err != nil {
					k.shutdown() // want `this call can block forever: shutdown\(\) waits on k.wg, and the k.wg.Done\(\) this function defers`
					return
				}
			}
		}
	}()
}

func (k *keeper) shutdown() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.stop != nil {
		close(k.stop)
		k.wg.Wait()
		k.stop = nil
	}
}

// The callee defers its Wait: it still waits before returning to the goroutine.
type stream struct {
	wg sync.WaitGroup
}

func (s *stream) read() error { return errors.New("eof") }

func (s *stream) closeRead() {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		if err := s.read(); err == nil {
			s.close() // want `this call can block forever: close\(\) waits on s.wg`
		}
	}()
}

func (s *stream) close() error {
	defer s.wg.Wait()
	return nil
}

// The callee waits inside the function its sync.Once runs: Do runs it before returning.
type conn struct {
	once sync.Once
	wg   sync.WaitGroup
	errs chan error
	done chan struct{}
}

func (c *conn) setup() {
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		select {
		case <-c.done:
			return
		case <-c.errs:
			c.Close() // want `this call can block forever: Close\(\) waits on c.wg`
		}
	}()
}

func (c *conn) Close() error {
	c.once.Do(func() {
		close(c.done)
		c.wg.Wait()
	})
	return nil
}
