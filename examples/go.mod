module gotrap.dev/examples

go 1.21

require google.golang.org/grpc v1.0.0

replace google.golang.org/grpc => ./third_party/grpc
