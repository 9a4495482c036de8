// Go 1.20 has no context.WithoutCancel: the goroutine case is still reported,
// without suggesting it.
package ctxbg

import (
	"context"

	"example.com/ctx-background/go120/sitepb"
)

type Auditor struct {
	audit sitepb.AuditClient
}

func (a *Auditor) Lookup(ctx context.Context, id string) error {
	go func() {
		a.audit.Record(context.Background(), "looked up "+id) // want `goroutine`
	}()
	return a.audit.Record(context.TODO(), "lookup "+id) // want `context\.TODO\(\).*\bctx\b`
}

func (a *Auditor) LookupPassing(ctx context.Context, id string) error {
	return a.audit.Record(ctx, "lookup "+id)
}

func Startup(a *Auditor) error {
	return a.audit.Record(context.Background(), "startup")
}
