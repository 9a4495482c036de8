package nilctx

import (
	"context"

	"example.com/nil-ctx/pages"
)

// Interfaces declared where they are used, implemented by an imported package.
type looker interface {
	Lookup(name string, ctx context.Context) int
}

type fetcher interface {
	Fetch(ctx context.Context) error
}

var (
	_ looker  = pages.Page{}
	_ fetcher = pages.Fetcher{}
)

func viaImported(l looker, f fetcher) error {
	// The only implementation never uses it as a context.
	_ = l.Lookup("x", nil)

	return f.Fetch(nil) // want `of Fetch`
}
