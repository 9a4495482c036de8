// Package user imports base by its path below the tree's root.
package user

import "base"

// Fill appends records until the batch is full and returns how many it took.
func Fill(b *base.Batch, records []string) int {
	n := 0
	for _, r := range records {
		if b.Full() {
			break
		}
		b.Records = append(b.Records, r)
		n++
	}
	return n
}
