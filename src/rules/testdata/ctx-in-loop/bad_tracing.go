package ctxinloop

import (
	"context"
	"errors"

	ot "github.com/opentracing/opentracing-go"
)

type upstream func(context.Context) error

// A retry loop that puts each attempt's span in the context it keeps: every attempt's context
// wraps the spans of all the attempts before it.
func retrySpans(ctx context.Context, tries []upstream) error {
	parent := ot.SpanFromContext(ctx)
	for _, try := range tries {
		var child ot.Span
		if parent != nil {
			child = parent.Tracer().StartSpan("query")
			ctx = ot.ContextWithSpan(ctx, child) // want `re-derived from itself by ot.ContextWithSpan.*nested context in loop`
		}
		err := try(ctx)
		if child != nil {
			child.Finish()
		}
		if err == nil {
			return nil
		}
	}
	return errors.New("no upstream answered")
}
