package deferloop

import (
	"context"
	"os"
	"sync"
	"time"
)

// Lock every key, then work with all of them held: the unlocks belong at return.
func lockAll(mus []*sync.Mutex, work func()) {
	for _, mu := range mus {
		mu.Lock()
		defer mu.Unlock()
	}
	work()
}

// The goroutines use the tickers until the wg.Wait after the loop.
func tickAll(n int, tick func()) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range t.C {
				tick()
			}
		}()
	}
	wg.Wait()
}

// Each context is used by a goroutine the function waits for.
func sendAll(targets []string, send func(context.Context, string)) {
	var wg sync.WaitGroup
	for _, t := range targets {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		wg.Add(1)
		go func(t string) {
			defer wg.Done()
			send(ctx, t)
		}(t)
	}
	wg.Wait()
}

// Released explicitly at the end of each iteration; the defer covers the early returns.
func progress(paths []string, push func(string) error) error {
	for _, p := range paths {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if err := push(p); err != nil {
			return err
		}
		_ = ctx
		cancel()
	}
	return nil
}

// Every path after the defer leaves the function: it runs at most once.
func firstReadable(paths []string) (*os.File, error) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
		if _, err := f.Stat(); err != nil {
			return nil, err
		}
		return nil, nil
	}
	return nil, os.ErrNotExist
}

// The deferred call releases nothing the iteration acquired: a loop variable handed out by
// the loop (cleanups collected for the function's end).
func closeAllAtEnd(files []*os.File, use func(*os.File)) {
	for _, f := range files {
		defer f.Close()
		use(f)
	}
}

type writer struct{ f *os.File }

func (w *writer) Close() error { return w.f.Close() }

// The deferred literal covers the error paths; the writer is closed in the iteration.
func writeBlocks(blocks [][]byte, dir string) (err error) {
	for range blocks {
		f, err := os.CreateTemp(dir, "block")
		if err != nil {
			return err
		}
		w := &writer{f: f}
		closed := false
		defer func() {
			if !closed {
				_ = w.Close()
			}
		}()
		if err := w.Close(); err != nil {
			return err
		}
		closed = true
	}
	return nil
}

type tlsConfig struct{ applied []string }

func (c *tlsConfig) apply(name string) { c.applied = append(c.applied, name) }

// A method call that is not a release of its argument: applied at return on purpose.
func applyAtEnd(configs []*tlsConfig, names []string) {
	for i, c := range configs {
		name := names[i]
		defer c.apply(name)
	}
}
