// defer directly inside a loop body: nothing runs until the function returns,
// so files, locks and connections pile up for the whole loop.
package deferloop

import (
	"os"
	"sync"
)

func sizes(paths []string) (int64, error) {
	var total int64
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return 0, err
		}
		defer f.Close() // want `loop`
		st, err := f.Stat()
		if err != nil {
			return 0, err
		}
		total += st.Size()
	}
	return total, nil
}

func lockEach(mus []*sync.Mutex, counts []int) {
	for i := 0; i < len(mus); i++ {
		mus[i].Lock()
		defer mus[i].Unlock() // want `loop`
		counts[i]++
	}
}

func drain(events <-chan *os.File, stop <-chan struct{}) {
	for {
		select {
		case f := <-events:
			if f != nil {
				defer f.Close() // want `loop`
			}
		case <-stop:
			return
		}
	}
}

func nested(groups [][]string) {
	for _, g := range groups {
		func() {
			for _, p := range g {
				f, _ := os.Open(p)
				defer f.Close() // want `loop`
			}
		}()
	}
}

// Completion signals deferred in a loop reach the waiting side only after the loop.
func notifyEach(jobs []string, done chan<- string, wg *sync.WaitGroup) {
	for _, j := range jobs {
		defer func() { // want `deferred func literal runs only when the function returns`
			done <- j
		}()
		defer wg.Done() // want `wg.Done\(\) runs only when the function returns`
	}
}

func closeEach(chans []chan int) {
	for _, c := range chans {
		c <- 1
		defer close(c) // want `loop`
	}
}
