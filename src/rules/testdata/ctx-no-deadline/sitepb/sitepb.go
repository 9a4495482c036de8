// Package sitepb stands in for a generated gRPC client of the site service, and a hand-written
// SDK over it.
package sitepb

import (
	"context"
	"database/sql"
	"time"

	"google.golang.org/grpc"
)

type Site struct {
	ID   string
	Name string
}

// SiteClient is shaped as protoc-gen-go-grpc writes it.
type SiteClient interface {
	GetSite(ctx context.Context, id string, opts ...grpc.CallOption) (*Site, error)
	WatchSites(ctx context.Context, opts ...grpc.CallOption) (Site_WatchSitesClient, error)
}

type Site_WatchSitesClient interface {
	Recv() (*Site, error)
	grpc.ClientStream
}

// HTTPClient is a concrete client value, as hand-written SDKs provide.
type HTTPClient struct {
	BaseURL string
	conn    SiteClient
}

// GetSite passes the caller's context on to the RPC as it is.
func (c *HTTPClient) GetSite(ctx context.Context, id string) (*Site, error) {
	return c.conn.GetSite(ctx, id)
}

// GetSiteBounded sets its own deadline.
func (c *HTTPClient) GetSiteBounded(ctx context.Context, id string) (*Site, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return c.conn.GetSite(ctx, id)
}

// Follow streams until its context ends, by design.
func (c *HTTPClient) Follow(ctx context.Context, out chan<- *Site) error {
	stream, err := c.conn.WatchSites(ctx)
	if err != nil {
		return err
	}
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		s, err := stream.Recv()
		if err != nil {
			return err
		}
		out <- s
	}
}

var DB *sql.DB

// Fetch is a package-level entry point of the same service, backed by a database.
func Fetch(ctx context.Context, id string) (*Site, error) {
	s := &Site{ID: id}
	err := DB.QueryRowContext(ctx, "SELECT name FROM sites WHERE id = ?", id).Scan(&s.Name)
	return s, err
}

func Describe(id string) string { return "site " + id }
