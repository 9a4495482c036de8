package deferloop

import (
	"errors"
	"fmt"
	"io"
	"net/http"
)

type sealer struct{ name string }

func (s *sealer) Finalize(note string) error { return nil }
func (s *sealer) Kind() string               { return s.name }

type span struct{}

func startSpan(name string) (string, *span) { return name, &span{} }
func (*span) End()                          {}

// The seals are still used after the loop; the deferred literal works on a copy of the loop
// variable (handed out by the loop, not acquired), and what the literal declares itself (the span,
// the error) is made when it runs at return, not by the iteration.
func finalizeAll(seals []*sealer) error {
	var err error
	for _, seal := range seals {
		seal := seal
		defer func(s *sealer) {
			note, sp := startSpan("finalize " + s.Kind())
			if ferr := s.Finalize(note); ferr != nil {
				fmt.Println(ferr)
			}
			sp.End()
		}(seal)
	}
	for _, s := range seals {
		err = s.Finalize("check")
	}
	return err
}

type nftable struct{ fam int }

func deleteTable(fam int) error { return nil }

// One cleanup per family, handed the loop's value: the literal's own error is not the iteration's.
func createDummies(tables []nftable) (retErr error) {
	for _, t := range tables {
		defer func(fam int) {
			if err := deleteTable(fam); err != nil && retErr == nil {
				retErr = fmt.Errorf("delete table %d: %w", fam, err)
			}
		}(t.fam)
	}
	return nil
}

type network struct{ writers map[string]int }

func (n *network) register(mac string, w int) { n.writers[mac] = w }
func (n *network) unregister(mac string)      { delete(n.writers, mac) }

func lookup(nets map[string]*network, mac string) *network { return nets[mac] }

// Once per key: each MAC's writer is registered the first time it is seen and kept for the rest
// of the connection.
func serve(frames <-chan string, nets map[string]*network) {
	seen := map[string]bool{}
	for mac := range frames {
		if !seen[mac] {
			seen[mac] = true
			n := lookup(nets, mac)
			n.register(mac, 1)
			defer n.unregister(mac)
		}
	}
}

func serveOk(frames <-chan string, nets map[string]*network) {
	seen := map[string]struct{}{}
	for mac := range frames {
		if _, ok := seen[mac]; !ok {
			seen[mac] = struct{}{}
			n := lookup(nets, mac)
			n.register(mac, 1)
			defer n.unregister(mac)
		}
	}
}

type consumer struct{ id int }

func (c *consumer) Stop() {}

func consume(id int, handle func(msg string)) (*consumer, error) { return &consumer{id: id}, nil }

func dial(id int) (*consumer, error) { return &consumer{id: id}, nil }

type handler func(msg string)

// Consumers started with a handler work by calling it for as long as they live: the loop starts
// them all and the function keeps them running until it returns.
func runConsumers(n int, stop <-chan struct{}) error {
	for i := 0; i < n; i++ {
		c, err := consume(i, func(msg string) { fmt.Println(msg) })
		if err != nil {
			return err
		}
		defer c.Stop()
	}
	for i := 0; i < n; i++ {
		c, err := consume(i, handler(func(msg string) { fmt.Println(msg) }))
		if err != nil {
			return err
		}
		defer c.Stop()
	}
	<-stop
	return nil
}

var errReadOnly = errors.New("read only")

func putWAL(i int) (string, error) {
	if i < 2 {
		return "", errReadOnly
	}
	return fmt.Sprint(i), nil
}

func deleteWAL(id string) {}

// The cleanup is deferred only when the put succeeded, and a success then leaves the loop: the
// conditions that lead to the defer rule out every path back to it.
func firstWritable() error {
retry:
	for i := 0; ; i++ {
		id, err := putWAL(i)
		if id != "" && err == nil {
			defer deleteWAL(id)
		}
		switch {
		case err == nil:
			break retry
		case errors.Is(err, errReadOnly):
			continue
		default:
			return err
		}
	}
	return nil
}

func firstWritableIf(n int) error {
	for i := 0; i < n; i++ {
		id, err := putWAL(i)
		if err != nil {
			defer fmt.Println("failed", i)
		} else {
			defer deleteWAL(id)
		}
		if err == nil {
			return nil
		}
	}
	return errReadOnly
}

type keptBody struct {
	body io.Reader
}

// Quiet: the wrapper around the body is kept beyond the iteration, so closing at return is the
// intent.
func keepBodies(c *http.Client, urls []string) ([]keptBody, error) {
	var kept []keptBody
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		w := keptBody{body: resp.Body}
		kept = append(kept, w)
	}
	return kept, nil
}

// A field that holds pointers, copied out, carries part of the response past the iteration; the
// author keeps every response open until the function returns.
func lastTrailer(c *http.Client, urls []string) http.Header {
	var trailer http.Header
	for _, u := range urls {
		resp, err := c.Get(u)
		if err != nil {
			return nil
		}
		defer resp.Body.Close()
		trailer = resp.Trailer
	}
	return trailer
}
