package loopcapture

import "sync"

func show(d *Doctor) string { return d.Name }

// The address stays within the iteration: a local only read, a callee that does not keep it.
func readOnly(doctors []Doctor) int {
	n := 0
	for _, d := range doctors {
		p := &d
		n += len(show(p))
		n += len(show(&d))
	}
	return n
}

// &p.Email of a pointer: it points into the doctor, not into the loop variable.
func pointerFields(doctors []*Doctor) []*string {
	var out []*string
	for _, p := range doctors {
		out = append(out, &p.Email)
	}
	return out
}

// The goroutine is counted by the WaitGroup waited for in the same iteration.
func countedByWaitGroup(doctors []Doctor) {
	for _, d := range doctors {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			send(d.Email)
		}()
		wg.Wait()
	}
}

// The registry that keeps the address is made in the same iteration.
func perIteration(doctors []Doctor) int {
	n := 0
	for _, d := range doctors {
		r := &registry{}
		r.add(&d)
		n += len(r.all)
	}
	return n
}

type payload struct{ size int }

// Reads what the pointer points to: the pointer itself is not kept.
func nameSize(s *string) payload { return payload{size: len(*s)} }

type options struct{ names []string }

// Copies the pointed-to string into a long-lived value: the copy is kept, not the pointer.
func keepName(o *options, s *string) { o.names = append(o.names, *s) }

func payloads(o *options, doctors []Doctor) []payload {
	var out []payload
	for _, d := range doctors {
		out = append(out, nameSize(&d.Name))
		keepName(o, &d.Name)
	}
	return out
}

type claim struct {
	Owner *Doctor
	Notes [2]*string
}

func check(c claim) bool { return c.Owner != nil }

// The address goes into a struct value this iteration declared and that only a call reads.
func claimsChecked(doctors []Doctor) int {
	n := 0
	for _, d := range doctors {
		c := claim{}
		c.Owner = &d
		var c2 claim
		c2.Notes[0] = &d.Email
		if check(c) && check(c2) {
			n++
		}
	}
	return n
}
