package nilctx

import "context"

type T struct{}

func (*T) Foo() {}

func (T) Bar(ctx context.Context) {}

type doner interface{ Done() <-chan struct{} }

func takesAny(v any)                    {}
func takesDoner(d doner)                {}
func takesSlice(ctxs []context.Context) {}
func takesPointer(p *context.Context)   {}
func takesFunc(f func(context.Context)) {}

func typeParam[C context.Context](c C) {}

func quiet() {
	// Conversions, not calls.
	_ = (func(context.Context))(nil)
	_ = (func())(nil)
	// A method expression whose first argument is the receiver.
	(*T).Foo(nil)
	// An explicitly typed nil says the author means it.
	fetch(context.Context(nil), "k")
	// Parameters of other types.
	takesAny(nil)
	takesDoner(nil)
	takesSlice(nil)
	takesPointer(nil)
	takesFunc(nil)
	// Spread into the variadic parameter: the slice is nil, not a Context.
	var s store
	s.All(nil, nil...)
	s.All(nil)
	var t T
	t.Bar(context.TODO())
}

// Written to accept nil: the body tests the parameter.
func orBackground(ctx context.Context) context.Context {
	if ctx == nil {
		return context.Background()
	}
	return ctx
}

func tolerated() context.Context { return orBackground(nil) }

// Accepts nil one call deeper (also past a spread argument), or cannot use the parameter.
func forwards(ctx context.Context, vs ...int) context.Context { return spread(ctx, vs...) }

func spread(ctx context.Context, vs ...int) context.Context { return orBackground(ctx) }

func ignores(context.Context) int { return 1 }

func blank(_ context.Context) int { return 2 }

func deeper() int {
	_ = forwards(nil)
	return ignores(nil) + blank(nil)
}

// Never used as a context: the body mentions the parameter, but calls no method on it, derives
// nothing from it, and hands it on only where that holds too, or as an `any` (a nil `any` fails
// every assertion back to a Context).
func discards(ctx context.Context) int {
	_ = ctx
	return 1
}

func hands(ctx context.Context) int { return discards(ctx) }

func funcs(ctx context.Context) map[string]func() any {
	return map[string]func() any{"ctx": func() any { return ctx }}
}

func dropped(ctx context.Context) int {
	var v any = ctx
	_ = v
	return len(funcs(ctx))
}

// Every implementation in the package leaves the parameter alone.
type renderer interface {
	Lookup(name string, ctx context.Context) int
}

type page struct{}

func (page) Lookup(name string, ctx context.Context) int { return len(funcs(ctx)) + len(name) }

type mockPage struct{}

func (mockPage) Lookup(string, context.Context) int { return 0 }

func unused(r renderer) int {
	return discards(nil) + hands(nil) + dropped(nil) + r.Lookup("x", nil)
}
