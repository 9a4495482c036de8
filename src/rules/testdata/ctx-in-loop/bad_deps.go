package ctxinloop

import (
	"context"

	"example.com/namespaces"
)

// A wrapper of another module, read from its source: each namespace's context wraps every
// earlier one.
func perNamespace(ctx context.Context, nss []string) {
	for _, ns := range nss {
		ctx = namespaces.WithNamespace(ctx, ns) // want `ctx is re-derived from itself by namespaces.WithNamespace and the next iteration of the loop`
		use(ctx)
	}
}
