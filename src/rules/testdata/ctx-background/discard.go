package ctxbg

import (
	"context"
	"time"
)

type Syncer2 struct{ events chan string }

func (s *Syncer2) send(ctx context.Context, ev string) error {
	select {
	case s.events <- ev:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Syncer2) note(ctx context.Context, ev string) { _ = ev }

// The caller's context is thrown away and the work waits on a fresh one: reported, no fix (there
// is no name to pass).
func (s *Syncer2) Sync(_ context.Context, ev string) error {
	ctx, cancel := context.WithCancel(context.TODO()) // want `context\.TODO\(\) passed to send through ctx in a function that discards the context it is given` fix:none
	defer cancel()
	return s.send(ctx, ev)
}

// The caller's context is set aside and the work gets a deadline of its own: a deliberate
// bound. Quiet.
func (s *Syncer2) SyncBounded(_ context.Context, ev string) error {
	ctx, cancel := context.WithTimeout(context.TODO(), time.Second)
	defer cancel()
	return s.send(ctx, ev)
}

func (s *Syncer2) Push(context.Context, string) error {
	return s.send(context.Background(), "push") // want `context\.Background\(\) passed to send in a function that discards the context it is given` fix:none
}

// The fresh context goes to a callee that never waits on it: quiet.
func (s *Syncer2) Note(_ context.Context, ev string) {
	s.note(context.Background(), ev)
}

// No context parameter at all: quiet.
func (s *Syncer2) Flush(ev string) error {
	return s.send(context.Background(), ev)
}
