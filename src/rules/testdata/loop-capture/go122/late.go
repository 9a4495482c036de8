// Go 1.22 gives every iteration its own variable: none of these is a bug.
package go122

import (
	"fmt"
	"sync"

	"example.com/loop-capture/go122/errgroup"
)

func deferred(names []string) {
	for _, n := range names {
		defer func() {
			fmt.Println(n)
		}()
	}
}

func spawned(names []string) {
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println(i, n)
		}()
	}
	wg.Wait()
}

func grouped(names []string) error {
	var g errgroup.Group
	for _, n := range names {
		g.Go(func() error {
			fmt.Println(n)
			return nil
		})
	}
	return g.Wait()
}

func addresses(names []string) []*string {
	var out []*string
	for _, n := range names {
		out = append(out, &n)
	}
	return out
}

func counted(n int) []func() int {
	var fs []func() int
	for i := 0; i < n; i++ {
		fs = append(fs, func() int { return i })
	}
	return fs
}
