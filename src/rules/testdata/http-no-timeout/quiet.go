// Look-alikes that must stay quiet: the client has a Timeout, or the request
// carries a deadline.
package notimeout

import (
	"context"
	"net/http"
	"time"
)

var apiClient = &http.Client{Timeout: 5 * time.Second}

func statusBounded(u string) (int, error) {
	resp, err := apiClient.Get(u)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func localBounded(u string) error {
	c := &http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func requestDeadline(u string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func bareClientDeadline(u string, at time.Time) error {
	ctx, cancel := context.WithDeadline(context.Background(), at)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	c := &http.Client{}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

type cache map[string]string

func (c cache) Get(k string) string { return c[k] }

func notHTTP(c cache) string {
	return c.Get("http://example.com")
}

func valueClient(u string) error {
	c := http.Client{Timeout: time.Second}
	resp, err := c.Head(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func timeoutFromVariable(u string, budget time.Duration) error {
	c := &http.Client{Timeout: budget}
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func onlyBuilt(u string) (*http.Request, error) {
	return http.NewRequest(http.MethodGet, u, nil)
}

// A transport from elsewhere may bound the exchange itself (connection read deadlines).
func transportFromCaller(u string, rt http.RoundTripper) error {
	c := &http.Client{Transport: rt}
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// The pre-context way to bound a request: its Cancel channel.
func cancelChannel(ctx context.Context, u string) error {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	req.Cancel = ctx.Done()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Written twice: the client used may be the one with a timeout.
func reassignedClient(u string, slow bool) error {
	var c *http.Client
	c = &http.Client{}
	if slow {
		c = &http.Client{Timeout: time.Minute}
	}
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Declared first, assigned later, with a deadline on the request.
func assignedDeadline(u string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	var req *http.Request
	var err error
	req, err = http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
