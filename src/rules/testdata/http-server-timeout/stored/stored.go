// Servers stored in a structure and configured where the package starts them.
package stored

import (
	"net/http"
	"time"
)

type app struct{ srv *http.Server }

func newApp(h http.Handler) *app {
	return &app{srv: &http.Server{Handler: h}}
}

func (a *app) run(timeout time.Duration) error {
	a.srv.ReadHeaderTimeout = timeout
	return a.srv.ListenAndServe()
}
