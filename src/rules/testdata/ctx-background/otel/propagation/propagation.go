// Package propagation stands in for OpenTelemetry's: a propagator reads trace headers into
// context values and writes them back.
package propagation

import "context"

type TextMapCarrier interface {
	Get(key string) string
	Set(key, value string)
}

type MapCarrier map[string]string

func (c MapCarrier) Get(key string) string { return c[key] }
func (c MapCarrier) Set(key, value string) { c[key] = value }

type TextMapPropagator interface {
	Inject(ctx context.Context, carrier TextMapCarrier)
	Extract(ctx context.Context, carrier TextMapCarrier) context.Context
}
