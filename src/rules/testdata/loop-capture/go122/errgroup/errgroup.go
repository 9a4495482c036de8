// Package errgroup is a minimal stand-in for golang.org/x/sync/errgroup so the
// fixture needs no download: only the shape of Group.Go matters to the rule.
package errgroup

import "sync"

type Group struct {
	wg   sync.WaitGroup
	once sync.Once
	err  error
}

func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.once.Do(func() { g.err = err })
		}
	}()
}

func (g *Group) Wait() error {
	g.wg.Wait()
	return g.err
}
