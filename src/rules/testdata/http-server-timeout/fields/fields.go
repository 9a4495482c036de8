// Servers stored in struct fields: reported when the package serves through that field.
package fields

import "net/http"

type app struct{ srv *http.Server }

func newApp(h http.Handler) *app {
	return &app{srv: &http.Server{Handler: h}} // want `http.Server without`
}

func (a *app) run() error { return a.srv.ListenAndServe() }

// Served through the embedding struct's promoted method.
type embedded struct{ *http.Server }

func newEmbedded(h http.Handler) *embedded {
	e := &embedded{}
	e.Server = &http.Server{Handler: h} // want `http.Server without`
	return e
}

func (e *embedded) run() error { return e.ListenAndServe() }

// A local variable stored into a served field.
func (a *app) reset(h http.Handler) {
	s := &http.Server{Handler: h} // want `http.Server without`
	a.srv = s
}

// Not served here: a template handed to another server implementation, and a constructor's
// result (where it is served, and how, is the caller's business).
type options struct{ BaseConfig *http.Server }

func template() options { return options{BaseConfig: &http.Server{}} }

func newServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h}
}

// Built but never served.
func unused(h http.Handler) *http.Server {
	s := &http.Server{Handler: h}
	return s
}
