package loopcapture

import "time"

// collect receives the goroutines' results from the channel it is handed.
func collect(results chan string, n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		select {
		case r := <-results:
			out = append(out, r)
		case <-time.After(time.Second):
			return out
		}
	}
	return out
}

// The iteration waits for its goroutines through a function that receives their results.
func waitedThroughCallee(doctors []Doctor) int {
	n := 0
	for _, d := range doctors {
		results := make(chan string, 2)
		for i := 0; i < 2; i++ {
			go func(i int) {
				results <- d.Email
			}(i)
		}
		n += len(collect(results, 2))
	}
	return n
}

// The map only remembers which slots were matched: its values are compared with nil, never
// read through.
func matchedSlots(want []string, got []string) int {
	found := map[int]*int{}
	for wi, w := range want {
		for gi, g := range got {
			if found[gi] != nil {
				continue
			}
			if g == w {
				found[gi] = &wi
				break
			}
		}
	}
	return len(found)
}
