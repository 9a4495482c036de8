// The callee uses the context somewhere, perhaps a call or a closure away: nil there panics.
package nilctx

import "context"

// Hands it to a function that waits on it.
func relay(ctx context.Context) error { return fetch(ctx, "k") }

type holder struct{ ctx context.Context }

// Keeps it for later use.
func (h *holder) set(ctx context.Context) { h.ctx = ctx }

// Hands it back as a context.
func same(ctx context.Context) context.Context { return ctx }

// Derives from it: context.WithCancel panics on a nil parent.
func derive(ctx context.Context) {
	c, cancel := context.WithCancel(ctx)
	defer cancel()
	_ = c
}

// Turns it into an interface that still has Done.
func viaDoner(ctx context.Context) {
	var d doner = ctx
	<-d.Done()
}

// Uses it in a closure it returns.
func closes(ctx context.Context) func() error {
	return func() error { return ctx.Err() }
}

// Hands it to a function whose signature promises a context (a body that does not mention it
// yet may use it tomorrow).
func handsOn(ctx context.Context) int { return unusedYet(ctx) }

// Returned as `any` too, but also asked for a value.
func both(ctx context.Context) any {
	_ = ctx.Value("k")
	return ctx
}

type source interface {
	Load(ctx context.Context) error
}

type diskSource struct{}

func (diskSource) Load(ctx context.Context) error { return nil }

type netSource struct{}

func (netSource) Load(ctx context.Context) error { return ctx.Err() }

func callsUsers(h *holder, s source) {
	_ = relay(nil)   // want `of relay`
	h.set(nil)       // want `of set`
	_ = same(nil)    // want `of same`
	derive(nil)      // want `of derive`
	viaDoner(nil)    // want `of viaDoner`
	_ = closes(nil)  // want `of closes`
	_ = both(nil)    // want `of both`
	_ = handsOn(nil) // want `of handsOn`
	_ = s.Load(nil)  // want `of Load`
}

// Only a test double (doubles_test.go) implements it in this package: the shipped program gets
// some other implementation.
type sink interface {
	Put(ctx context.Context, v int) error
}

func feed(s sink) error {
	return s.Put(nil, 1) // want `of Put`
}
