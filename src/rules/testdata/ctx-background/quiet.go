// Look-alikes that must stay quiet: no context is available, or the
// available one is used.
package ctxbg

import (
	"context"
	"net/http"
	"time"

	"example.com/ctx-background/sitepb"
)

// Process entry points have no context but the root one.
func Warmup(sites sitepb.SiteClient) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := sites.GetSite(ctx, "warmup")
	return err
}

func (h *Handler) LookupPassing(ctx context.Context, id string) (*sitepb.Site, error) {
	return h.sites.GetSite(ctx, id)
}

func (h *Handler) ServeSitePassing(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, err := h.sites.GetSite(ctx, "s1"); err != nil {
		http.Error(w, err.Error(), http.StatusGatewayTimeout)
	}
}

func (l *GetSiteLogic) GetSitePassing(id string) (*sitepb.Site, error) {
	return l.sites.GetSite(l.ctx, id)
}

func (h *Handler) auditDetached(ctx context.Context, id string) {
	go func() {
		h.audit.Record(context.WithoutCancel(ctx), "looked up "+id)
	}()
}

// Scheduler carries no context of its own, so a root context is all it has.
type Scheduler struct {
	sites sitepb.SiteClient
	every time.Duration
}

func (s *Scheduler) tick() error {
	ctx, cancel := context.WithTimeout(context.Background(), s.every)
	defer cancel()
	_, err := s.sites.GetSite(ctx, "all")
	return err
}

// Constructors run before any request exists.
func NewHandler(sites sitepb.SiteClient) (*Handler, error) {
	if _, err := sites.GetSite(context.Background(), "probe"); err != nil {
		return nil, err
	}
	return &Handler{sites: sites}, nil
}

// Plain has no context field, unlike GetSiteLogic.
type Plain struct {
	sites sitepb.SiteClient
	name  string
}

func (p *Plain) Refresh() error {
	_, err := p.sites.GetSite(context.TODO(), p.name)
	return err
}

func (h *Handler) keepValues(ctx context.Context, id string) error {
	return h.audit.Record(context.WithoutCancel(ctx), "kept "+id)
}

// Poller owns its lifetime: it keeps a context together with its cancel function.
type Poller struct {
	ctx    context.Context
	cancel context.CancelFunc
	sites  sitepb.SiteClient
}

func (p *Poller) Start() {
	p.ctx, p.cancel = context.WithCancel(context.Background())
}

// Once the caller's context is done, only a fresh one can still report it.
func (h *Handler) reportAbort(ctx context.Context, id string) error {
	<-ctx.Done()
	return h.audit.Record(context.Background(), "aborted "+id)
}

// A goroutine handed the root context is work that outlives the caller on purpose.
func (h *Handler) auditDirect(ctx context.Context, id string) {
	go h.audit.Record(context.Background(), "looked up "+id)
}
