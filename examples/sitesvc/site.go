// Package sitesvc shows a project-management service calling the
// site-information service: the trapped handler and watcher wait as long as
// the site service takes, the corrected ones give up on a deadline.
package sitesvc

import (
	"context"
	"time"

	"google.golang.org/grpc"
)

// Site is what the site-information service knows about a trial site.
type Site struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Coordinator string `json:"coordinator"`
}

// SiteInfoClient is the RPC client of the site-information service, as protoc-gen-go-grpc
// generates it.
type SiteInfoClient interface {
	GetSite(ctx context.Context, id string, opts ...grpc.CallOption) (Site, error)
}

// SlowSiteClient answers after Delay, or earlier with ctx's error when ctx
// ends first, as a well-behaved RPC client does.
type SlowSiteClient struct {
	Delay time.Duration
}

func (c SlowSiteClient) GetSite(ctx context.Context, id string, _ ...grpc.CallOption) (Site, error) {
	timer := time.NewTimer(c.Delay)
	defer timer.Stop()
	select {
	case <-timer.C:
		return Site{ID: id, Name: "Site " + id, Coordinator: "coordinator@" + id + ".example"}, nil
	case <-ctx.Done():
		return Site{}, ctx.Err()
	}
}
