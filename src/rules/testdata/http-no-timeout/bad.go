// HTTP requests that nothing bounds: a server that accepts the connection and
// never answers keeps this goroutine forever.
package notimeout

import (
	"context"
	"net/http"
	"net/url"
	"strings"
)

func status(u string) (int, error) {
	resp, err := http.Get(u) // want `(?i)timeout`
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

func exists(u string) bool {
	resp, err := http.Head(u) // want `(?i)timeout`
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

func submit(u, body string) error {
	resp, err := http.Post(u, "application/json", strings.NewReader(body)) // want `(?i)timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func submitForm(u string, form url.Values) error {
	resp, err := http.PostForm(u, form) // want `(?i)timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func viaDefault(u string) error {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req) // want `(?i)timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func viaBareClient(u string) error {
	c := &http.Client{Transport: &http.Transport{Proxy: http.ProxyFromEnvironment}}
	resp, err := c.Get(u) // want `(?i)timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func viaZeroClient(u string) error {
	var c http.Client
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req) // want `(?i)timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Declared first, assigned later: `req, err =` is the same request as `req, err :=`.
func viaDefaultAssigned(u string) error {
	var req *http.Request
	var err error
	req, err = http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req) // want `(?i)timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func viaBareClientAssigned(u string) error {
	var c *http.Client
	c = &http.Client{}
	var resp *http.Response
	var err error
	resp, err = c.Get(u) // want `(?i)timeout`
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
