// Package pages implements interfaces its importers declare.
package pages

import "context"

// Page hands its context to templates as a value only.
type Page struct{}

func (Page) Lookup(name string, ctx context.Context) int {
	vals := map[string]func() any{"ctx": func() any { return ctx }}
	return len(vals) + len(name)
}

// Fetcher waits on its context.
type Fetcher struct{}

func (Fetcher) Fetch(ctx context.Context) error { return ctx.Err() }
