package user

import (
	"base"
	"testing"
)

func TestFillStopsAtLimit(t *testing.T) {
	var b base.Batch
	if got := Fill(&b, make([]string, base.Limit+1)); got != base.Limit {
		t.Fatalf("Fill took %d records, want %d", got, base.Limit)
	}
}
