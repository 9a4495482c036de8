// Package redis stands in for github.com/redis/go-redis/v9.
package redis

import (
	"context"
	"time"
)

type StringCmd struct{ val string }

func (c *StringCmd) Result() (string, error) { return c.val, nil }

type Client struct{ addr string }

func NewClient(addr string) *Client { return &Client{addr: addr} }

func (c *Client) Get(ctx context.Context, key string) *StringCmd {
	<-ctx.Done()
	return &StringCmd{}
}

// BLPop waits for an element by design.
func (c *Client) BLPop(ctx context.Context, timeout time.Duration, keys ...string) *StringCmd {
	<-ctx.Done()
	return &StringCmd{}
}
