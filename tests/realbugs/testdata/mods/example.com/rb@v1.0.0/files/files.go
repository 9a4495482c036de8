// Package files is the "buggy release" of the realbugs smoke fixture.
package files

import "os"

// ReadAll opens every path; the files stay open until it returns.
func ReadAll(paths []string) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
	}
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
