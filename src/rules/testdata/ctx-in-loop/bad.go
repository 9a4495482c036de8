// Contexts re-derived from themselves across iterations: each one keeps the previous as parent.
package ctxinloop

import (
	"context"
	"net/http"
	"runtime/pprof"
	"time"
)

type key int

func values(ctx context.Context, ids []string) {
	for _, id := range ids {
		ctx = context.WithValue(ctx, key(0), id) // want `ctx is re-derived from itself by context.WithValue and the next iteration of the loop on line 14`
		use(ctx)
	}
}

func twice(ctx context.Context, n int) {
	for i := 0; i < n; i++ {
		ctx = context.WithValue(ctx, key(0), i) // want `nested context in loop`
		ctx = context.WithValue(ctx, key(1), i)
		use(ctx)
	}
}

func cancels(ctx context.Context, work <-chan int) {
	for w := range work {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Second) // want `by context.WithTimeout`
		use(ctx)
		cancel()
		_ = w
	}
}

func redeclared(parent context.Context, n int) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	for i := 0; i < n; i++ {
		ctx, cancel := context.WithCancel(ctx) // a new ctx in the body: quiet
		use(ctx)
		cancel()
	}
	for {
		var stop context.CancelFunc
		ctx, stop = context.WithCancel(ctx) // want `nested context in loop`
		stop()
		if ctx.Err() != nil {
			return nil
		}
	}
}

func inBranches(ctx context.Context, events <-chan string) {
	for {
		select {
		case e := <-events:
			if e != "" {
				ctx = context.WithValue(ctx, key(2), e) // want `nested context in loop`
			}
		case <-ctx.Done():
			return
		}
	}
}

// A wrapper of the package whose result always derives from its argument.
func withRequestID(ctx context.Context, id string) context.Context {
	if id == "" {
		return ctx
	}
	return context.WithValue(ctx, key(3), id)
}

func throughWrapper(ctx context.Context, ids []string) {
	for _, id := range ids {
		ctx = withRequestID(ctx, id) // want `by withRequestID`
		use(ctx)
	}
}

type holder struct{ Ctx context.Context }

func fields(ctx context.Context, n int) {
	r := []holder{{ctx}}
	for i := 0; i < n; i++ {
		r[0].Ctx = context.WithValue(r[0].Ctx, key(4), i) // want `r\[0\].Ctx is re-derived`
	}
	p := &holder{ctx}
	for i := 0; i < n; i++ {
		c := p                                      // the same holder every time
		c.Ctx = context.WithValue(c.Ctx, key(5), i) // want `c.Ctx is re-derived`
	}
}

// Every request served wraps the same captured context once more.
func middleware(ctx context.Context, next func(context.Context)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx = context.WithValue(ctx, key(6), r.URL.Path) // want `nested context in function literal`
		next(ctx)
	}
}

func use(context.Context) {}

func labels(ctx context.Context, names []string) {
	for _, n := range names {
		ctx = pprof.WithLabels(ctx, pprof.Labels("name", n)) // want `by pprof.WithLabels`
		pprof.SetGoroutineLabels(ctx)
	}
}

// A range over a finite collection still nests when an iteration uses the context it just
// wrapped: each element's work gets the whole chain of the elements before it.
func perElementUse(ctx context.Context, ids map[string]string) {
	for k, v := range ids {
		ctx = context.WithValue(ctx, key(0), k+v) // want `nested context in loop`
		go use(ctx)
	}
}

// The accumulation over the headers is bounded, but the loop around it runs it again on the
// accumulated context, and that loop is not a range over a collection.
func rebuiltEachRound(ctx context.Context, headers []string, rounds <-chan int) {
	for range rounds {
		for _, h := range headers {
			ctx = context.WithValue(ctx, key(0), h) // want `nested context in loop`
		}
		use(ctx)
	}
}

// A channel has no end the code can see: accumulating over it grows without bound even when
// the context is only used after the loop.
func fromChannel(ctx context.Context, events <-chan string) {
	for ev := range events {
		ctx = context.WithValue(ctx, key(0), ev) // want `nested context in loop`
	}
	use(ctx)
}

// Wrappers that re-derive their parameter in place and hand it down a chain of wrappers before
// returning it (the shape of a namespace helper that also sets RPC headers).
type nsKey struct{}

func withHeader(ctx context.Context, ns string) context.Context {
	return context.WithValue(ctx, key(7), ns)
}

func withTrailer(ctx context.Context, ns string) context.Context {
	ctx = context.WithValue(ctx, key(8), ns)
	return ctx
}

func withNamespace(ctx context.Context, ns string) context.Context {
	ctx = context.WithValue(ctx, nsKey{}, ns)
	return withTrailer(withHeader(ctx, ns), ns)
}

func everyNamespace(ctx context.Context, nss []string) {
	for _, ns := range nss {
		ctx = withNamespace(ctx, ns) // want `ctx is re-derived from itself by withNamespace and the next iteration`
		use(ctx)
	}
}

// Two re-derivations in place, each through a wrapper.
func twiceWrapped(ctx context.Context, ns string) context.Context {
	ctx = withNamespace(ctx, ns)
	ctx = withNamespace(ctx, ns+"/sub")
	return ctx
}

func everySubNamespace(ctx context.Context, nss []string) {
	for _, ns := range nss {
		ctx = twiceWrapped(ctx, ns) // want `by twiceWrapped`
		use(ctx)
	}
}
