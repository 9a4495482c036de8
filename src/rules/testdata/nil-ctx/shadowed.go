package nilctx

import "context"

type session struct{ id string }

// A local named context hides the package: context.TODO() would not compile here, so the
// finding comes without a fix.
func shadowed(s *store) error {
	context := session{id: "x"}
	_ = context.id
	return s.Get(nil, "k") // want `of Get`
}

func keepImport(ctx context.Context) error { return ctx.Err() }
