// CRLF line endings: the copy of the loop variable keeps them.
package loopcapture

import "sync"

func crlfSum(xs []int, out chan<- int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- x // want `loop variable x` fix:safe
		}()
	}
	wg.Wait()
}
