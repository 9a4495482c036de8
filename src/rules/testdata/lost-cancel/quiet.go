// Look-alikes that must stay quiet: cancel is deferred, called on every
// path, or handed to someone who will call it.
package lostcancel

import (
	"context"
	"time"
)

func deferred(parent context.Context) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	return ctx.Err()
}

func everyPath(parent context.Context, ready bool) error {
	ctx, cancel := context.WithCancel(parent)
	if !ready {
		cancel()
		return nil
	}
	err := ctx.Err()
	cancel()
	return err
}

func handedBack(parent context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(parent, time.Second)
}

func returnedVariable(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	return ctx, cancel
}

type Session struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (s *Session) Start(parent context.Context) {
	s.ctx, s.cancel = context.WithCancel(parent)
}

func stopLater(parent context.Context, done <-chan struct{}) context.Context {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		<-done
		cancel()
	}()
	return ctx
}

func deferredLiteral(parent context.Context) error {
	ctx, cancel := context.WithDeadline(parent, time.Now().Add(time.Minute))
	defer func() {
		cancel()
	}()
	return ctx.Err()
}
