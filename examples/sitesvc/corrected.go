package sitesvc

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"
)

// SiteBudget is how long a request may wait for the site service.
const SiteBudget = 2 * time.Second

// Handler derives the site lookup's context from the request, bounded by
// SiteBudget, and answers 504 when the site service is too slow.
type Handler struct {
	Sites SiteInfoClient
}

func (h Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), SiteBudget)
	defer cancel()
	site, err := h.Sites.GetSite(ctx, r.URL.Query().Get("site"))
	if errors.Is(err, context.DeadlineExceeded) {
		http.Error(w, "site service did not answer in time", http.StatusGatewayTimeout)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(site)
}

// Watcher bounds each refresh, always cancels, and announces through a
// client with a timeout.
type Watcher struct {
	Sites  SiteInfoClient
	Cache  map[string]Site
	Client *http.Client
}

// NewWatcher returns a Watcher whose HTTP client gives up after 5 s.
func NewWatcher(sites SiteInfoClient) *Watcher {
	return &Watcher{Sites: sites, Cache: map[string]Site{}, Client: &http.Client{Timeout: 5 * time.Second}}
}

func (w *Watcher) Refresh(ids []string) error {
	ctx, cancel := context.WithTimeout(context.Background(), SiteBudget)
	defer cancel()
	for _, id := range ids {
		site, err := w.Sites.GetSite(ctx, id)
		if err != nil {
			return err
		}
		w.Cache[id] = site
	}
	return nil
}

func (w *Watcher) Announce(url string) error {
	resp, err := w.Client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}
