// Package context stands in for golang.org/x/net/context: aliases of the standard package.
package context

import "context"

type Context = context.Context

type CancelFunc = context.CancelFunc

func Background() Context { return context.Background() }

func TODO() Context { return context.TODO() }

func WithCancel(parent Context) (Context, CancelFunc) { return context.WithCancel(parent) }
