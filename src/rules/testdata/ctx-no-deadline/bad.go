// Calls to other processes with a context that has no deadline on any path:
// if the other side hangs, so does this caller.
package nodeadline

import (
	"context"
	"database/sql"
	"log"

	"example.com/ctx-no-deadline/sitepb"
	xcontext "golang.org/x/net/context"
)

type tenantKey struct{}

type Syncer struct {
	sites sitepb.SiteClient
	http  *sitepb.HTTPClient
}

func (s *Syncer) SyncAll(ids []string) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for _, id := range ids {
		if _, err := s.sites.GetSite(ctx, id); err != nil { // want `deadline`
			return err
		}
	}
	return nil
}

func (s *Syncer) SyncTenant(tenant, id string) error {
	ctx := context.WithValue(context.TODO(), tenantKey{}, tenant)
	_, err := s.http.GetSite(ctx, id) // want `deadline`
	return err
}

func FetchOne(id string) (*sitepb.Site, error) {
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), tenantKey{}, "t1"))
	defer cancel()
	return sitepb.Fetch(ctx, id) // want `deadline`
}

// No context at hand: an RPC with no deadline at all.
func Refresh(c sitepb.SiteClient, id string) (*sitepb.Site, error) {
	return c.GetSite(context.Background(), id) // want `GetSite is a gRPC call, called with context.Background\(\), which has no deadline`
}

// context.TODO() passed to an RPC inside a goroutine.
func RefreshLater(c sitepb.SiteClient, id string) {
	go func() {
		if _, err := c.GetSite(context.TODO(), id); err != nil { // want `deadline`
			log.Print(err)
		}
	}()
}

// Every assignment form: var, then `x, y =`, then `_, err =`.
func RefreshAssigned(c sitepb.SiteClient, id string) error {
	var ctx context.Context
	var cancel context.CancelFunc
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	var err error
	_, err = c.GetSite(ctx, id) // want `deadline`
	return err
}

// The same through golang.org/x/net/context.
func RefreshOld(c sitepb.SiteClient, id string) error {
	ctx, cancel := xcontext.WithCancel(xcontext.Background())
	defer cancel()
	_, err := c.GetSite(ctx, id) // want `deadline`
	return err
}

// database/sql, by its package.
func CountSites(db *sql.DB) (int, error) {
	var n int
	err := db.QueryRowContext(context.Background(), "SELECT count(*) FROM sites").Scan(&n) // want `database/sql call`
	return n, err
}
