// Look-alikes that must stay quiet: a deadline bounds the call (here or in
// the callee), the callee is local or waits by design, the context comes from
// the caller, or someone else holds its cancel function.
package nodeadline

import (
	"context"
	"database/sql"
	"time"

	"example.com/ctx-no-deadline/sitepb"
	"github.com/redis/go-redis/v9"
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
	_, err := s.sites.WatchSites(ctx)
	return err
}

// The callee derives its own deadline before the RPC.
func RefreshBounded(c *sitepb.HTTPClient, id string) error {
	_, err := c.GetSiteBounded(context.Background(), id)
	return err
}

// The callee follows a stream until its context ends.
func FollowAll(c *sitepb.HTTPClient, out chan<- *sitepb.Site) error {
	return c.Follow(context.Background(), out)
}

// go-redis bounds every read by its ReadTimeout (3 s by default): the context need not.
func CachedName(rdb *redis.Client, id string) (string, error) {
	return rdb.Get(context.Background(), "site:"+id).Result()
}

// A blocking pop waits for an element by design.
func NextJob(rdb *redis.Client) (string, error) {
	return rdb.BLPop(context.Background(), 0, "jobs").Result()
}

// The cancel function is kept for someone else to call: that bounds the call.
type Watcher struct {
	stop  context.CancelFunc
	sites sitepb.SiteClient
}

func (w *Watcher) Start(id string) error {
	ctx, cancel := context.WithCancel(context.Background())
	w.stop = cancel
	_, err := w.sites.GetSite(ctx, id)
	return err
}

// A goroutine cancels it when the caller gives up.
func LookupUntil(c sitepb.SiteClient, id string, giveUp <-chan struct{}) error {
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-giveUp
		cancel()
	}()
	_, err := c.GetSite(ctx, id)
	return err
}

// A local method of a concrete type of this package that waits on nothing remote.
type cache struct{ db *sql.DB }

func (c *cache) lookup(ctx context.Context, id string) string { return id }

func Warm(c *cache, id string) string {
	return c.lookup(context.Background(), id)
}

// Reassigned with a deadline on one path: not "no deadline on any path".
func MaybeBounded(c sitepb.SiteClient, id string, limit time.Duration) error {
	ctx := context.Background()
	if limit > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, limit)
		defer cancel()
	}
	_, err := c.GetSite(ctx, id)
	return err
}
