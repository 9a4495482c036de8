// Look-alikes that must stay quiet: the defer sits in a function literal
// called per iteration, or outside any loop.
package deferloop

import (
	"os"
	"sync"
)

func sizesPerFile(paths []string) (int64, error) {
	var total int64
	for _, p := range paths {
		n, err := func() (int64, error) {
			f, err := os.Open(p)
			if err != nil {
				return 0, err
			}
			defer f.Close()
			st, err := f.Stat()
			if err != nil {
				return 0, err
			}
			return st.Size(), nil
		}()
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

func workers(paths []string) {
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Add(1)
		go func(p string) {
			defer wg.Done()
			f, err := os.Open(p)
			if err != nil {
				return
			}
			defer f.Close()
		}(p)
	}
	wg.Wait()
}

func once(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	for i := 0; i < 3; i++ {
		if _, err := f.Stat(); err != nil {
			return err
		}
	}
	return nil
}

func closeOne(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.Stat()
	return err
}

func perIterationFunction(paths []string) error {
	for _, p := range paths {
		if err := closeOne(p); err != nil {
			return err
		}
	}
	return nil
}

func deferAfterLoop(mu *sync.Mutex, paths []string) int {
	n := 0
	for range paths {
		n++
	}
	mu.Lock()
	defer mu.Unlock()
	return n
}

func cleanups(paths []string) []func() {
	var fs []func()
	for _, p := range paths {
		fs = append(fs, func() {
			f, err := os.Open(p)
			if err != nil {
				return
			}
			defer f.Close()
		})
	}
	return fs
}
