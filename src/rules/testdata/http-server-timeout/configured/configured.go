// A package-level server configured elsewhere in the package, and a constructor whose result
// the package configures before serving.
package configured

import (
	"net/http"
	"time"
)

var public = &http.Server{Addr: ":443"}

func init() { public.ReadTimeout = 30 * time.Second }

func newServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h}
}

func run(h http.Handler) error {
	s := newServer(h)
	s.ReadHeaderTimeout = time.Second
	return s.ListenAndServe()
}
