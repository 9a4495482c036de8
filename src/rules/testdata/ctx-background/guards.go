// Replacing a root context with the caller's changes behaviour: the fix is unsafe at best. Where
// the root context is there on purpose (the caller's is nil, the work must outlive the caller,
// the callee never waits on it) there is nothing to report.
package ctxbg

import (
	"context"
	"net/http"
	"os"
	"time"
)

type key struct{}

type Tracker struct {
	events chan string
	hooks  []func()
}

// Where ctx is nil there is no caller context to pass: quiet.
func (t *Tracker) Tag(ctx context.Context, v string) context.Context {
	if ctx == nil {
		return context.WithValue(context.Background(), key{}, v)
	}
	return context.WithValue(ctx, key{}, v)
}

// The same look with the test turned round: ctx is not nil there, and the call waits on the root
// context instead of it.
func (t *Tracker) TagWait(ctx context.Context, v string) {
	if ctx != nil {
		t.wait(context.WithValue(context.Background(), key{}, v)) // want `context\.Background\(\) passed to wait instead of ctx` fix:unsafe
	}
}

// follow keeps the context for a goroutine that runs after it returns: with the caller's
// context the watcher would stop when the caller's request ends. Quiet.
func (t *Tracker) follow(ctx context.Context) {
	go func() {
		<-ctx.Done()
		t.events <- "done"
	}()
}

func (t *Tracker) Start(ctx context.Context) {
	t.follow(context.Background())
}

// A hook registered to run later keeps its context too.
func (t *Tracker) atEnd(ctx context.Context, f func()) {
	t.hooks = append(t.hooks, func() {
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
			f()
		}
	})
}

func (t *Tracker) Register(ctx context.Context) {
	t.atEnd(context.Background(), func() {})
}

// wait only waits while it runs: the caller's context should bound it.
func (t *Tracker) wait(ctx context.Context) {
	select {
	case <-ctx.Done():
	case <-t.events:
	}
}

func (t *Tracker) Wait(ctx context.Context) {
	t.wait(context.Background()) // want `context\.Background\(\) passed to wait instead of ctx` fix:unsafe
}

// A goroutine started with the root context outlives the caller on purpose: quiet.
func (t *Tracker) Spawn(ctx context.Context) {
	go t.wait(context.Background())
	bg := context.WithValue(context.Background(), key{}, "spawned")
	go t.wait(bg)
}

// On a shutdown path the work must outlive the request that asked for it: quiet.
type Admin struct {
	srv *http.Server
}

func (a *Admin) drain(ctx context.Context) {
	a.srv.Shutdown(ctx)
	os.Exit(0)
}

func (a *Admin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.drain(context.Background())
}

func (a *Admin) stop(w http.ResponseWriter, r *http.Request) {
	a.srv.Shutdown(context.Background())
}

// count never looks at its context: which one it gets changes nothing. Quiet.
func (t *Tracker) count(ctx context.Context) int { return len(t.events) }

func (t *Tracker) Count(ctx context.Context) int {
	return t.count(context.Background())
}

// Nor does one that only reads a value from it.
func (t *Tracker) label(ctx context.Context) string {
	if v, ok := ctx.Value(key{}).(string); ok {
		return v
	}
	return ""
}

func (t *Tracker) Label(ctx context.Context) string {
	return t.label(context.Background())
}

// A context constructor hands the fresh context to its caller, who decides: quiet.
func (t *Tracker) Detached(ctx context.Context) (context.Context, context.CancelFunc) {
	fresh := context.WithValue(context.Background(), key{}, t.label(ctx))
	return context.WithTimeout(fresh, time.Second)
}

// A context kept next to the caller's in a list: its lifetime is the list's. Quiet.
func (t *Tracker) Both(ctx context.Context) []context.Context {
	ctxs := []context.Context{ctx}
	extra, cancel := context.WithTimeout(context.Background(), time.Second)
	_ = cancel
	ctxs = append(ctxs, extra)
	return ctxs
}

// dial reads the deadline in a helper goroutine and waits for it or for ctx: nothing of ctx runs
// on after it returns, so the caller's context should bound it.
func (t *Tracker) dial(ctx context.Context) error {
	done := make(chan error, 1)
	go func() {
		if _, ok := ctx.Deadline(); ok {
			done <- nil
			return
		}
		done <- nil
	}()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case err := <-done:
		return err
	}
}

func (t *Tracker) Dial(ctx context.Context) error {
	return t.dial(context.Background()) // want `context\.Background\(\) passed to dial instead of ctx` fix:unsafe
}

// A command that holds its context, then run by this function: the context is the command's.
type command struct {
	ctx  context.Context
	name string
}

func newCommand(ctx context.Context, name string) *command { return &command{ctx: ctx, name: name} }

func (t *Tracker) run(c *command) error {
	<-c.ctx.Done()
	return c.ctx.Err()
}

func (t *Tracker) Run(ctx context.Context) (*command, error) {
	c := newCommand(context.Background(), "slowlog") // want `context\.Background\(\) passed to newCommand instead of ctx` fix:unsafe
	err := t.run(c)
	return c, err
}

// watch acts on cancellation until unwatch is called: it honours ctx, it does not outlive it.
func (t *Tracker) watch(ctx context.Context, unwatch chan struct{}) {
	go func() {
		select {
		case <-ctx.Done():
			t.events <- "cancelled"
		case <-unwatch:
		}
	}()
}

func (t *Tracker) Watch(ctx context.Context) {
	stop := make(chan struct{})
	t.watch(context.Background(), stop) // want `context\.Background\(\) passed to watch instead of ctx` fix:unsafe
	close(stop)
}

// After a call given ctx failed, ctx may be done already: the release needs its own context.
func (t *Tracker) acquire(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case t.events <- "lock":
		return nil
	}
}

func (t *Tracker) Locked(ctx context.Context) error {
	err := t.acquire(ctx)
	if err != nil {
		t.wait(context.Background())
		return err
	}
	if err := t.acquire(ctx); err != nil {
		t.wait(context.Background())
	}
	// Success is no failure path: the release may take ctx.
	t.wait(context.Background()) // want `context\.Background\(\) passed to wait instead of ctx` fix:unsafe
	return nil
}

// Where ctx is done already, a root context stands in so that cleanup still runs: quiet.
func (t *Tracker) Abort(ctx context.Context) {
	abortCtx := ctx
	if abortCtx.Err() != nil {
		abortCtx = context.Background()
	}
	t.wait(abortCtx)
	if ctx.Err() != nil {
		t.wait(context.Background())
	}
}

// A helper given both the root context and the caller's derives a detached one on purpose.
func copyValues(to, from context.Context) context.Context {
	return context.WithValue(to, key{}, from.Value(key{}))
}

func (t *Tracker) Release(ctx context.Context) {
	detached := copyValues(context.Background(), ctx)
	t.wait(detached)
}
