// Response bodies left open on a path where the request succeeded.
package body

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// The early return after the status check skips the deferred close below it.
func fetchStatus(c *http.Client, url string) error {
	resp, err := c.Get(url) // want `the body of resp \(from Get\) is not closed on every path where the request succeeded: the return on line 20`
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	defer resp.Body.Close()
	return nil
}

// The error check and the status check share a branch: err is nil there when the status is bad.
func fetchCombined(c *http.Client, req *http.Request, v any) error {
	resp, err := c.Do(req) // want `not closed on every path`
	if err != nil || resp.StatusCode >= 300 {
		return errors.New("request failed")
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}

// Read, never closed: reading to the end is not closing.
func readAll(url string) ([]byte, error) {
	resp, err := http.Get(url) // want `the end of the function|the return on line`
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

// After err is reused by ReadAll, its check says nothing about the request.
func readThenClose(c *http.Client, req *http.Request) ([]byte, error) {
	resp, err := c.Do(req) // want `the return on line 53`
	if err != nil {
		return nil, err
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return b, nil
}

// A retry loop that drops the failed attempt's response.
func retry(c *http.Client, req *http.Request) (*http.Response, error) {
	for i := 0; i < 3; i++ {
		resp, err := c.Do(req) // want `goes round the loop to this call again`
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if resp.StatusCode == http.StatusServiceUnavailable {
			continue
		}
		return resp, nil
	}
	return nil, errors.New("gave up")
}

// Overwritten before the first body is closed.
func twice(c *http.Client, a, b string) error {
	resp, err := c.Get(a) // want `resp is overwritten on line 81 while its body is open`
	if err != nil {
		return err
	}
	resp, err = c.Get(b)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Discarded responses.
func ping(url string) {
	http.Get(url) // want `the response of Get is discarded`
}

func pingErr(c *http.Client, url string) error {
	_, err := c.Post(url, "text/plain", nil) // want `discarded`
	return err
}

// A helper that reads the body but never closes it does not take it over.
func logBody(resp *http.Response) {
	b, _ := io.ReadAll(resp.Body)
	fmt.Println(string(b))
}

func withHelper(c *http.Client, url string) error {
	resp, err := c.Get(url) // want `not closed`
	if err != nil {
		return err
	}
	logBody(resp)
	return nil
}

// A function literal that would close it, assigned to _, never runs.
func neverRun(c *http.Client, url string) {
	resp, err := c.Get(url) // want `not closed`
	if err != nil {
		return
	}
	_ = func() { resp.Body.Close() }
}

// A function of this package that returns a response: its caller owns the body.
func get(c *http.Client, url string) (*http.Response, error) {
	return c.Get(url)
}

func callsGet(c *http.Client, url string) (int, error) {
	resp, err := get(c, url) // want `from get`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Closes the body only on the path where it returns an error: the response it returns is open.
func requireOK(resp *http.Response, err error) (*http.Response, error) {
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, errors.New("unexpected status")
	}
	return resp, nil
}

func usesRequireOK(c *http.Client, url string) error {
	_, err := requireOK(c.Get(url)) // want `the response of requireOK is discarded`
	return err
}
