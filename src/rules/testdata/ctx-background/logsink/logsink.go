// Package logsink is a logger behind an interface, as client libraries ship one: the
// implementations in this package only format and write, none waits on its context.
package logsink

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
)

type Logging interface {
	Printf(ctx context.Context, format string, v ...any)
}

type stderrLogger struct{ prefix string }

func (l *stderrLogger) Printf(ctx context.Context, format string, v ...any) {
	fmt.Fprintf(os.Stderr, l.prefix+format+"\n", v...)
}

type discard struct{}

func (discard) Printf(context.Context, string, ...any) {}

// swapLogger forwards to whichever Logging is installed: a call back into the interface.
type swapLogger struct{ v atomic.Pointer[Logging] }

func (s *swapLogger) Store(l Logging) { s.v.Store(&l) }

func (s *swapLogger) Load() Logging {
	if p := s.v.Load(); p != nil {
		return *p
	}
	return nil
}

func (s *swapLogger) Printf(ctx context.Context, format string, v ...any) {
	if l := s.Load(); l != nil {
		l.Printf(ctx, format, v...)
	}
}

func newSwap(l Logging) *swapLogger {
	s := &swapLogger{}
	s.Store(l)
	return s
}

var Logger = newSwap(&stderrLogger{prefix: "sink: "})

// Quiet turns logging off.
func Quiet() { Logger.Store(discard{}) }

// Store keeps entries; one implementation waits on its context.
type Store interface {
	Put(ctx context.Context, key string) error
}

type memStore struct{ keys map[string]bool }

func (m *memStore) Put(ctx context.Context, key string) error {
	m.keys[key] = true
	return nil
}

type remoteStore struct{ ch chan string }

func (r *remoteStore) Put(ctx context.Context, key string) error {
	select {
	case r.ch <- key:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func NewStore(remote bool) Store {
	if remote {
		return &remoteStore{ch: make(chan string)}
	}
	return &memStore{keys: map[string]bool{}}
}

// Hook has no implementation here: whoever installs one decides what it does.
type Hook interface {
	Fire(ctx context.Context, event string) error
}
