// Package namespaces is a dependency whose wrapper re-derives its parameter in place and then
// hands it through two helpers of its own package before returning it, the way containerd's
// namespace helper sets a value and RPC headers.
package namespaces

import "context"

type nsKey struct{}
type headerKey struct{}
type trailerKey struct{}

func WithNamespace(ctx context.Context, ns string) context.Context {
	ctx = context.WithValue(ctx, nsKey{}, ns)
	return withTrailer(withHeader(ctx, ns), ns)
}

func withHeader(ctx context.Context, ns string) context.Context {
	if prev, ok := ctx.Value(headerKey{}).(string); ok {
		ns = prev + "," + ns
	}
	return context.WithValue(ctx, headerKey{}, ns)
}

func withTrailer(ctx context.Context, ns string) context.Context {
	ctx = context.WithValue(ctx, trailerKey{}, ns)
	return ctx
}

// Root hands back a context that does not hold its argument.
func Root(ctx context.Context, ns string) context.Context {
	_ = WithNamespace(ctx, ns)
	return context.WithValue(context.Background(), nsKey{}, ns)
}
