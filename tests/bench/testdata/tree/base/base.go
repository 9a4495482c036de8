// Package base is imported by user: the reference bench must check it first.
package base

// Limit is the largest batch a caller may ask for.
const Limit = 64

// Batch holds records waiting to be written.
type Batch struct {
	Records []string
}

// Full reports whether the batch has reached Limit.
func (b *Batch) Full() bool { return len(b.Records) >= Limit }
