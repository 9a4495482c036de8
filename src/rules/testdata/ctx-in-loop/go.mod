module example.com/ctx-in-loop

go 1.21

require (
	example.com/namespaces v0.0.0
	github.com/opentracing/opentracing-go v0.0.0
)

replace github.com/opentracing/opentracing-go => ./third_party/opentracing

replace example.com/namespaces => ./third_party/namespaces
