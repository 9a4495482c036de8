// Package sitepb stands in for a generated RPC client of the site service.
package sitepb

import "context"

type Site struct {
	ID   string
	Name string
}

type SiteClient interface {
	GetSite(ctx context.Context, id string) (*Site, error)
	WatchSites(ctx context.Context) error
}

// HTTPClient is a concrete client value, as hand-written SDKs provide.
type HTTPClient struct {
	BaseURL string
}

func (c *HTTPClient) GetSite(ctx context.Context, id string) (*Site, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// Fetch is a package-level entry point of the same service.
func Fetch(ctx context.Context, id string) (*Site, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func Describe(id string) string { return "site " + id }
