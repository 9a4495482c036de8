package nilctx

import (
	"context"
	"testing"
)

type fakeSink struct{ got []int }

func (f *fakeSink) Put(ctx context.Context, v int) error {
	_ = ctx
	f.got = append(f.got, v)
	return nil
}

// In a test, the double is what the interface holds.
func TestFeed(t *testing.T) {
	var s sink = &fakeSink{}
	if err := s.Put(nil, 2); err != nil {
		t.Fatal(err)
	}
}
