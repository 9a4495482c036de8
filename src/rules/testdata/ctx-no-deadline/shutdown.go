// A graceful shutdown waits until every client connection is idle: with a root context and
// no deadline, one client that keeps its connection open stalls the stop forever.
package nodeadline

import (
	"context"
	"net/http"
	"time"
)

type endpoint struct {
	server *http.Server
}

func (e *endpoint) stop() {
	e.server.Shutdown(context.Background()) // want "graceful shutdown that waits until every client connection is idle.*no deadline"
}

func (e *endpoint) stopCancellable() error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	return e.server.Shutdown(ctx) // want "graceful shutdown.*no deadline"
}

// Quiet: a deadline bounds the wait.
func (e *endpoint) stopWithin(d time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	if err := e.server.Shutdown(ctx); err != nil {
		return e.server.Close()
	}
	return nil
}

// Quiet: the caller's context decides how long to wait.
func (e *endpoint) stopWith(ctx context.Context) error {
	return e.server.Shutdown(ctx)
}

// Quiet: Close does not wait for connections.
func (e *endpoint) stopNow() error {
	return e.server.Close()
}

// Quiet: a Shutdown method of another type is not the server's drain.
type pool struct{}

func (pool) Shutdown(ctx context.Context) error { return ctx.Err() }

func stopPool(p pool) error {
	return p.Shutdown(context.Background())
}
