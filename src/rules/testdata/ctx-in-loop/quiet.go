package ctxinloop

import (
	"context"
	"time"

	"example.com/namespaces"
	ot "github.com/opentracing/opentracing-go"
)

func fresh(ctx context.Context, ids []string) {
	for _, id := range ids {
		ctx := context.WithValue(ctx, key(0), id) // a variable of the iteration
		ctx = context.WithValue(ctx, key(1), id)
		use(ctx)
	}
}

func resetEachTime(base context.Context, n int) {
	var ctx context.Context
	for i := 0; i < n; i++ {
		ctx = base
		ctx = context.WithValue(ctx, key(0), i)
		use(ctx)
	}
}

func otherParent(base context.Context, n int) {
	ctx := base
	for i := 0; i < n; i++ {
		ctx = context.WithValue(base, key(0), i) // derived from base, not from ctx
		use(ctx)
	}
}

func once(ctx context.Context) {
	for {
		ctx = context.WithValue(ctx, key(0), 1) // the loop cannot go round after this
		break
	}
	use(ctx)
}

func returnsFirst(ctx context.Context, ok func() bool) {
	for {
		if ok() {
			ctx = context.WithValue(ctx, key(0), 1)
			use(ctx)
			return
		}
	}
}

func perElement(ctxs []context.Context) {
	for i := range ctxs {
		ctxs[i] = context.WithValue(ctxs[i], key(0), i) // a different element each time
	}
}

func valueCopy(h holder, n int) {
	for i := 0; i < n; i++ {
		c := h // a copy of the struct per iteration
		c.Ctx = context.WithValue(c.Ctx, key(0), i)
		use(c.Ctx)
	}
}

func initInHeader(n int) {
	for i := 0; i < n; i++ {
		if ctx := context.Background(); i > 0 {
			ctx = context.WithValue(ctx, key(0), i)
			use(ctx)
		}
	}
}

// Not always derived from its argument: it may hand back a fresh root.
func maybeFresh(ctx context.Context, fresh bool) context.Context {
	if fresh {
		return context.Background()
	}
	return context.WithValue(ctx, key(1), 1)
}

// Returns its argument unchanged: nothing stacks.
func identity(ctx context.Context) context.Context { return ctx }

func notWrappers(ctx context.Context, n int) {
	for i := 0; i < n; i++ {
		ctx = maybeFresh(ctx, i%2 == 0)
		ctx = identity(ctx)
		use(ctx)
	}
}

func timeoutPerAttempt(ctx context.Context, attempts int) {
	for i := 0; i < attempts; i++ {
		attemptCtx, cancel := context.WithTimeout(ctx, time.Second)
		use(attemptCtx)
		cancel()
	}
}

// A literal called where it is written, and one that does not outlive the function.
func literals(ctx context.Context) {
	func() {
		ctx = context.WithValue(ctx, key(0), 1)
	}()
	f := func() { ctx = context.WithValue(ctx, key(1), 1) }
	f()
	use(ctx)
}

// A literal whose parameter shadows the outer context.
func shadowingLiteral(ctx context.Context) func(context.Context) {
	return func(ctx context.Context) {
		ctx = context.WithValue(ctx, key(2), 1)
		use(ctx)
	}
}

// Accumulation on purpose: one value per element of a finite collection, the context used only
// after the loop (gRPC-style outgoing headers built from a config map).
func headersFromConfig(ctx context.Context, headers map[string][]string) context.Context {
	for k, vs := range headers {
		for _, v := range vs {
			ctx = context.WithValue(ctx, k, v)
		}
	}
	use(ctx)
	return ctx
}

func labelsFromList(base context.Context, labels []string) {
	ctx := context.WithValue(base, key(9), "")
	for i, l := range labels {
		ctx = context.WithValue(ctx, key(i), l)
	}
	use(ctx)
}

// Each attempt derives its span context from the caller's context, not from the last attempt's.
func retrySpansFresh(ctx context.Context, tries []func(context.Context) error) error {
	parent := ot.SpanFromContext(ctx)
	for _, try := range tries {
		callCtx := ctx
		var child ot.Span
		if parent != nil {
			child = parent.Tracer().StartSpan("query")
			callCtx = ot.ContextWithSpan(callCtx, child)
		}
		err := try(callCtx)
		if child != nil {
			child.Finish()
		}
		if err == nil {
			return nil
		}
	}
	return nil
}

// Re-derives its parameter in place but hands back a fresh root: nothing of the argument stays.
func detachedAfterAll(ctx context.Context, ns string) context.Context {
	ctx = context.WithValue(ctx, nsKey{}, ns)
	use(ctx)
	return context.Background()
}

type session struct{ base context.Context }

// Re-derives its parameter, then returns a context kept in a field, not derived from it.
func (s *session) fromStore(ctx context.Context, ns string) context.Context {
	ctx = context.WithValue(ctx, nsKey{}, ns)
	use(ctx)
	ctx = s.base
	return ctx
}

// Returns the stored context itself.
func (s *session) stored(ctx context.Context) context.Context {
	use(ctx)
	return s.base
}

// Recursive: the summary does not follow it.
func nested(ctx context.Context, depth int) context.Context {
	if depth == 0 {
		return context.WithValue(ctx, key(9), depth)
	}
	return nested(ctx, depth-1)
}

func notDerivedFromArgument(ctx context.Context, s *session, nss []string) {
	for i, ns := range nss {
		ctx = detachedAfterAll(ctx, ns)
		ctx = s.fromStore(ctx, ns)
		ctx = s.stored(ctx)
		ctx = nested(ctx, i)
		use(ctx)
	}
}

// The wrapper's result goes to a variable of the iteration.
func freshNamespace(ctx context.Context, nss []string) {
	for _, ns := range nss {
		nsCtx := withNamespace(ctx, ns)
		use(nsCtx)
		ctx := withNamespace(ctx, ns)
		use(ctx)
	}
}

// The dependency's other function starts from a fresh root; a fresh variable per namespace.
func perNamespaceQuiet(ctx context.Context, nss []string) {
	for _, ns := range nss {
		ctx = namespaces.Root(ctx, ns)
		use(ctx)
		nsCtx := namespaces.WithNamespace(ctx, ns)
		use(nsCtx)
	}
}
