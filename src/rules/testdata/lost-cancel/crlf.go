// A file with CRLF line endings: the deferred call keeps them.
package lostcancel

import (
	"context"
	"time"
)

func crlf(parent context.Context, skip bool) {
	ctx, cancel := context.WithTimeout(parent, time.Second) // want `cancel` fix:safe
	if skip {
		return
	}
	<-ctx.Done()
	cancel()
}
