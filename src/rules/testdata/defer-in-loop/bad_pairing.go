package deferloop

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"sync"
	"time"
)

type iter struct{ open bool }

func newIter(name string) *iter { return &iter{open: name != ""} }
func (it *iter) Release()       { it.open = false }
func (it *iter) Next() bool     { return it.open }

type table struct{ f *os.File }

func openTable(p string) (*table, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	return &table{f: f}, nil
}
func (t *table) close() error { return t.f.Close() }

var errEmpty = errors.New("empty")

// Whatever the release is called, it pairs with an acquisition of the same iteration.
func scanAll(names []string) int {
	n := 0
	for _, name := range names {
		it := newIter(name)
		defer it.Release() // want `loop`
		for it.Next() {
			n++
			break
		}
	}
	return n
}

func readTables(paths []string) error {
	for _, p := range paths {
		t, err := openTable(p)
		if err != nil {
			return err
		}
		defer t.close() // want `loop`
		if t.f == nil {
			return errEmpty // an early return on one path does not make the others safe
		}
	}
	return nil
}

func scratch(dir string, n int) error {
	for i := 0; i < n; i++ {
		f, err := os.CreateTemp(dir, "part")
		if err != nil {
			return err
		}
		name := f.Name()
		defer os.Remove(name) // want `loop`
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}

func closeQuietly(paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer func() { _ = f.Close() }() // want `loop`
	}
}

// A critical section per iteration: the unlock is meant for the end of the iteration.
func bump(mus []*sync.Mutex, counts []int) {
	for i, mu := range mus {
		mu.Lock()
		defer mu.Unlock() // want `loop`
		counts[i]++
	}
}

// The timer's channel goes to a variable of the iteration: the timer stays in it.
func waitEach(timeouts []time.Duration, ready <-chan struct{}) {
	for _, d := range timeouts {
		var timeout <-chan time.Time
		if d > 0 {
			timer := time.NewTimer(d)
			timeout = timer.C
			defer timer.Stop() // want `loop`
		}
		select {
		case <-ready:
		case <-timeout:
		}
	}
}

// The channel is made per iteration but nobody else holds it: the close waits for the return.
func closeLate(n int, sink func(<-chan int)) {
	for i := 0; i < n; i++ {
		ch := make(chan int, 1)
		ch <- i
		defer close(ch) // want `close\(ch\) runs only when the function returns`
		sink(ch)
	}
}

// A deferred literal that does not look at the function's results releases this iteration's file.
func readAllNamed(paths []string) (n int, err error) {
	for _, p := range paths {
		f, ferr := os.Open(p)
		if ferr != nil {
			return n, ferr
		}
		defer func() { // want `deferred func literal runs only when the function returns`
			_ = f.Close()
		}()
		n++
	}
	return n, nil
}

// The close always runs at return; the literal only records its error in the named result.
func writeAll(paths []string) (err error) {
	for _, p := range paths {
		f, ferr := os.Create(p)
		if ferr != nil {
			return ferr
		}
		defer func() { // want `deferred func literal runs only when the function returns`
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}()
	}
	return nil
}

// The cancel function is declared first and assigned by context.WithTimeout later.
func dialEach(parent context.Context, hosts []string, dial func(context.Context, string) error) error {
	for _, h := range hosts {
		var cancel context.CancelFunc
		var ctx context.Context
		ctx, cancel = context.WithTimeout(parent, time.Second)
		defer cancel() // want `cancel\(\) runs only when the function returns`
		if dial(ctx, h) == nil {
			return nil
		}
	}
	return nil
}

// The deferred literal is handed the file the iteration opened.
func readAllArg(paths []string) int {
	n := 0
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer func(f *os.File) { _ = f.Close() }(f) // want `loop`
		st, _ := f.Stat()
		n += int(st.Size())
	}
	return n
}

// A copy of what the iteration opened is still what it opened.
func statCopies(paths []string) int {
	n := 0
	for _, p := range paths {
		opened, err := os.Open(p)
		if err != nil {
			continue
		}
		f := opened
		defer f.Close() // want `loop`
		st, _ := f.Stat()
		n += int(st.Size())
	}
	return n
}

// A connection with no handler: the iteration's own work, released only at return.
func dialAll(n int) int {
	total := 0
	for i := 0; i < n; i++ {
		c, err := dial(i)
		if err != nil {
			return total
		}
		defer c.Stop() // want `loop`
		if c.id < 0 {
			return total
		}
		total++
	}
	return total
}

// A success goes round again: every success defers its cleanup.
func everyWritable(n int) error {
	for i := 0; i < n; i++ {
		id, err := putWAL(i)
		if id != "" && err == nil {
			defer deleteWAL(id) // want `loop`
		}
		switch {
		case err == nil:
			continue
		case errors.Is(err, errReadOnly):
			continue
		default:
			return err
		}
	}
	return nil
}

// The condition that led to the defer is replaced before the exit test.
func writableAfterRetry(n int) error {
	for i := 0; i < n; i++ {
		id, err := putWAL(i)
		if err == nil {
			defer deleteWAL(id) // want `loop`
		}
		_, err = putWAL(i + 1)
		if err == nil {
			return nil
		}
	}
	return nil
}

type countingBody struct {
	body io.Reader
	n    int64
}

// The body is wrapped in a value of the iteration only: it is still this iteration's to close.
func fetchSizes(c *http.Client, urls []string) (int64, error) {
	var total int64
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close() // want `loop`
		counter := countingBody{body: resp.Body}
		n, err := io.Copy(io.Discard, counter.body)
		if err != nil {
			continue
		}
		total += n
	}
	return total, nil
}

// Copying a number out of the response is not the response leaving the iteration.
func contentLengths(c *http.Client, urls []string) (int64, error) {
	var total int64
	var last int
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close() // want `loop`
		total += resp.ContentLength
		last = resp.StatusCode
	}
	_ = last
	return total, nil
}
