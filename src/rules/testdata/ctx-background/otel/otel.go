// Package otel stands in for OpenTelemetry's global registry.
package otel

import "go.opentelemetry.io/otel/propagation"

var global propagation.TextMapPropagator

func GetTextMapPropagator() propagation.TextMapPropagator { return global }

func SetTextMapPropagator(p propagation.TextMapPropagator) { global = p }
