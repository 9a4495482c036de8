// The mirror image: the goroutine waits for this function to send or close, and a path returns
// without doing so.
package leak

import (
	"context"
	"errors"
	"fmt"
)

func serve(ctx context.Context, addr string) error {
	stop := make(chan struct{})
	go func() {
		<-stop // want `the goroutine can block forever receiving from stop: the return on line 18`
		fmt.Println("stopping", addr)
	}()
	if addr == "" {
		return errors.New("no address")
	}
	fmt.Println("serving", addr)
	close(stop)
	return nil
}

func consume(items []string) error {
	work := make(chan string)
	go func() {
		for it := range work { // want `ranging over work: the return on line 34 is reached without closing it`
			fmt.Println(it)
		}
	}()
	for _, it := range items {
		if it == "" {
			return errors.New("empty item")
		}
		work <- it
	}
	close(work)
	return nil
}
