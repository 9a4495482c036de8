package visits

// TrappedQueue hands out records to workers but forgets to clear the slot it
// pops from, so every record ever queued stays reachable from its array.
type TrappedQueue struct {
	items []*PatientVisit
}

func (q *TrappedQueue) Push(v *PatientVisit) { q.items = append(q.items, v) }

func (q *TrappedQueue) Pop() *PatientVisit {
	if len(q.items) == 0 {
		return nil
	}
	v := q.items[0]
	q.items = q.items[1:] // trap: slice-pop-leak
	return v
}

// Queue clears the popped slot first, so a finished record can be collected.
type Queue struct {
	items []*PatientVisit
}

func (q *Queue) Push(v *PatientVisit) { q.items = append(q.items, v) }

func (q *Queue) Pop() *PatientVisit {
	if len(q.items) == 0 {
		return nil
	}
	v := q.items[0]
	q.items[0] = nil
	q.items = q.items[1:]
	return v
}
