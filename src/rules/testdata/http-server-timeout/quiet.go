package serve

import (
	"net/http"
	"time"
)

func withHeaderTimeout(h http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: h, ReadHeaderTimeout: 5 * time.Second}
	return srv.ListenAndServe()
}

func withReadTimeout(h http.Handler) error {
	srv := http.Server{Addr: ":8080", Handler: h, ReadTimeout: 5 * time.Second}
	return srv.ListenAndServe()
}

// Set after construction.
func setLater(h http.Handler, cfg struct{ Header time.Duration }) error {
	srv := &http.Server{Addr: ":8080", Handler: h}
	srv.ReadHeaderTimeout = cfg.Header
	return srv.ListenAndServe()
}

// Handed to code that may configure it.
func configured(h http.Handler, configure func(*http.Server)) error {
	srv := &http.Server{Handler: h}
	configure(srv)
	return srv.ListenAndServe()
}

// Not net/http's server or functions.
type Server struct{ Addr string }

func ListenAndServe(string, http.Handler) error { return nil }

func lookAlikes(h http.Handler) error {
	_ = &Server{Addr: ":1"}
	return ListenAndServe(":1", h)
}

// Not serving: a handler only.
func handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
}
