package loopcapture

import (
	"sync"
	"time"
)

type Task struct {
	Raw *Doctor
}

// &d inside a composite literal that is kept.
func tasks(doctors []Doctor) []*Task {
	var out []*Task
	for _, d := range doctors {
		out = append(out, &Task{Raw: &d}) // want `address of loop variable d`
	}
	return out
}

// &d through a local.
func viaLocal(doctors []Doctor) []*Doctor {
	var out []*Doctor
	for _, d := range doctors {
		p := &d // want `address of loop variable d`
		out = append(out, p)
	}
	return out
}

// &d as a map key.
func keys(doctors []Doctor) map[*Doctor]bool {
	seen := map[*Doctor]bool{}
	for _, d := range doctors {
		seen[&d] = true // want `address of loop variable d`
	}
	return seen
}

// &d.Email of a struct value: it points into the loop variable.
func emails(doctors []Doctor) []*string {
	var out []*string
	for _, d := range doctors {
		out = append(out, &d.Email) // want `address of loop variable d`
	}
	return out
}

// A function of this package that keeps its argument.
type registry struct{ all []*Doctor }

func (r *registry) add(d *Doctor) { r.all = append(r.all, d) }

func register(r *registry, doctors []Doctor) {
	for _, d := range doctors {
		r.add(&d) // want `address of loop variable d`
	}
}

// The WaitGroup waited for does not count this goroutine; one finding for both uses.
func uncounted(doctors []Doctor) {
	for _, d := range doctors {
		var wg sync.WaitGroup
		go func() {
			send(d.Email) // want `loop variable d captured by func literal \(go\)`
			send(d.Name)
		}()
		wg.Add(1)
		go func() {
			defer wg.Done()
		}()
		wg.Wait()
	}
}

// The struct value holding the address is appended: every kept claim points at the one d.
func claimsKept(doctors []Doctor) []claim {
	var out []claim
	for _, d := range doctors {
		c := claim{}
		c.Owner = &d // want `address of loop variable d`
		out = append(out, c)
	}
	return out
}

// The same map read through: every matched slot points at the one wi.
func matchedIndexes(want []string, got []string) []int {
	found := map[int]*int{}
	for wi, w := range want {
		for gi, g := range got {
			if g == w {
				found[gi] = &wi // want `address of loop variable wi`
				break
			}
		}
	}
	var out []int
	for _, p := range found {
		out = append(out, *p)
	}
	return out
}

// drain gives up on the channel at once: it never receives from it.
func drain(results chan string) int { return len(results) }

// A callee that does not receive does not wait for the goroutine.
func notWaitedThroughCallee(doctors []Doctor) int {
	n := 0
	for _, d := range doctors {
		results := make(chan string, 1)
		go func() {
			results <- d.Email // want `loop variable d captured by func literal \(go\)`
		}()
		n += drain(results)
	}
	return n
}

// A failure goes on with the next doctor while the goroutine may still run the literal.
func waitEachLoosely(doctors []Doctor) {
	for _, d := range doctors {
		err := retryUntil(func() error {
			send(d.Email) // want `loop variable d captured by func literal \(stored\)`
			return nil
		}, time.Second)
		if err != nil {
			continue
		}
	}
}

// fireAndForget reports success without waiting for the goroutine.
func fireAndForget(fn func() error) error {
	go func() {
		_ = fn()
	}()
	return nil
}

func notifyAll(doctors []Doctor) error {
	for _, d := range doctors {
		if err := fireAndForget(func() error {
			send(d.Email) // want `loop variable d captured by func literal \(stored\)`
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}
