module example.com/ctx-no-deadline

go 1.21

require (
	github.com/redis/go-redis/v9 v9.0.0
	golang.org/x/net v0.0.0
	google.golang.org/grpc v1.0.0
)

replace (
	github.com/redis/go-redis/v9 => ./third_party/redis
	golang.org/x/net => ./third_party/xnet
	google.golang.org/grpc => ./third_party/grpc
)
