// Replacing a root context with the caller's changes behaviour: the fix is unsafe at best, and
// absent where the replacement would break or stop work that must outlive the caller.
package ctxbg

import (
	"context"
	"net/http"
	"os"
)

type key struct{}

type Tracker struct {
	events chan string
}

// Where ctx is nil, passing it panics: no fix.
func (t *Tracker) Tag(ctx context.Context, v string) context.Context {
	if ctx == nil {
		return context.WithValue(context.Background(), key{}, v) // want `context\.Background\(\)` fix:none
	}
	return context.WithValue(ctx, key{}, v)
}

// follow keeps the context for a goroutine that runs after it returns: with the caller's
// context the watcher would stop when the caller's request ends. No fix.
func (t *Tracker) follow(ctx context.Context) {
	go func() {
		<-ctx.Done()
		t.events <- "done"
	}()
}

func (t *Tracker) Start(ctx context.Context) {
	t.follow(context.Background()) // want `context\.Background\(\)` fix:none
}

// On a shutdown path the work must outlive the request that asked for it: no fix.
type Admin struct {
	srv *http.Server
}

func (a *Admin) drain(ctx context.Context) {
	a.srv.Shutdown(ctx)
	os.Exit(0)
}

func (a *Admin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.drain(context.Background()) // want `context\.Background\(\)` fix:none
}

// Elsewhere the replacement is offered, as unsafe: the call now stops with the caller.
func (t *Tracker) count(ctx context.Context) int { return len(t.events) }

func (t *Tracker) Count(ctx context.Context) int {
	return t.count(context.Background()) // want `context\.Background\(\)` fix:unsafe
}
