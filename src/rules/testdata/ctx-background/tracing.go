package ctxbg

import (
	"context"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
)

// The global propagator only reads the carrier into context values: extracting into a clean
// context, so that a span already in ctx cannot mask a bad carrier, waits on nothing. Quiet.
func remoteParent(ctx context.Context, header map[string]string) context.Context {
	propagator := otel.GetTextMapPropagator()
	extracted := propagator.Extract(context.Background(), propagation.MapCarrier(header))
	if extracted == nil {
		return ctx
	}
	return extracted
}
