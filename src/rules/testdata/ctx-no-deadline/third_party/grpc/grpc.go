// Package grpc stands in for google.golang.org/grpc: the pieces generated clients mention.
package grpc

import "context"

type CallOption interface{ before() error }

type ClientStream interface {
	Context() context.Context
	CloseSend() error
}
