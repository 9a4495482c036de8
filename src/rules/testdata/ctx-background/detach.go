// A pool builds a resource in a goroutine that outlives the caller's wait. Whether that goroutine
// runs on with the caller's context depends on the wrapper it gets: one that takes its
// cancellation from the pool's own context passes on only the caller's values, so the caller's
// cancellation ends nothing but its own wait, and a request should bound that.
package ctxbg

import (
	"context"
	"net/http"
	"time"
)

// valuesFrom reads values from one context and takes cancellation from another.
type valuesFrom struct {
	values context.Context
	life   context.Context
}

func (c *valuesFrom) Deadline() (time.Time, bool) { return c.life.Deadline() }
func (c *valuesFrom) Done() <-chan struct{}       { return c.lifetime().Done() }
func (c *valuesFrom) Err() error                  { return c.life.Err() }
func (c *valuesFrom) Value(key any) any           { return c.values.Value(key) }
func (c *valuesFrom) lifetime() context.Context   { return c.life }

func withValuesOf(values, life context.Context) context.Context {
	return &valuesFrom{values: values, life: life}
}

type Pool struct {
	base  context.Context
	build func(context.Context) (string, error)
}

// get waits for the build or for ctx; the build runs with the pool's lifetime.
func (p *Pool) get(ctx context.Context) (string, error) {
	out := make(chan string, 1)
	go func() {
		v, _ := p.build(withValuesOf(ctx, p.base))
		out <- v
	}()
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case v := <-out:
		return v, nil
	}
}

func (p *Pool) Serve(w http.ResponseWriter, r *http.Request) {
	v, _ := p.get(context.Background()) // want `context\.Background\(\) passed to get instead of r\.Context\(\)`
	w.Write([]byte(v))
}

// Look-alikes that keep the caller's cancellation: the goroutine runs on with it, so the root
// context is there on purpose. Quiet.

// linked takes both values and cancellation from its first context.
type linked struct {
	parent context.Context
	extra  context.Context
}

func (c *linked) Deadline() (time.Time, bool) { return c.parent.Deadline() }
func (c *linked) Done() <-chan struct{}       { return c.parentCtx().Done() }
func (c *linked) Err() error                  { return c.parent.Err() }
func (c *linked) Value(key any) any           { return c.extra.Value(key) }
func (c *linked) parentCtx() context.Context  { return c.parent }

func linkTo(parent, extra context.Context) context.Context {
	return &linked{parent: parent, extra: extra}
}

func (p *Pool) getLinked(ctx context.Context) (string, error) {
	out := make(chan string, 1)
	go func() {
		v, _ := p.build(linkTo(ctx, p.base))
		out <- v
	}()
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case v := <-out:
		return v, nil
	}
}

func (p *Pool) ServeLinked(w http.ResponseWriter, r *http.Request) {
	v, _ := p.getLinked(context.Background())
	w.Write([]byte(v))
}

// swapped is valuesFrom with the arguments the other way round: the caller's context is the
// lifetime.
func (p *Pool) getSwapped(ctx context.Context) (string, error) {
	out := make(chan string, 1)
	go func() {
		v, _ := p.build(withValuesOf(p.base, ctx))
		out <- v
	}()
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case v := <-out:
		return v, nil
	}
}

func (p *Pool) ServeSwapped(w http.ResponseWriter, r *http.Request) {
	v, _ := p.getSwapped(context.Background())
	w.Write([]byte(v))
}

// embedded promotes the caller's Done: its cancellation is the caller's.
type embedded struct {
	context.Context
	extra context.Context
}

func (c *embedded) Value(key any) any { return c.extra.Value(key) }

func embed(parent, extra context.Context) context.Context {
	return &embedded{Context: parent, extra: extra}
}

func (p *Pool) getEmbedded(ctx context.Context) (string, error) {
	out := make(chan string, 1)
	go func() {
		v, _ := p.build(embed(ctx, p.base))
		out <- v
	}()
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case v := <-out:
		return v, nil
	}
}

func (p *Pool) ServeEmbedded(w http.ResponseWriter, r *http.Request) {
	v, _ := p.getEmbedded(context.Background())
	w.Write([]byte(v))
}
