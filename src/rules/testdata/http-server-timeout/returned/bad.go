// Returned to callers, and no code of the package ever sets a read timeout.
package returned

import "net/http"

func newServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h} // want `http.Server without`
}

type app struct{ srv *http.Server }

func newApp(h http.Handler) *app {
	return &app{srv: &http.Server{Handler: h}} // want `http.Server without`
}
