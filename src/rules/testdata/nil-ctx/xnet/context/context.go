// Package context is a stand-in for golang.org/x/net/context: its Context is the standard
// library's, as in the real package since Go 1.9.
package context

import "context"

type Context = context.Context

func TODO() Context { return context.TODO() }

func WithValue(parent Context, key, val any) Context { return context.WithValue(parent, key, val) }
