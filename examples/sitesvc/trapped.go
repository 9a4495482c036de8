package sitesvc

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
)

// TrappedHandler serves GET ?site=ID by asking the site service with a root
// context: a client that hangs up, or a site service that stalls, still
// holds this request for as long as the site service likes.
type TrappedHandler struct {
	Sites SiteInfoClient
}

func (h TrappedHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	site, err := h.Sites.GetSite(context.Background(), r.URL.Query().Get("site")) // trap: ctx-background
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(site)
}

// TrappedWatcher refreshes its cache of sites in the background. Its
// context can be cancelled but has no deadline, the cancel is skipped when a
// lookup fails, and the announcement uses a client without a timeout.
type TrappedWatcher struct {
	Sites SiteInfoClient
	Cache map[string]Site
}

func (w *TrappedWatcher) Refresh(ids []string) error {
	ctx, cancel := context.WithCancel(context.Background()) // trap: lost-cancel
	for _, id := range ids {
		site, err := w.Sites.GetSite(ctx, id) // trap: ctx-no-deadline
		if err != nil {
			return err
		}
		w.Cache[id] = site
	}
	cancel()
	return nil
}

func (w *TrappedWatcher) Announce(url string) error {
	resp, err := http.Get(url) // trap: http-no-timeout
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}
