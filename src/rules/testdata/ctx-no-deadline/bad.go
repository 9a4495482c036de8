// Calls to other components with a context that can be cancelled but never
// expires: if the other side hangs, so does this caller.
package nodeadline

import (
	"context"

	"example.com/ctx-no-deadline/sitepb"
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
