// Receivers that look as if they waited for every sender, and do not.
package leak

import (
	"errors"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
)

// By returns: the timeout branch leaves the goroutine behind.
func specLogs() {
	done := make(chan bool)
	go func() {
		defer GinkgoRecover()
		block()
		done <- true // want `the goroutine can block forever on this send: done is unbuffered`
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
		By("still blocked")
	}
}

// The loop leaves after two of the three values.
func countsTooFew(t *testing.T) {
	aCh := make(chan struct{})
	go func() {
		aCh <- struct{}{} // want `the goroutine can block forever on this send: aCh is unbuffered`
	}()
	bCh := make(chan struct{})
	go func() {
		bCh <- struct{}{} // want `the goroutine can block forever on this send: bCh is unbuffered`
	}()
	cCh := make(chan struct{})
	go func() {
		cCh <- struct{}{} // want `the goroutine can block forever on this send: cCh is unbuffered`
	}()
	done := 0
	for {
		select {
		case <-time.After(2 * time.Second):
			t.Fatal("took too long")
		case <-aCh:
			done++
		case <-bCh:
			done++
		case <-cCh:
			done++
		}
		if done == 2 {
			return
		}
	}
}

// The timeout case ends the loop early.
func countsUntilTimeout() int {
	aCh := make(chan int)
	go func() {
		aCh <- 1 // want `the goroutine can block forever on this send: aCh is unbuffered`
	}()
	bCh := make(chan int)
	go func() {
		bCh <- 2 // want `the goroutine can block forever on this send: bCh is unbuffered`
	}()
	n, sum := 0, 0
	for {
		select {
		case v := <-aCh:
			sum += v
			n++
		case v := <-bCh:
			sum += v
			n++
		case <-time.After(time.Second):
			return sum
		}
		if n == 2 {
			return sum
		}
	}
}

// Two iterations over three channels: one value stays unreceived.
func twoOfThree() error {
	errCh1 := make(chan error)
	errCh2 := make(chan error)
	errCh3 := make(chan error)
	go func() {
		errCh1 <- errors.New("one") // want `the goroutine can block forever on this send: errCh1 is unbuffered`
	}()
	go func() {
		errCh2 <- errors.New("two") // want `the goroutine can block forever on this send: errCh2 is unbuffered`
	}()
	go func() {
		errCh3 <- errors.New("three") // want `the goroutine can block forever on this send: errCh3 is unbuffered`
	}()
	var err error
	for i := 0; i < 2; i++ {
		select {
		case e := <-errCh1:
			err = errors.Join(err, e)
		case e := <-errCh2:
			err = errors.Join(err, e)
		case e := <-errCh3:
			err = errors.Join(err, e)
		}
	}
	return err
}

// done is closed before the last send on errs: receiving from done does not end the sends.
func closesFirst(items []string) error {
	errs := make(chan error)
	done := make(chan struct{})
	go func() {
		close(done)
		for _, it := range items {
			if it == "" {
				errs <- errors.New("empty") // want `the goroutine can block forever on this send: errs is unbuffered`
			}
		}
	}()
	select {
	case <-done:
		return nil
	case err := <-errs:
		return err
	}
}
