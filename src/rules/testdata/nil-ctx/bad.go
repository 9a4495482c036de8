// nil where a context.Context is expected: the callee panics at its first ctx.Done().
package nilctx

import (
	"context"
	"time"
)

func fetch(ctx context.Context, key string) error {
	<-ctx.Done()
	return ctx.Err()
}

func second(key string, ctx context.Context) error { return ctx.Err() }

type store struct{}

func (s *store) Get(ctx context.Context, key string) error { return ctx.Err() }

func (s *store) All(keys []string, ctxs ...context.Context) {}

type getter interface {
	Get(ctx context.Context, key string) error
}

func generic[T any](ctx context.Context, v T) T { return v }

func direct() error {
	return fetch(nil, "k") // want `nil Context: nil is passed to parameter ctx \(context.Context\) of fetch`
}

func notFirst() error {
	return second("k", nil) // want `parameter ctx \(context.Context\) of second`
}

func method(s *store) error {
	return s.Get(nil, "k") // want `of Get`
}

func viaInterface(g getter) error {
	return g.Get(nil, "k") // want `of Get`
}

func funcValue(f func(context.Context) error) error {
	return f(nil) // want `a context.Context parameter of f`
}

func variadic(s *store) {
	s.All([]string{"k"}, context.Background(), nil) // want `parameter ctxs`
}

func generics() int {
	a := generic[int](nil, 1) // want `parameter ctx`

	b := generic(nil, 2) // want `parameter ctx`
	return a + b
}

func stdlib() context.Context {
	ctx, cancel := context.WithTimeout(nil, time.Second) // want `parameter parent`
	defer cancel()
	_ = ctx.Err()
	return context.WithValue(nil, "k", 1) // want `parameter parent`
}

// A named parameter the body does not use yet still gets a nil Context.
func unusedYet(ctx context.Context) int { return 2 }

func callsUnused() int {
	return unusedYet(nil) // want `of unusedYet`
}

// Comparing with nil to panic rejects nil.
func strict(ctx context.Context) error {
	if ctx == nil {
		panic("nil context")
	}
	return ctx.Err()
}

func callsStrict() error {
	return strict(nil) // want `of strict`
}
