// Package grpc stands in for google.golang.org/grpc, so the examples build offline: generated
// clients take their call options as ...grpc.CallOption.
package grpc

type CallOption interface{ before() error }
