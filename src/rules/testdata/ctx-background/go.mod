module example.com/ctx-background

go 1.21

require go.opentelemetry.io/otel v0.0.0

replace go.opentelemetry.io/otel => ./otel
