package sitesvc

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

const siteServiceDelay = 3 * time.Second

// timedGet serves one request through handler and returns its status, body
// and how long the client waited.
func timedGet(t *testing.T, handler http.Handler) (int, []byte, time.Duration) {
	t.Helper()
	srv := httptest.NewServer(handler)
	defer srv.Close()
	client := &http.Client{Timeout: 20 * time.Second}
	start := time.Now()
	resp, err := client.Get(srv.URL + "/?site=S042")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body json.RawMessage
	json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, body, time.Since(start)
}

func TestTrappedHandlerWaitsOutTheSiteService(t *testing.T) {
	t.Parallel()
	status, body, took := timedGet(t, TrappedHandler{Sites: SlowSiteClient{Delay: siteServiceDelay}})
	if status != http.StatusOK {
		t.Fatalf("status %d, want 200 once the site service answers", status)
	}
	if took < 2900*time.Millisecond {
		t.Fatalf("answered after %v; it should wait the full %v", took, siteServiceDelay)
	}
	var site Site
	if err := json.Unmarshal(body, &site); err != nil || site.ID != "S042" {
		t.Fatalf("body %s (%v), want site S042", body, err)
	}
}

func TestCorrectedHandlerAnswers504OnDeadline(t *testing.T) {
	t.Parallel()
	status, _, took := timedGet(t, Handler{Sites: SlowSiteClient{Delay: siteServiceDelay}})
	if status != http.StatusGatewayTimeout {
		t.Fatalf("status %d, want 504", status)
	}
	if took < 1900*time.Millisecond || took > 2800*time.Millisecond {
		t.Fatalf("answered after %v, want about %v", took, SiteBudget)
	}
}

func TestCorrectedHandlerPassesFastAnswers(t *testing.T) {
	t.Parallel()
	status, _, took := timedGet(t, Handler{Sites: SlowSiteClient{Delay: 10 * time.Millisecond}})
	if status != http.StatusOK || took > time.Second {
		t.Fatalf("status %d after %v, want 200 quickly", status, took)
	}
}

func TestCorrectedWatcherGivesUpWithinBudget(t *testing.T) {
	t.Parallel()
	w := NewWatcher(SlowSiteClient{Delay: siteServiceDelay})
	start := time.Now()
	err := w.Refresh([]string{"S1"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v, want the deadline", err)
	}
	if took := time.Since(start); took > 2800*time.Millisecond {
		t.Fatalf("refresh took %v, want at most about %v", took, SiteBudget)
	}
}
