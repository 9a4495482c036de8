package body

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
)

func deferred(c *http.Client, url string, v any) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// Closed before the error check, guarded by a nil check.
func guarded(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if resp != nil && resp.Body != nil {
		defer resp.Body.Close()
	}
	if err != nil {
		return err
	}
	return nil
}

// err == nil written the other way round.
func positive(c *http.Client, url string) int {
	resp, err := c.Get(url)
	if err == nil {
		defer resp.Body.Close()
		return resp.StatusCode
	}
	return 0
}

// Closed on the status path and on the main path.
func closedOnEveryPath(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return err
}

// Handed on: returned, the body returned, stored.
func returned(c *http.Client, url string) (*http.Response, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

func bodyReturned(c *http.Client, url string) (io.ReadCloser, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

type result struct {
	resp *http.Response
}

func stored(c *http.Client, url string) (*result, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	return &result{resp: resp}, nil
}

func sent(c *http.Client, url string, out chan<- *http.Response) {
	resp, err := c.Get(url)
	if err != nil {
		return
	}
	out <- resp
}

// Helpers that close what they get, directly or through another helper.
func drainAndClose(resp *http.Response) {
	if resp != nil && resp.Body != nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

func closeIt(c io.Closer) { _ = c.Close() }

func finish(resp *http.Response) { closeIt(resp.Body) }

func helpers(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer drainAndClose(resp)
	resp2, err := c.Get(url)
	if err != nil {
		return err
	}
	finish(resp2)
	return nil
}

// A deferred literal, a literal called through a variable, a method value.
func literals(c *http.Client, url string, onClose func(func() error)) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := resp.Body.Close(); cerr != nil {
			log.Print(cerr)
		}
	}()
	resp2, err := c.Get(url)
	if err != nil {
		return err
	}
	closer := func(r *http.Response) { r.Body.Close() }
	closer(resp2)
	resp3, err := c.Get(url)
	if err != nil {
		return err
	}
	onClose(resp3.Body.Close)
	return nil
}

// Handed to a function value gotrap cannot see into.
func handedOff(c *http.Client, url string, consume func(*http.Response) error) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return consume(resp)
}

// A path that ends the process is not a leak.
func fatal(c *http.Client, url string) {
	resp, err := c.Get(url)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
}

// An in-memory response: nothing to release.
func recorded(h http.Handler, req *http.Request) int {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	resp := w.Result()
	return resp.StatusCode
}

// A retry loop that closes before trying again.
func retryClosing(c *http.Client, req *http.Request) (*http.Response, error) {
	for {
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusServiceUnavailable {
			resp.Body.Close()
			continue
		}
		return resp, nil
	}
}

// Stored in a field or a package-level variable: owned elsewhere.
var last *http.Response

type holder struct{ r *http.Response }

func (h *holder) fetch(c *http.Client, url string) {
	last, _ = c.Get(url)
	h.r, _ = c.Get(url)
}

// A named result is the caller's.
func named(c *http.Client, url string) (resp *http.Response, err error) {
	resp, err = c.Get(url)
	return
}

// A local type named Response is not net/http's.
type Response struct{ Body io.ReadCloser }

func fake() (*Response, error) { return &Response{}, nil }

func notHTTP() {
	r, _ := fake()
	_ = r
}

// A deferred literal registered first closes whatever the variable holds at return.
func deferredFirst(c *http.Client, url string) (int, error) {
	var resp *http.Response
	defer func() {
		if resp != nil {
			resp.Body.Close()
		}
	}()
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("status %d", resp.StatusCode)
	}
	return resp.StatusCode, nil
}

// A wrapper that reads and closes the body for its caller, handing back the response for its
// status and headers.
func sendRequest(c *http.Client, req *http.Request) ([]byte, *http.Response, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, resp, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return b, resp, err
}

func usesWrapper(c *http.Client, req *http.Request) ([]byte, error) {
	b, resp, err := sendRequest(c, req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d", resp.StatusCode)
	}
	_, _, err = sendRequest(c, req)
	return b, err
}

