// Package files is the "fixed release" of the realbugs smoke fixture: ReadAll is fixed, Pop is
// not (so a bug claiming Pop was fixed finds its fixed release still flagged).
package files

import "os"

// ReadAll opens every path and closes each before the next.
func ReadAll(paths []string) error {
	for _, p := range paths {
		if err := readOne(p); err != nil {
			return err
		}
	}
	return nil
}

func readOne(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	return nil
}

// Queue hands out jobs in order.
type Queue struct{ jobs []*int }

// Pop drops the first job without clearing its slot.
func (q *Queue) Pop() *int {
	j := q.jobs[0]
	q.jobs = q.jobs[1:]
	return j
}

// Push appends a job: the queue owns its backing array.
func (q *Queue) Push(j *int) { q.jobs = append(q.jobs, j) }
