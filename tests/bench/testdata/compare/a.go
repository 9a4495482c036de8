// Package compare is the bench/compare smoke test's target: the lost cancel is found by gotrap
// and go vet, the printf mistake by go vet alone.
package compare

import (
	"context"
	"fmt"
	"time"
)

// Wait returns without cancelling its context: lost-cancel.
func Wait(parent context.Context) error {
	ctx, _ := context.WithTimeout(parent, time.Second)
	<-ctx.Done()
	return ctx.Err()
}

// Say has a format verb without its argument: go vet's printf.
func Say() string { return fmt.Sprintf("%d items") }
