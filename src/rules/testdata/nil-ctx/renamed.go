package nilctx

import (
	stdctx "context"

	xcontext "golang.org/x/net/context"
)

func withOld(ctx xcontext.Context) error { return ctx.Err() }

func callers(c stdctx.Context) {
	_ = withOld(nil) // want `parameter ctx \(context.Context\) of withOld`

	_ = fetch(nil, "k") // want `of fetch`

	_ = xcontext.WithValue(nil, "k", "v") // want `parameter parent`
}
