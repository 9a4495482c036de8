// Look-alikes that must stay quiet: a deadline bounds the call, the callee
// is local, or the context comes from the caller.
package nodeadline

import (
	"context"
	"time"

	"example.com/ctx-no-deadline/sitepb"
)

func (s *Syncer) SyncBounded(id string) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tctx, tcancel := context.WithTimeout(ctx, 3*time.Second)
	defer tcancel()
	_, err := s.sites.GetSite(tctx, id)
	return err
}

func (s *Syncer) SyncBefore(id string, at time.Time) error {
	ctx, cancel := context.WithDeadline(context.Background(), at)
	defer cancel()
	vctx := context.WithValue(ctx, tenantKey{}, "t1")
	_, err := s.http.GetSite(vctx, id)
	return err
}

func localStep(ctx context.Context, id string) error {
	return ctx.Err()
}

func (s *Syncer) SyncLocal(id string) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_ = sitepb.Describe(id)
	return localStep(ctx, id)
}

func (s *Syncer) SyncWith(ctx context.Context, id string) error {
	_, err := s.sites.GetSite(ctx, id)
	return err
}

// With a context at hand, the root context is ctx-background's finding alone.
func (s *Syncer) SyncDetached(ctx context.Context, id string) error {
	cctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := s.sites.GetSite(cctx, id)
	return err
}

// A watch is meant to last as long as its context.
func (s *Syncer) WatchAll() error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	return s.sites.WatchSites(ctx)
}
