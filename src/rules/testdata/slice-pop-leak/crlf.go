// A file with CRLF line endings: the fix keeps them.
package popleak

type ring struct {
	slots []*Job
}

func (r *ring) Push(j *Job) { r.slots = append(r.slots, j) }

func (r *ring) Pop() *Job {
	j := r.slots[0]
	r.slots = r.slots[1:] // want `clear` fix:safe
	return j
}
