// Package sitepb stands in for a generated RPC client of the site service.
package sitepb

import "context"

type Site struct {
	ID   string
	Name string
}

type SiteClient interface {
	GetSite(ctx context.Context, id string) (*Site, error)
}

type AuditClient interface {
	Record(ctx context.Context, event string) error
}

func Describe(id string) string { return "site " + id }
