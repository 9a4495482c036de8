// Receivers that cannot leave before the goroutines' sends are received.
package leak

import (
	"errors"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
)

func block() {}

// The branches that skip the receive call Ginkgo's Fail, which panics out of the spec.
func specFails() {
	done := make(chan bool)
	go func() {
		defer GinkgoRecover()
		block()
		done <- true
	}()
	select {
	case <-done:
		Fail("not blocked")
	case <-time.After(time.Second):
	}
	block()
	select {
	case <-done:
	case <-time.After(time.Second):
		Fail("still blocked")
	}
}

// The loop leaves only when it has counted one receive from each of the three channels.
func countsEverySender(t *testing.T) {
	serveCh := make(chan struct{})
	go func() {
		block()
		serveCh <- struct{}{}
	}()
	clientCh := make(chan struct{})
	go func() {
		block()
		clientCh <- struct{}{}
	}()
	stopCh := make(chan struct{})
	go func() {
		stopCh <- struct{}{}
	}()
	done := 0
	for {
		select {
		case <-time.After(2 * time.Second):
			t.Fatal("took too long")
		case <-serveCh:
			done++
		case <-clientCh:
			done++
		case <-stopCh:
			done++
		}
		if done == 3 {
			return
		}
	}
}

// Two iterations, each taking the one value of one of the two channels: both are received.
func twoSelects() error {
	errCh1 := make(chan error)
	errCh2 := make(chan error)
	go func() {
		errCh1 <- errors.New("one")
	}()
	go func() {
		errCh2 <- errors.New("two")
	}()
	var err1, err2 error
	for i := 0; i < 2; i++ {
		select {
		case err1 = <-errCh1:
		case err2 = <-errCh2:
		}
	}
	return errors.Join(err1, err2)
}

// The goroutine either sends its error or closes done, once: receiving either ends its sends.
func signalsOnce(t *testing.T, items []string) {
	errs := make(chan error)
	done := make(chan struct{})
	go func() {
		for i := 0; ; i++ {
			if i == len(items) {
				close(done)
				return
			}
			if items[i] == "" {
				errs <- errors.New("empty")
				return
			}
		}
	}()
	select {
	case err := <-errs:
		t.Fatalf("unexpected error: %v", err)
	case <-done:
	}
}

// The same with a send on done after the loop.
func sendsDoneOnce(items []string) error {
	errs := make(chan error)
	done := make(chan struct{})
	go func() {
		for _, it := range items {
			if it == "" {
				errs <- errors.New("empty")
				return
			}
		}
		done <- struct{}{}
	}()
	select {
	case <-done:
		return nil
	case err := <-errs:
		return err
	}
}
