package ctxbg

import (
	"context"

	"example.com/ctx-background/logsink"
)

type Syncer struct {
	store logsink.Store
	hook  logsink.Hook
	log   logsink.Logging
}

// Quiet: every implementation of Logging in its package only formats and writes.
func (s *Syncer) logDirect(ctx context.Context, key string) {
	logsink.Logger.Printf(context.Background(), "syncing %s", key)
}

func (s *Syncer) logThroughInterface(ctx context.Context, key string) {
	s.log.Printf(context.Background(), "synced %s", key)
}

// Buggy: one implementation of Store waits on its context.
func (s *Syncer) put(ctx context.Context, key string) error {
	return s.store.Put(context.Background(), key) // want `context\.Background\(\) passed to Put instead of ctx` fix:unsafe
}

// Buggy: no implementation of Hook is known, so it may wait.
func (s *Syncer) fire(ctx context.Context, key string) error {
	return s.hook.Fire(context.TODO(), key) // want `context\.TODO\(\) passed to Fire instead of ctx` fix:unsafe
}
