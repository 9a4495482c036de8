// A context is at hand, yet the call gets a fresh root context: the request's
// cancellation and deadline never reach the site service.
package ctxbg

import (
	"context"
	"net/http"
	"time"

	"example.com/ctx-background/sitepb"
)

type Handler struct {
	sites sitepb.SiteClient
	audit sitepb.AuditClient
}

func (h *Handler) Lookup(ctx context.Context, id string) (*sitepb.Site, error) {
	return h.sites.GetSite(context.Background(), id) // want `context\.Background\(\).*\bctx\b`
}

func (h *Handler) ServeSite(w http.ResponseWriter, r *http.Request) {
	site, err := h.sites.GetSite(context.TODO(), r.URL.Query().Get("id")) // want `context\.TODO\(\).*r\.Context\(\)`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Write([]byte(site.Name))
}

// GetSiteLogic has the shape go-zero generates: the request context lives in a field.
type GetSiteLogic struct {
	ctx   context.Context
	sites sitepb.SiteClient
}

func (l *GetSiteLogic) GetSite(id string) (*sitepb.Site, error) {
	return l.sites.GetSite(context.Background(), id) // want `context\.Background\(\).*l\.ctx`
}

func (h *Handler) throughVariable(ctx context.Context, id string) error {
	root := context.Background() // want `context\.Background\(\).*\bctx\b`
	_, err := h.sites.GetSite(root, id)
	return err
}

func (h *Handler) detachedTimeout(ctx context.Context, id string) error {
	tctx, cancel := context.WithTimeout(context.Background(), 2*time.Second) // want `context\.Background\(\).*\bctx\b`
	defer cancel()
	_, err := h.sites.GetSite(tctx, id)
	return err
}

func (h *Handler) detachedCancel(ctx context.Context, id string) error {
	cctx, cancel := context.WithCancel(context.TODO()) // want `context\.TODO\(\).*\bctx\b`
	defer cancel()
	_, err := h.sites.GetSite(cctx, id)
	return err
}

func (h *Handler) auditLater(ctx context.Context, id string) {
	go func() {
		h.audit.Record(context.Background(), "looked up "+id) // want `goroutine.*context\.WithoutCancel\(ctx\)`
	}()
}