// A response parsed from a reader the caller owns: no connection behind it.
func parse(r *bufio.Reader) (int, error) {
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// The error result is a struct carrying the error.
type requestError struct{ err error }

func doRequest(c *http.Client, req *http.Request) (*http.Response, requestError) {
	resp, err := c.Do(req)
	return resp, requestError{err: err}
}

func structError(c *http.Client, req *http.Request) error {
	resp, rerr := doRequest(c, req)
	if rerr.err != nil {
		return rerr.err
	}
	defer resp.Body.Close()
	return nil
}

// Through an interface whose implementation here reads and closes the body.
type apiClient interface {
	Do(req *http.Request) (*http.Response, []byte, error)
}

type apiClientImpl struct{ c *http.Client }

func (a apiClientImpl) Do(req *http.Request) (*http.Response, []byte, error) {
	b, resp, err := sendRequest(a.c, req)
	return resp, b, err
}

func viaInterface(api apiClient, req *http.Request) ([]byte, error) {
	_, b, err := api.Do(req)
	return b, err
}

// errors.Is holds only for a failed request.
func canceled(ctx context.Context, c *http.Client, req *http.Request) error {
	for {
		resp, err := c.Do(req.WithContext(ctx))
		if errors.Is(err, context.Canceled) {
			return err
		} else if err != nil {
			continue
		}
		return resp.Body.Close()
	}
}

// A response rebuilt from a cache: no connection behind it.
func cached(b []byte) (*http.Response, error) {
	return http.ReadResponse(bufio.NewReader(bytes.NewReader(b)), nil)
}

func fromCache(b []byte) int {
	resp, err := cached(b)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

// HEAD responses have no body.
func heads(ctx context.Context, c *http.Client, url string) (int64, error) {
	_, err := c.Head(url)
	if err != nil {
		return 0, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	return resp.ContentLength, nil
}

// A helper closes the body inside a branch that goes on to return the response.
func readAndClose(rc io.ReadCloser) ([]byte, error) {
	defer rc.Close()
	return io.ReadAll(rc)
}

func execCommon(c *http.Client, req *http.Request) (*http.Response, []byte, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, nil, err
	}
	var b []byte
	if resp.StatusCode != http.StatusNoContent {
		b, err = readAndClose(resp.Body)
		if err != nil {
			return nil, nil, err
		}
	}
	return resp, b, nil
}

func usesCommon(c *http.Client, req *http.Request) ([]byte, error) {
	_, b, err := execCommon(c, req)
	return b, err
}

// Response.Write closes the body after sending it.
func dump(c *http.Client, url string, w io.Writer) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Write(w)
}

// The body handed on through a type assertion: a protocol switch keeps it as the connection.
func upgrade(c *http.Client, req *http.Request) (io.ReadWriteCloser, error) {
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		resp.Body.Close()
		return nil, errors.New(resp.Status)
	}
	rwc, ok := resp.Body.(io.ReadWriteCloser)
	if !ok {
		resp.Body.Close()
		return nil, errors.New("body is not writable")
	}
	return rwc, nil
}

// The error checked in a tagless switch, and through a type assertion's ok.
type statusError struct{ code int }

func (e *statusError) Error() string { return fmt.Sprint(e.code) }

func switched(c *http.Client, req *http.Request) (*http.Response, error) {
	for {
		resp, err := c.Do(req)
		switch {
		case err != nil:
			return nil, err
		case resp.StatusCode < 300:
			return resp, nil
		case resp.StatusCode >= 500:
			resp.Body.Close()
		default:
			defer resp.Body.Close()
			return nil, errors.New(resp.Status)
		}
	}
}

func asserted(c *http.Client, req *http.Request) (int, error) {
	resp, err := c.Do(req)
	if e, ok := err.(*statusError); ok && e.code == 404 {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// A HEAD request through a constant of this package.
const methodHead = http.MethodHead

func headConst(c *http.Client, url string) (int64, error) {
	req, err := http.NewRequest(methodHead, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	return resp.ContentLength, nil
}
