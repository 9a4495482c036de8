// Package opentracing is a stub of the parts of github.com/opentracing/opentracing-go the
// fixtures use, with ContextWithSpan written as the library writes it: the context goes through
// the tracer's hook (an interface method, which the analysis cannot follow) before it is wrapped,
// so even with the source at hand only the API's name says that the result derives from ctx.
package opentracing

import "context"

type Span interface {
	Finish()
	Tracer() Tracer
}

type Tracer interface {
	StartSpan(operationName string) Span
}

// TracerContextWithSpanExtension is the extension a tracer implements to see every span put in a context.
type TracerContextWithSpanExtension interface {
	ContextWithSpanHook(ctx context.Context, span Span) context.Context
}

type contextKey struct{}

func ContextWithSpan(ctx context.Context, span Span) context.Context {
	if span != nil {
		if h, ok := span.Tracer().(TracerContextWithSpanExtension); ok {
			ctx = h.ContextWithSpanHook(ctx, span)
		}
	}
	return context.WithValue(ctx, contextKey{}, span)
}

func SpanFromContext(ctx context.Context) Span {
	s, _ := ctx.Value(contextKey{}).(Span)
	return s
}
